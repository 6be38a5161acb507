import { bootBoundSeconds } from "@cloudblocks/component-kit";
import { runBootScript, shellcheck, type BootRun, type BootRunOptions } from "@cloudblocks/testkit";
import { expect } from "chai";
import { renderBootScript } from "@cloudblocks/component-kit";
import {
  AGENT_CONFIG_PATH,
  AGENT_CTL,
  bootGracePeriodSeconds,
  EFS_MOUNT_OPTIONS,
  fleetBootSteps,
  HEALTHY_MARGIN_SECONDS,
  renderUserData,
  shQuote,
  SHARED_HEALTH_FILE,
  type UserDataInput,
} from "../src";
import { agentConfigOf, bashSyntaxErrors } from "./fixtures";

const base: UserDataInput = {
  logGroups: {
    app: "/cloudblocks/web-fleet/web/abc",
    webAccess: "/cloudblocks/web-fleet/web/web-access-abc",
    webError: "/cloudblocks/web-fleet/web/web-error-abc",
    boot: "/cloudblocks/web-fleet/web/boot-abc",
  },
  accessLogPath: "/var/log/httpd/access_log",
  errorLogPath: "/var/log/httpd/error_log",
  appLogPath: "/var/log/app/app.log",
  healthCheckPath: "/healthz",
  fileSystemId: "fs-0e922dc34f9e8f2f6",
  accessPointId: "fsap-0123456789abcdef0",
};
const script = renderUserData(base);
/**
 * The script the tests run: every step but the app tier's (app-boot.ts), which writes system paths (/etc/app,
 * users, units) without the $ROOT prefix and so cannot run on a test machine.
 */
const runnable = renderBootScript({
  generator: "test",
  steps: fleetBootSteps(base).filter((step) => step.name !== "app-tier"),
});
const run = (s: string, options: BootRunOptions = {}) =>
  runBootScript(s, { stubPaths: [AGENT_CTL], ...options });
const stepBound = (input: UserDataInput, name: string) =>
  fleetBootSteps(input).find((s) => s.name === name)!.timeoutSeconds;
/** Index of the first call matching, -1 if none. */
const callIndex = (r: BootRun, pattern: RegExp) => r.calls.findIndex((c) => pattern.test(c));

describe("WebFleet user data, run with stubbed system commands (WEB-8, WEB-10)", function () {
  // The scenarios run in parallel: each is a few dozen stub processes, no real sleeping.
  let happy: BootRun, worst: BootRun, efsDown: BootRun, agentDown: BootRun;
  this.timeout(30_000);
  before(async () => {
    [happy, worst, efsDown, agentDown] = await Promise.all([
      run(runnable, { runs: 2 }),
      // Every retried command needs all its attempts: the slowest boot that still succeeds.
      run(runnable, {
        cues: {
          dnf: { hang: "2/3" },
          "amazon-cloudwatch-agent-ctl": { hang: "1/2" },
          mount: { hang: "4/5" },
          systemctl: { hang: "1/2" },
          curl: { hang: "4/5" },
        },
      }),
      run(runnable, { cues: { mount: { hang: "1/1" } } }),
      run(runnable, { cues: { dnf: { fail: "1/1" } } }),
      run(
        renderUserData({
          ...base,
          appBootstrap: '#!/bin/bash\necho "app up as $(id -u)" >"$BOOT_ROOT/app-ran"\n',
        }),
      ),
    ]);
  });

  it("boots to BOOT OK, the agent installed and started before anything else", () => {
    expect(happy.statuses).to.deep.equal([0, 0]);
    expect(happy.lastLine).to.equal("BOOT OK");
    expect(happy.stdouts[0]).to.equal("cloudblocks boot: BOOT OK\n");
    const agentInstall = callIndex(happy, /^dnf install -y amazon-cloudwatch-agent$/);
    const agentStart = callIndex(happy, /^amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/);
    expect(agentInstall).to.equal(2); // after only the step's `timeout` and the retry's `timeout`
    expect(agentStart).to.be.greaterThan(agentInstall);
    for (const later of [
      /^dnf install -y amazon-efs-utils httpd nodejs22 mariadb105$/,
      /^mount /,
      /^curl /,
    ]) {
      expect(callIndex(happy, later)).to.be.greaterThan(agentStart);
    }
    const config = JSON.parse(happy.read(AGENT_CONFIG_PATH)!) as Record<string, unknown>;
    expect(config).to.deep.equal(agentConfigOf(runnable));
  });

  it("is idempotent: a second run mounts nothing twice and adds no second fstab line", () => {
    const fstab = happy
      .read("/etc/fstab")!
      .split("\n")
      .filter((l) => l.includes("efs"));
    expect(fstab).to.deep.equal([
      `fs-0e922dc34f9e8f2f6 /mnt/efs efs _netdev,${EFS_MOUNT_OPTIONS},tls,accesspoint=fsap-0123456789abcdef0 0 0`,
    ]);
    expect(happy.calls.filter((c) => /^mount /.test(c))).to.deep.equal(["mount /mnt/efs"]);
    expect(happy.log.match(/^BOOT OK$/gm)).to.have.length(2);
  });

  it("makes the web server and the reference app wait for the shared files", () => {
    for (const unit of ["httpd.service", "reference-app.service"]) {
      expect(happy.read(`/etc/systemd/system/${unit}.d/10-shared-files.conf`)).to.equal(
        "[Unit]\nRequiresMountsFor=/mnt/efs\n",
      );
    }
    expect(happy.calls).to.include("systemctl daemon-reload");
    expect(happy.read("/mnt/efs/static/.web-fleet-health")).to.equal("ok\n");
    expect(happy.read("/mnt/efs/media/.web-fleet-write-check")).to.equal("");
    // The reference app's /healthz checks the mount itself (app-boot.ts): no shared files, no healthy target.
    expect(SHARED_HEALTH_FILE).to.equal("/mnt/efs/static/.web-fleet-health");
  });

  it("survives transient failures: each retried with backoff (5, 10, 20, 30 s), still BOOT OK", () => {
    expect(worst.statuses).to.deep.equal([0]);
    expect(worst.log).to.contain(
      "attempt 1 of 3 failed, retrying in 5 s: dnf install -y amazon-cloudwatch-agent",
    );
    expect(worst.log).to.contain(
      "attempt 2 of 3 failed, retrying in 10 s: dnf install -y amazon-cloudwatch-agent",
    );
    expect(worst.log).to.contain("attempt 4 of 5 failed, retrying in 30 s: mount /mnt/efs");
    expect(worst.calls.filter((c) => c === "timeout 20 mount /mnt/efs")).to.have.length(5);
    expect(worst.calls.filter((c) => c.startsWith("sleep ")).map((c) => c.slice(6))).to.deep.equal([
      "5",
      "10",
      "5",
      "5",
      "10",
      "5",
      "10",
      "20",
      "30",
      "5",
      "10",
      "20",
      "30",
    ]);
  });

  it("the slowest boot that succeeds stays within the bound, and the grace period is derived from it", () => {
    expect(worst.lastLine).to.equal("BOOT OK");
    const bound = bootBoundSeconds(fleetBootSteps(base));
    // dnf 2×(2×45+5+10), agent 30+5, mount 4×20+5+10+20+30, curl 4×5+5+10+20+30
    expect(worst.clockSeconds).to.equal(2 * 105 + 35 + 145 + 85);
    expect(worst.clockSeconds).to.be.at.most(bound);
    // Every step's timeout + 5 s: 225 + 150 + 205 + app tier 100 (no database) + 90, + 5 × 5.
    expect(bound).to.equal(795);
    expect(bootGracePeriodSeconds(base)).to.equal(bound + HEALTHY_MARGIN_SECONDS);
  });

  it("an EFS that never answers ends the boot in bounded time with BOOT FAILED: shared-files, httpd never started", () => {
    expect(efsDown.statuses).to.deep.equal([1]);
    expect(efsDown.lastLine).to.equal("BOOT FAILED: shared-files");
    expect(efsDown.stdouts[0]).to.contain("BOOT FAILED: shared-files");
    expect(efsDown.calls.filter((c) => c === "timeout 20 mount /mnt/efs")).to.have.length(5);
    expect(efsDown.clockSeconds).to.be.at.most(stepBound(base, "shared-files"));
    expect(efsDown.calls).not.to.include("systemctl enable --now httpd");
  });

  it("an agent that cannot be installed is BOOT FAILED: cloudwatch-agent, after 3 attempts and nothing else", () => {
    expect(agentDown.lastLine).to.equal("BOOT FAILED: cloudwatch-agent");
    expect(agentDown.calls.filter((c) => c.startsWith("dnf "))).to.have.length(3);
    expect(agentDown.calls.filter((c) => /^mount|^systemctl enable/.test(c))).to.deep.equal([]);
  });

  it("passes shellcheck and bash -n, with and without shared files or a bootstrap", () => {
    const scripts = [
      base,
      { ...base, fileSystemId: undefined, accessPointId: undefined, healthCheckPath: "/" },
      { ...base, appBootstrap: "#!/bin/bash\nset -e\ncd /opt/app && ./start.sh 'it'\"'\"'s fine'\n" },
    ].map(renderUserData);
    for (const s of scripts) expect(bashSyntaxErrors(s)).to.equal("");
    expect(shellcheck(...scripts)).to.deep.equal(["", "", ""]);
  });
});

describe("WebFleet user data, rendered", () => {
  it("runs the caller's bootstrap as its own script, after the fleet's parts, in place of the web server", () => {
    const app = "#!/bin/bash\nset -e\ncd /opt/app && ./start.sh 'it'\"'\"'s fine'\n";
    const s = renderUserData({ ...base, appBootstrap: app });
    const steps = fleetBootSteps({ ...base, appBootstrap: app }).map((step) => [
      step.name,
      step.timeoutSeconds,
    ]);
    expect(steps).to.deep.equal([
      ["cloudwatch-agent", 225],
      ["packages", 150],
      ["shared-files", 205],
      ["app-tier", 10],
      ["app-bootstrap", 300],
    ]);
    expect(s).to.contain(
      `cat >"$ROOT/opt/web-fleet/app-bootstrap.sh" <<'WEB_FLEET_APP_BOOTSTRAP'\n${app}WEB_FLEET_APP_BOOTSTRAP\n`,
    );
    expect(s).to.contain("dnf install -y amazon-efs-utils\n");
    expect(s).not.to.contain("systemctl enable --now httpd");
  });

  it("without shared files neither mounts nor installs the EFS helper", () => {
    const s = renderUserData({ ...base, fileSystemId: undefined, accessPointId: undefined });
    expect(s).not.to.contain("/mnt/efs");
    expect(s).not.to.contain("amazon-efs-utils");
  });

  it("the agent ships the boot log and cloud-init's output to the boot group, each other log to its own group", () => {
    const files = (
      agentConfigOf(script)["logs"] as { logs_collected: { files: { collect_list: unknown[] } } }
    ).logs_collected.files.collect_list;
    expect(files).to.deep.equal([
      {
        file_path: "/var/log/cloudblocks-boot.log",
        log_group_name: base.logGroups.boot,
        log_stream_name: "{instance_id}/boot",
      },
      {
        file_path: "/var/log/cloud-init-output.log",
        log_group_name: base.logGroups.boot,
        log_stream_name: "{instance_id}/cloud-init-output",
      },
      {
        file_path: "/var/log/httpd/access_log",
        log_group_name: base.logGroups.webAccess,
        log_stream_name: "{instance_id}/web-access",
      },
      {
        file_path: "/var/log/httpd/error_log",
        log_group_name: base.logGroups.webError,
        log_stream_name: "{instance_id}/web-error",
      },
      {
        file_path: "/var/log/app/app.log",
        log_group_name: base.logGroups.app,
        log_stream_name: "{instance_id}/app",
      },
    ]);
  });

  it("quotes values for bash, including single quotes", () => {
    expect(shQuote("a'b")).to.equal(`'a'\\''b'`);
    expect(bashSyntaxErrors(`x=${shQuote("it's $HOME `id`")}\n`)).to.equal("");
  });
});
