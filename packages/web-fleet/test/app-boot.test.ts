import { expect } from "chai";
import { gunzipSync } from "node:zlib";
import { appFiles } from "@cloudblocks/reference-app";
import {
  DATABASE_ENV_PATH,
  databaseEnvFile,
  RDS_CA_BUNDLE_PATH,
  RDS_CA_BUNDLE_URL,
  renderUserData,
  WebFleet,
  type DatabaseEnvironment,
  type UserDataInput,
} from "../src";
import { bashSyntaxErrors, build, network, prodArgs, T, userDataOf } from "./fixtures";

const SECRET = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!db-1234-AbCdEf";
const KEY = "arn:aws:kms:ap-northeast-2:123456789012:key/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab";
const db: DatabaseEnvironment = {
  writerHost: "buddyverse-prod-db-primary.c0abc.ap-northeast-2.rds.amazonaws.com",
  readerHosts: ["buddyverse-prod-db-replica-c.c0abc.ap-northeast-2.rds.amazonaws.com"],
  port: 3306,
  secretArn: SECRET,
  region: "ap-northeast-2",
};
const base: UserDataInput = {
  logGroups: {
    app: "/cloudblocks/web-fleet/buddyverse-prod-web/abcdef0",
    webAccess: "/cloudblocks/web-fleet/buddyverse-prod-web/web-access-abcdef0",
    webError: "/cloudblocks/web-fleet/buddyverse-prod-web/web-error-abcdef0",
    boot: "/cloudblocks/web-fleet/buddyverse-prod-web/boot-abcdef0",
  },
  accessLogPath: "/var/log/httpd/access_log",
  errorLogPath: "/var/log/httpd/error_log",
  appLogPath: "/var/log/app/app.log",
  healthCheckPath: "/healthz",
  fileSystemId: "fs-0e922dc34f9e8f2f6",
  accessPointId: "fsap-0123456789abcdef0",
  database: db,
};

/** The files the script unpacks (`base64 -d <<'APP_FILES' | gunzip | node -e … dir`), decoded. */
function unpackedFiles(script: string): Record<string, string> {
  const m =
    /base64 -d <<'APP_FILES' \| gunzip \| \/usr\/bin\/node-22 -e '[^']+' '([^']+)'\n([\s\S]*?)\nAPP_FILES\n/.exec(
      script,
    );
  expect(m, "the app bundle").to.not.equal(null);
  const files = JSON.parse(
    gunzipSync(Buffer.from(m![2]!.replace(/\n/g, ""), "base64")).toString("utf8"),
  ) as Record<string, string>;
  return Object.fromEntries(Object.entries(files).map(([f, t]) => [`${m![1]}/${f}`, t]));
}

describe("WebFleet app boot: database environment and reference app", () => {
  it("/etc/app/database.env carries the hosts, port, secret ARN, region and CA bundle path, and nothing else", () => {
    expect(databaseEnvFile({ ...db, readerHosts: ["r1.x", "r2.x"] }).split("\n")).to.deep.equal([
      `DB_WRITER_HOST=${db.writerHost}`,
      "DB_READER_HOSTS=r1.x,r2.x",
      "DB_PORT=3306",
      `DB_SECRET_ARN=${SECRET}`,
      `DB_CA_BUNDLE=${RDS_CA_BUNDLE_PATH}`,
      "AWS_REGION=ap-northeast-2",
    ]);
    expect(databaseEnvFile({ ...db, readerHosts: [] })).to.contain("DB_READER_HOSTS=\n");
    expect(() => databaseEnvFile({ ...db, writerHost: "x\nDB_PASSWORD=1" })).to.throw(
      /DB_WRITER_HOST: got "x\\nDB_PASSWORD=1"/,
    );
  });

  it("writes it root:app 0640 and fetches the RDS global CA bundle before the app starts", () => {
    const script = renderUserData(base);
    expect(bashSyntaxErrors(script)).to.equal("");
    const env = script.indexOf(
      `cat >${DATABASE_ENV_PATH} <<'DATABASE_ENV'\n${databaseEnvFile(db)}\nDATABASE_ENV\n`,
    );
    expect(env).to.be.greaterThan(0);
    expect(script).to.contain(`chown root:app ${DATABASE_ENV_PATH}\nchmod 0640 ${DATABASE_ENV_PATH}`);
    expect(script).to.contain(`curl -fsS --max-time 20 -o ${RDS_CA_BUNDLE_PATH}.new '${RDS_CA_BUNDLE_URL}'`);
    expect(RDS_CA_BUNDLE_URL).to.equal("https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem");
    expect(script.indexOf("useradd --uid 2000")).to.be.within(0, env);
    expect(script.indexOf("systemctl enable --now reference-app")).to.be.greaterThan(
      script.indexOf(`mv ${RDS_CA_BUNDLE_PATH}.new`),
    );
    expect(script).to.contain("EnvironmentFile=-/etc/app/database.env");
    expect(script).not.to.match(/^[A-Z_]*PASS(WORD)?[A-Z_]*=/im);
    expect(script).not.to.match(/MYSQL_PWD/);
  });

  it("ships the reference app exactly as built (gzip+base64) with its unit and the httpd proxy, within EC2's 16 KB", () => {
    const script = renderUserData(base);
    const files = unpackedFiles(script);
    const expected = Object.fromEntries(
      Object.entries(appFiles()).map(([f, t]) => [`/opt/reference-app/${f}`, t]),
    );
    expect(files).to.deep.equal(expected);
    expect(script).to.contain("ExecStart=/usr/bin/node-22 /opt/reference-app/server.js");
    expect(script).to.contain("User=app\n");
    expect(script).to.contain("ProxyPass / http://127.0.0.1:8080/ retry=0 timeout=30");
    expect(script).to.contain("EFS_ROOT=/mnt/efs\n");
    expect(script).to.contain("chown app:app '/mnt/efs/static' '/mnt/efs/media'");
    // EC2 limits user data to 16 KB before base64 encoding; keep room for what others add.
    expect(Buffer.byteLength(script, "utf8")).to.be.below(16 * 1024);
    // Deterministic: the same inputs give the same script (an unrelated deploy does not roll the fleet).
    expect(renderUserData(base)).to.equal(script);
  });

  it("with the caller's bootstrap: the database environment and app user are still there, the reference app is not", () => {
    const script = renderUserData({ ...base, appBootstrap: "echo mine\n" });
    expect(bashSyntaxErrors(script)).to.equal("");
    expect(script).to.contain(`DB_SECRET_ARN=${SECRET}`);
    expect(script.indexOf(`cat >${DATABASE_ENV_PATH}`)).to.be.below(
      script.indexOf("/opt/web-fleet/app-bootstrap.sh"),
    );
    expect(script).not.to.contain("reference-app");
    expect(renderUserData({ ...base, database: undefined })).not.to.contain(`cat >${DATABASE_ENV_PATH}`);
  });

  it("the instance role may read that one secret and decrypt with that one key through Secrets Manager only", async () => {
    const built = await build({
      ...prodArgs,
      database: {
        writerHost: db.writerHost,
        readerHosts: [...db.readerHosts],
        port: 3306,
        secretArn: SECRET,
        kmsKeyArn: KEY,
      },
    });
    const policy = JSON.parse(String(built.one(T.rolePolicy, "web-database-secret").inputs["policy"]));
    expect(policy.Statement).to.deep.equal([
      {
        Sid: "ReadTheDatabaseSecret",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: SECRET,
      },
      {
        Sid: "DecryptItThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: KEY,
        Condition: {
          StringEquals: {
            "kms:ViaService": "secretsmanager.ap-northeast-2.amazonaws.com",
            "kms:EncryptionContext:SecretARN": SECRET,
          },
        },
      },
    ]);
    const script = userDataOf(built);
    expect(script).to.contain(
      `DB_WRITER_HOST=${db.writerHost}\nDB_READER_HOSTS=${db.readerHosts[0]}\nDB_PORT=3306\nDB_SECRET_ARN=${SECRET}`,
    );
    const without = await build({ network });
    expect(without.find(T.rolePolicy, "web-database-secret")).to.equal(undefined);
    expect(userDataOf(without)).not.to.contain(`cat >${DATABASE_ENV_PATH}`);
  });

  it("refuses a database that is not a DatabaseRef before creating anything", async () => {
    expect(
      () =>
        new WebFleet("web", {
          network,
          database: { writerHost: "h", readerHosts: [], port: 70000, secretArn: SECRET } as never,
        }),
    ).to.throw(
      /args\.database\.port: got 70000; allowed: an integer from 1 to 65535[\s\S]*args\.database\.kmsKeyArn: got nothing/,
    );
  });
});
