import { expect } from "chai";
import { runAgainst } from "./harness";
import { World } from "./world";

describe("verify read-only scenarios against local fakes", () => {
  let world: World;
  beforeEach(() => {
    world = new World();
  });
  afterEach(() => world.stop());

  it("a healthy deployment passes every read-only scenario, with measured values and config-derived expectations", async () => {
    await world.start();
    const run = await runAgainst(world);
    const summary = run.report.results.map((r) => `${r.id}=${r.status}`);
    expect(summary, JSON.stringify(run.report.results, null, 1)).to.deep.equal([
      "tls=pass",
      "redirects=pass",
      "target-health=pass",
      "spread-stickiness=pass",
      "app-status=pass",
      "efs-shared=pass",
      "nat-egress=pass",
      "alarms-ok=pass",
      "sla-check=pass",
      "no-public-ssh=pass",
    ]);
    expect(run.result("tls").measured).to.equal(
      "negotiated TLSv1.3, TLS 1.3 offered, policy ELBSecurityPolicy-TLS13-1-2-2021-06",
    );
    expect(run.result("target-health").expected).to.equal("all healthy, ≥ 2 (the group's MinSize)");
    expect(run.result("spread-stickiness").measured).to.match(
      /^2 instances in 2 AZs for 4 new clients; 4\/4 with the cookie on i-/,
    );
    expect(run.result("sla-check").measured).to.equal("2/3 checkers healthy (67 %)");
    expect(run.result("alarms-ok").measured).to.equal("4/4 OK");
    // Read-only: nothing was stopped, started, loaded or injected.
    expect(world.aws.calls.map((c) => c.op)).to.not.include.members(["StopInstances", "PutLogEvents"]);
    expect(world.ssmLog.flatMap((l) => l.commands).join("\n")).to.not.match(/systemctl|systemd-run/);
    expect(world.efsFiles.size, "the EFS test file is removed").to.equal(0);
  });

  it("tls: fails on a listener policy other than the configured one, and when TLS 1.3 is not offered", async () => {
    world.listenerPolicy = "ELBSecurityPolicy-2016-08";
    world.tlsMax = "TLSv1.2";
    await world.start();
    const tls = (await runAgainst(world, { only: ["tls"] })).result("tls");
    expect(tls.status).to.equal("fail");
    expect(tls.details).to.deep.equal([
      "listener policy ELBSecurityPolicy-2016-08, configured ELBSecurityPolicy-TLS13-1-2-2021-06",
      "TLS 1.3 refused",
    ]);
    expect(tls.measured).to.equal("negotiated TLSv1.2, TLS 1.3 refused, policy ELBSecurityPolicy-2016-08");
  });

  it("tls: a certificate the checker does not trust fails the scenario (verification stays on)", async () => {
    await world.start();
    // No CA given: the test chain is not in the system roots, so the handshake must fail.
    const tls = (await runAgainst(world, { only: ["tls"], trustTestCa: false })).result("tls");
    expect(tls.status).to.equal("fail");
    expect(tls.measured).to.match(/^error: .*(self-signed|unable to verify|local issuer)/i);
  });

  it("redirects: a 302 instead of 301 fails, naming the URL", async () => {
    world.redirectStatus = 302;
    await world.start();
    const r = (await runAgainst(world, { only: ["redirects"] })).result("redirects");
    expect(r.status).to.equal("fail");
    expect(r.details).to.include("http://buddyverse.test/ answered 302 https://buddyverse.test/");
  });

  it("target-health: an unhealthy target fails it", async () => {
    Object.assign(world.instances[1]!, { webUp: false, brokenAt: world.clock.now() - 60_000 });
    world.replaceAfterMs = Infinity;
    await world.start();
    const r = (await runAgainst(world, { only: ["target-health"] })).result("target-health");
    expect(r.status).to.equal("fail");
    expect(r.measured).to.equal("1/2 healthy");
    expect(r.details).to.deep.equal([`${world.instances[1]!.id}: unhealthy`]);
  });

  it("spread-stickiness: fails when the cookie does not pin, and when one instance serves everything", async () => {
    world.sticky = false;
    await world.start();
    const loose = (await runAgainst(world, { only: ["spread-stickiness"] })).result("spread-stickiness");
    expect(loose.status).to.equal("fail");
    expect(loose.details?.[0]).to.match(/^2\/4 requests with the cookie left i-/);

    world.sticky = true;
    world.desired = world.min = 1;
    world.instances.pop();
    const single = (await runAgainst(world, { only: ["spread-stickiness"] })).result("spread-stickiness");
    expect(single.status).to.equal("fail");
    expect(single.details?.[0]).to.match(/^4 requests without a cookie all went to i-/);
  });

  it("app-status: an instance whose shared files are not writable fails it", async () => {
    world.instances[0]!.efsOk = false;
    await world.start();
    const r = (await runAgainst(world, { only: ["app-status"] })).result("app-status");
    expect(r.status).to.equal("fail");
    const id = world.instances[0]!.id;
    expect(r.details).to.include.members([
      `${id}: ok=false`,
      `${id}: EFS static mounted=true writable=false`,
    ]);
  });

  it("efs-shared: fails when the second instance does not see the file; times out on a stuck SSM command", async () => {
    world.efsShared = false;
    await world.start();
    const r = (await runAgainst(world, { only: ["efs-shared"] })).result("efs-shared");
    expect(r.status).to.equal("fail");
    expect(r.details?.[0]).to.match(
      /^cat: \/mnt\/efs\/static\/\.cloudblocks-verify-[0-9a-f]{16}: No such file/,
    );

    world.ssmHangs = true;
    const hung = (await runAgainst(world, { only: ["efs-shared"], timeouts: { commandMs: 10_000 } })).result(
      "efs-shared",
    );
    expect(hung.status).to.equal("fail");
    expect(hung.measured).to.match(
      /^timed out after 10 s waiting for write a test file on i-\d+ \(last seen: InProgress\)/,
    );
  });

  it("nat-egress: fails when curl cannot reach the outside", async () => {
    world.egressCode = "000";
    await world.start();
    const r = (await runAgainst(world, { only: ["nat-egress"] })).result("nat-egress");
    expect(r.status).to.equal("fail");
    expect(r.measured).to.match(/curl exit 28, HTTP 000$/);
  });

  it("alarms-ok: fails on an alarm in ALARM and on one the stack names but CloudWatch does not have (queried in its own region)", async () => {
    world.alarms.get("buddyverse-prod-alarms-sla-alarm")!.state = "ALARM";
    await world.start();
    const outputs = world.outputs();
    world.outputs = () => ({
      ...outputs,
      alarmArns: [...outputs.alarmArns, "arn:aws:cloudwatch:ap-northeast-2:1:alarm:gone"],
    });
    const r = (await runAgainst(world, { only: ["alarms-ok"] })).result("alarms-ok");
    expect(r.status).to.equal("fail");
    expect(r.details).to.have.members(["buddyverse-prod-alarms-sla-alarm: ALARM", "gone: missing"]);
    expect(world.aws.count("DescribeAlarms"), "one call per region").to.equal(2);
  });

  it("sla-check: fails when 18 % or fewer checkers see the site healthy; skipped without a health check", async () => {
    world.observations = [
      "Failure: HTTP Status Code 503",
      "Failure: timeout",
      "Success: HTTP Status Code 200",
    ].concat(Array(3).fill("Failure: timeout"));
    await world.start();
    const r = (await runAgainst(world, { only: ["sla-check"] })).result("sla-check");
    expect(r.status).to.equal("fail");
    expect(r.measured).to.equal("1/6 checkers healthy (17 %)");
    const outputs = world.outputs();
    world.outputs = () => ({
      ...outputs,
      healthCheckId: null,
      domainName: null,
      sslPolicy: null,
      siteUrl: "http://alb.test",
    });
    const none = await runAgainst(world, { only: ["sla-check", "tls", "redirects"] });
    expect(none.report.results.map((x) => x.status)).to.deep.equal(["skip", "skip", "skip"]);
  });

  it("no-public-ssh: fails on an instance with a public IP whose group admits 22 from ::/0", async () => {
    world.sshOpenGroup = true;
    Object.assign(world.instances[0]!, { groups: ["sg-app", "sg-ssh"], publicIp: "3.3.3.3" });
    await world.start();
    const r = (await runAgainst(world, { only: ["no-public-ssh"] })).result("no-public-ssh");
    expect(r.status).to.equal("fail");
    expect(r.details).to.deep.equal([
      `${world.instances[0]!.id}: sg-ssh admit 22 from anywhere on public IP 3.3.3.3`,
    ]);
  });
});
