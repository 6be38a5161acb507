import { describeGroup, healthCheckSettings, healthyIds, inService, stateOf, targetHealth } from "../fleet";
import { verdict } from "../outcome";
import { runShell, SSM_ACTIONS } from "../ssm";
import type { Scenario, ScenarioContext } from "../types";
import { seconds, waitFor } from "../wait";
import { awaitReplacement, restoreContext } from "./replacement";

/**
 * Seed 003 test 2-2: the web server stopped on one instance → its target unhealthy within the target group's
 * interval × unhealthy threshold (+ one interval for the check in flight) → the group replaces the instance.
 * Interrupted before the replacement, the web server is started again.
 */
export const webServerStopScenario: Scenario = {
  id: "web-server-stop",
  title: "Test 2-2: web server stopped → target unhealthy → instance replaced",
  chaos: true,
  actions: [
    "autoscaling:DescribeAutoScalingGroups",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetHealth",
    ...SSM_ACTIONS,
  ],
  async run(ctx: ScenarioContext) {
    const hc = await healthCheckSettings(ctx);
    const group = await describeGroup(ctx);
    const healthy = healthyIds(await targetHealth(ctx));
    const victim = inService(group).find((id) => healthy.includes(id));
    if (!victim) return verdict(false, "no healthy instance in service", "a healthy instance to stop");
    const expectedS = hc.intervalS * hc.unhealthyThreshold;
    const service = ctx.options.webService;

    const restore = ctx.cleanup.register(`start ${service} on ${victim}`, async () => {
      await runShell(restoreContext(ctx), victim, [`systemctl start ${service}`], `start ${service}`);
    });
    // Timed from before the command is sent: the measurement includes its delivery, so it never flatters.
    const stoppedAt = ctx.clock.now();
    const stopped = await runShell(ctx, victim, [`systemctl stop ${service}`], `stop ${service}`);
    if (stopped.exitCode !== 0) {
      return verdict(false, `systemctl stop ${service} exit ${stopped.exitCode}`, "the web server stops", [
        stopped.stderr,
      ]);
    }
    await waitFor(
      `${victim} unhealthy`,
      async () => {
        const state = stateOf(await targetHealth(ctx), victim);
        return { done: state !== "healthy", seen: state };
      },
      { ...ctx, timeoutMs: ctx.timeouts.unhealthyMs, intervalMs: ctx.timeouts.pollMs },
    );
    const unhealthyMs = ctx.clock.now() - stoppedAt;
    const replaced = await awaitReplacement(
      ctx,
      victim,
      inService(group),
      group.DesiredCapacity ?? 0,
      restore,
    );
    const limitMs = (expectedS + hc.intervalS) * 1000;
    return verdict(
      unhealthyMs <= limitMs && group.HealthCheckType === "ELB",
      `unhealthy after ${seconds(unhealthyMs)}, replaced after ${seconds(unhealthyMs + replaced.elapsedMs)} by ${replaced.value ?? "?"}`,
      `unhealthy within ${hc.intervalS} s × ${hc.unhealthyThreshold} = ${expectedS} s (+ ${hc.intervalS} s in flight); replaced (group health check ELB)`,
      group.HealthCheckType === "ELB"
        ? []
        : [`the group's health check type is ${group.HealthCheckType}: ELB health is not acted on`],
    );
  },
};
