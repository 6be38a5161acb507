import { expect } from "chai";
import { readFileSync } from "node:fs";
import {
  AZ,
  fakeImds,
  fakeInstance,
  INSTANCE_ID,
  logLines,
  SECRET_ARN,
  startApp,
  type Instance,
  type RunningApp,
} from "./harness";
import { freePort, startTestDatabase, type TestDatabase } from "./mariadb";

interface Status {
  ok: boolean;
  instanceId: string;
  efs: Record<string, { mounted: boolean; writable: boolean; ms: number; error?: string }>;
  database: {
    writer: { host: string; ok: boolean; ms: number; error?: string };
    readers: { host: string; ok: boolean; ms: number; error?: string }[];
  } | null;
}

describe("reference app against a real MariaDB server (TLS required)", function () {
  this.timeout(60_000);
  let db: TestDatabase;
  let imds: { url: string; close(): void };
  const started: { app: RunningApp; instance: Instance }[] = [];

  const launch = async (
    options: { mounted?: boolean; readers?: string; ca?: string; password?: string } = {},
  ) => {
    const instance = fakeInstance(
      { username: db.username, password: options.password ?? db.password },
      options.mounted ?? true,
    );
    const app = await startApp(
      instance.env({
        APP_IMDS_URL: imds.url,
        DB_WRITER_HOST: "127.0.0.1",
        DB_READER_HOSTS: options.readers ?? "localhost",
        DB_PORT: String(db.port),
        DB_SECRET_ARN: SECRET_ARN,
        DB_CA_BUNDLE: options.ca ?? db.caFile,
        AWS_REGION: "ap-northeast-2",
      }),
      await freePort(),
    );
    started.push({ app, instance });
    return { app, instance };
  };

  let healthy: { app: RunningApp; instance: Instance };
  before(async () => {
    [db, imds] = await Promise.all([startTestDatabase(), fakeImds()]);
    healthy = await launch();
  });
  after(async () => {
    await Promise.all(started.map(({ app }) => app.stop()));
    for (const { instance } of started) instance.cleanup();
    imds?.close();
    db?.stop();
  });

  it("GET / names the instance and its AZ (from IMDSv2) and whether the ALB stickiness cookie came back", async () => {
    const plain = await healthy.app.get("/");
    expect(plain.status).to.equal(200);
    expect(plain.type).to.equal("application/json");
    expect(JSON.parse(plain.body)).to.deep.equal({
      instanceId: INSTANCE_ID,
      availabilityZone: AZ,
      lbCookie: false,
    });
    const sticky = await healthy.app.get("/", { Cookie: "session=1; AWSALB=abc123" });
    expect(JSON.parse(sticky.body)).to.include({ lbCookie: true });
    const corsOnly = await healthy.app.get("/", { Cookie: "AWSALBCORS=abc123" });
    expect(JSON.parse(corsOnly.body)).to.include({ lbCookie: false });
  });

  it("GET /healthz answers 200 ok from local checks; unknown paths are 404", async () => {
    expect(await healthy.app.get("/healthz")).to.include({ status: 200, body: "ok" });
    expect((await healthy.app.get("/nope")).status).to.equal(404);
  });

  it("GET /status writes through the writer and reads from each replica over verified TLS, with the shared files writable", async () => {
    const response = await healthy.app.get("/status");
    const status = JSON.parse(response.body) as Status;
    expect(response.status, response.body).to.equal(200);
    expect(status.ok).to.equal(true);
    expect(status.instanceId).to.equal(INSTANCE_ID);
    for (const dir of ["static", "media"]) {
      expect(status.efs[dir]).to.include({ mounted: true, writable: true });
      expect(status.efs[dir]!.ms).to.be.a("number").at.least(0);
    }
    expect(status.database!.writer).to.include({ host: "127.0.0.1", ok: true });
    expect(status.database!.readers).to.have.length(1);
    expect(status.database!.readers[0]).to.include({ host: "localhost", ok: true });
    // The write really happened, with this instance's id.
    expect(await db.sql("SELECT instance_id FROM reference_app.checks")).to.equal(`${INSTANCE_ID}\n`);
    // The credentials came from Secrets Manager (the one secret, in the instance's region).
    expect(readFileSync(healthy.instance.awsCalls, "utf8")).to.contain(
      `--secret-id ${SECRET_ARN} --region ap-northeast-2`,
    );
    expect(response.body).not.to.contain(db.password);
  });

  it("GET /status is 503 naming each failure: a replica down, shared files not mounted, an untrusted CA, a wrong password", async () => {
    const [broken, wrongCa, wrongPassword] = await Promise.all([
      launch({ mounted: false, readers: "localhost,127.0.0.2" }),
      launch({ ca: db.otherCaFile }),
      launch({ password: "not-the-password" }),
    ]);

    // Shared files not mounted: /healthz fails (the target group replaces the instance), the database does not.
    const health = await broken.app.get("/healthz");
    expect(health.status).to.equal(503);
    expect(health.body).to.contain("static, media");
    const response = await broken.app.get("/status");
    expect(response.status).to.equal(503);
    const status = JSON.parse(response.body) as Status;
    expect(status.ok).to.equal(false);
    expect(status.efs["static"]).to.include({ mounted: false, writable: false });
    expect(status.database!.writer.ok, "the writer is fine").to.equal(true);
    expect(status.database!.readers.map((r) => [r.host, r.ok])).to.deep.equal([
      ["localhost", true],
      ["127.0.0.2", false],
    ]);
    expect(status.database!.readers[1]!.error).to.match(/Can't connect/i);

    const untrusted = JSON.parse((await wrongCa.app.get("/status")).body) as Status;
    expect(untrusted.database!.writer.ok).to.equal(false);
    expect(untrusted.database!.writer.error).to.match(/certificate|SSL|TLS/i);

    const denied = JSON.parse((await wrongPassword.app.get("/status")).body) as Status;
    expect(denied.database!.writer).to.include({ ok: false });
    expect(denied.database!.writer.error).to.match(/Access denied/);
    // The failures are ERROR lines in the app log, level first; the password never appears.
    const errors = logLines(wrongPassword.instance).filter((line) => line.startsWith("ERROR "));
    expect(errors.join("\n")).to.match(
      /^ERROR \d{4}-\d\d-\d\dT[\d:.]+Z status check failed: database 127\.0\.0\.1: .*Access denied/m,
    );
    expect(readFileSync(wrongPassword.instance.logPath, "utf8")).not.to.contain("not-the-password");
  });

  it("logs one line per event with the level first", async () => {
    const lines = logLines(healthy.instance);
    expect(lines[0]).to.match(/^INFO \S+Z listening on 127\.0\.0\.1:\d+; database configured; shared files /);
    for (const line of lines)
      expect(line).to.match(/^(ERROR|WARN|INFO) \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
  });
});
