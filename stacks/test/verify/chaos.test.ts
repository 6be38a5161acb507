import { expect } from "chai";
import { SCENARIOS } from "../../src/verify/scenarios";
import { selectScenarios } from "../../src/verify/verify";
import { runAgainst } from "./harness";
import { World } from "./world";

const commandsOn = (world: World, id: string) =>
  world.ssmLog.filter((l) => l.instance === id).flatMap((l) => l.commands);

describe("verify chaos scenarios against local fakes", () => {
  let world: World;
  beforeEach(() => {
    world = new World();
  });
  afterEach(() => world.stop());

  it("destructive scenarios run only with chaos", () => {
    const ids = (chaos: boolean) =>
      selectScenarios(SCENARIOS, chaos)
        .filter((s) => s.chaos)
        .map((s) => s.id);
    expect(ids(false)).to.deep.equal([]);
    expect(ids(true)).to.deep.equal(["error-alarm", "web-server-stop", "instance-stop", "cpu-scale"]);
    expect(() => selectScenarios(SCENARIOS, false, ["nope"])).to.throw(/^--only: got nope; allowed: tls, /);
  });

  it("test 2-2 passes: unhealthy within interval × threshold from the target group, then replaced", async () => {
    await world.start();
    const victim = world.instances[0]!.id;
    const run = await runAgainst(world, { chaos: true, only: ["web-server-stop"] });
    const r = run.result("web-server-stop");
    expect(r.status, JSON.stringify(r)).to.equal("pass");
    expect(r.measured).to.match(/^unhealthy after 42 s, replaced after 1[2-4]\d s by i-0+3$/);
    expect(r.expected).to.equal(
      "unhealthy within 10 s × 5 = 50 s (+ 10 s in flight); replaced (group health check ELB)",
    );
    expect(world.instances.map((i) => i.id)).to.not.include(victim);
    // The victim was replaced, so there was nothing to restart on it.
    expect(commandsOn(world, victim)).to.deep.equal(["systemctl stop httpd"]);
    expect(
      run.progress.some((l) => l.includes(`${victim} unhealthy: healthy`)),
      "progress while waiting",
    ).to.equal(true);
  });

  it("test 2-2 fails when the target turns unhealthy later than the health check settings allow", async () => {
    world.unhealthyAfterMs = 90_000;
    world.replaceAfterMs = 150_000;
    await world.start();
    const r = (await runAgainst(world, { chaos: true, only: ["web-server-stop"] })).result("web-server-stop");
    expect(r.status).to.equal("fail");
    expect(r.measured).to.match(/^unhealthy after 92 s/);
  });

  it("test 2-2 times out when the target never turns unhealthy, and starts the web server again", async () => {
    world.unhealthyAfterMs = Infinity;
    await world.start();
    const victim = world.instances[0]!;
    const run = await runAgainst(world, {
      chaos: true,
      only: ["web-server-stop"],
      timeouts: { unhealthyMs: 100_000 },
    });
    const r = run.result("web-server-stop");
    expect(r.status).to.equal("fail");
    expect(r.measured).to.match(new RegExp(`^timed out after 100 s waiting for ${victim.id} unhealthy`));
    expect(victim.webUp, "web server restarted").to.equal(true);
    expect(commandsOn(world, victim.id)).to.deep.equal(["systemctl stop httpd", "systemctl start httpd"]);
    expect(run.report.restored).to.deep.equal([`restored: start httpd on ${victim.id}`]);
  });

  it("an interrupted run restores what it stopped and runs nothing after", async () => {
    world.unhealthyAfterMs = Infinity;
    await world.start();
    const victim = world.instances[0]!;
    const controller = new AbortController();
    const run = await runAgainst(world, {
      chaos: true,
      only: ["web-server-stop", "instance-stop"],
      signal: controller.signal,
      progress: (line) => line.includes("unhealthy: healthy (20 s") && controller.abort(),
    });
    expect(run.report.interrupted).to.equal(true);
    expect(run.report.results.map((r) => `${r.id}=${r.status} ${r.measured}`)).to.deep.equal([
      "web-server-stop=fail interrupted",
    ]);
    expect(victim.webUp).to.equal(true);
    expect(run.report.restored).to.deep.equal([`restored: start httpd on ${victim.id}`]);
    expect(world.aws.count("StopInstances")).to.equal(0);
  });

  it("test 2-1 passes when the stopped instance is replaced; on a timeout it is started again", async () => {
    await world.start();
    const victim = world.instances[0]!.id;
    const ok = (await runAgainst(world, { chaos: true, only: ["instance-stop"] })).result("instance-stop");
    expect(ok.status, JSON.stringify(ok)).to.equal("pass");
    expect(ok.measured).to.match(new RegExp(`^${victim} replaced by i-0+3 after 1[23]\\d s$`));
    expect(ok.expected).to.equal("replaced, 2 healthy targets (the group's DesiredCapacity) within 400 s");

    world.replaceAfterMs = Infinity;
    const next = world.instances[0]!;
    const run = await runAgainst(world, {
      chaos: true,
      only: ["instance-stop"],
      timeouts: { replaceMs: 60_000 },
    });
    expect(run.result("instance-stop").status).to.equal("fail");
    expect(run.result("instance-stop").measured).to.match(/^timed out after 60 s waiting for i-\d+ replaced/);
    expect(next.running, "started again").to.equal(true);
    expect(world.aws.count("StartInstances")).to.equal(1);
  });

  it("test 1 passes: load until max, scale back to min, the load ended on every instance it ran on", async () => {
    await world.start();
    const run = await runAgainst(world, { chaos: true, only: ["cpu-scale"] });
    const r = run.result("cpu-scale");
    expect(r.status, JSON.stringify(r)).to.equal("pass");
    expect(r.measured).to.match(/^2 → 4 in 3\d\d s, → 2 in 3\d\d s$/);
    expect(r.expected).to.match(
      /^TargetTrackingScaling: out ≈ 2 × \(180 s evaluation \+ 300 s warm-up\) = 960 s, in ≈ 2 × 900 s = 1800 s/,
    );
    const loadedIds = world.ssmLog
      .filter((l) => l.commands.some((c) => c.includes("systemd-run")))
      .map((l) => l.instance);
    expect(new Set(loadedIds).size, "new instances loaded too").to.equal(4);
    expect(world.instances.every((i) => !i.loaded)).to.equal(true);
  });

  it("test 1 times out when the group does not scale, and ends the load", async () => {
    world.scaleStepMs = Infinity;
    await world.start();
    const run = await runAgainst(world, { chaos: true, only: ["cpu-scale"], timeouts: { scaleMs: 120_000 } });
    expect(run.result("cpu-scale").measured).to.match(
      /^timed out after 120 s waiting for scale-out to 4 \(last seen: 2\/4 in service\)/,
    );
    expect(world.instances.map((i) => i.loaded)).to.deep.equal([false, false]);
    expect(run.report.restored).to.deep.equal(["restored: end the CPU load"]);
  });

  it("ERROR injection passes: ALARM, the topic action in the history, deliveries in the topic's metrics", async () => {
    await world.start();
    const r = (await runAgainst(world, { chaos: true, only: ["error-alarm"] })).result("error-alarm");
    expect(r.status, JSON.stringify(r)).to.equal("pass");
    expect(r.measured).to.equal(
      "2 ERROR events → ALARM after 60 s; action on the topic executed; 1 delivered, 0 failed",
    );
    expect(r.expected).to.match(/^ALARM within 60 s \(period × datapoints/);
    const put = world.aws.calls.find((c) => c.op === "PutLogEvents")!.params as {
      logEvents: { message: string }[];
    };
    expect(put.logEvents.map((e) => e.message.split(" ")[0])).to.deep.equal(["ERROR", "ERROR"]);
  });

  it("ERROR injection fails without a delivery and times out when the alarm never fires", async () => {
    world.notificationsDelivered = 0;
    await world.start();
    const short = { notifyMs: 60_000, unhealthyMs: 90_000 };
    const none = (await runAgainst(world, { chaos: true, only: ["error-alarm"], timeouts: short })).result(
      "error-alarm",
    );
    expect(none.status).to.equal("fail");
    expect(none.measured).to.match(/^timed out after 60 s waiting for SNS deliveries on alarms-abc/);

    const quiet = new World();
    quiet.errorAlarmAfterMs = undefined;
    await quiet.start();
    try {
      const r = (await runAgainst(quiet, { chaos: true, only: ["error-alarm"], timeouts: short })).result(
        "error-alarm",
      );
      expect(r.measured).to.match(
        /^timed out after 90 s waiting for buddyverse-prod-alarms-log-app-errors in ALARM \(last seen: OK\)/,
      );
    } finally {
      await quiet.stop();
    }
  });
});
