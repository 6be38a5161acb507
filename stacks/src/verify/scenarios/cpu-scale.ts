import { DescribePoliciesCommand, type ScalingPolicy } from "@aws-sdk/client-auto-scaling";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { describeGroup, inService } from "../fleet";
import { skipped, verdict } from "../outcome";
import { runShell, SSM_ACTIONS } from "../ssm";
import type { Scenario, ScenarioContext } from "../types";
import { seconds, waitFor } from "../wait";
import { restoreContext } from "./replacement";

/** The systemd unit the load runs in: stopping it ends the load exactly, and RuntimeMaxSec ends it anyway. */
export const LOAD_UNIT = "cloudblocks-verify-cpu-load";

/** Every CPU busy until stopped or `maxSeconds` pass: stress-ng when installed (seed 003 used it), else shell loops. */
export function loadScript(maxSeconds: number): string[] {
  const body =
    `if command -v stress-ng >/dev/null 2>&1; then exec stress-ng --cpu 0 --timeout ${maxSeconds}s; fi; ` +
    `for i in $(seq "$(nproc)"); do (while :; do :; done) & done; wait`;
  return [
    `systemctl stop ${LOAD_UNIT} 2>/dev/null || true`,
    `systemd-run --unit=${LOAD_UNIT} --collect --property=RuntimeMaxSec=${maxSeconds} /bin/sh -c '${body}'`,
  ];
}
export const STOP_LOAD = [`systemctl stop ${LOAD_UNIT} 2>/dev/null || true`];

/** Whether a policy adds (out) or removes (in) instances, and which of its alarms do which. */
function alarmsByDirection(policy: ScalingPolicy): { out: string[]; in: string[] } {
  const names = (policy.Alarms ?? []).map((a) => a.AlarmName!);
  if (policy.PolicyType === "TargetTrackingScaling")
    return {
      out: names.filter((n) => n.includes("AlarmHigh")),
      in: names.filter((n) => n.includes("AlarmLow")),
    };
  const adjustment = policy.StepAdjustments?.[0]?.ScalingAdjustment ?? policy.ScalingAdjustment ?? 0;
  return adjustment > 0 ? { out: names, in: [] } : { out: [], in: names };
}

/**
 * How long the scaling policies take to act, from their alarms: evaluation periods × period of the slowest
 * alarm in each direction, plus the policy's instance warm-up per step.
 */
async function policyTiming(
  ctx: ScenarioContext,
): Promise<{ outS: number; inS: number; warmupS: number; kinds: string[] }> {
  const out = await ctx.aws.send(
    "autoscaling",
    new DescribePoliciesCommand({ AutoScalingGroupName: ctx.outputs.autoScalingGroupName }),
  );
  const policies = (out.ScalingPolicies ?? []).filter((p) => p.PolicyType !== "PredictiveScaling");
  const directions = policies.map(alarmsByDirection);
  const names = directions.flatMap((d) => [...d.out, ...d.in]);
  const alarms = names.length
    ? ((await ctx.aws.send("cloudwatch", new DescribeAlarmsCommand({ AlarmNames: names.slice(0, 100) })))
        .MetricAlarms ?? [])
    : [];
  const evalS = (list: string[]) =>
    Math.max(
      0,
      ...alarms
        .filter((a) => list.includes(a.AlarmName!))
        .map((a) => (a.EvaluationPeriods ?? 1) * (a.Period ?? 60)),
    );
  return {
    outS: evalS(directions.flatMap((d) => d.out)),
    inS: evalS(directions.flatMap((d) => d.in)),
    warmupS: Math.max(0, ...policies.map((p) => p.EstimatedInstanceWarmup ?? 0)),
    kinds: [...new Set(policies.map((p) => p.PolicyType ?? "?"))],
  };
}

/** Scaling takes minutes: poll the group every 30 s at least (precision enough, a third of the calls). */
const scaleWait = (ctx: ScenarioContext) => ({
  ...ctx,
  timeoutMs: ctx.timeouts.scaleMs,
  intervalMs: Math.max(ctx.timeouts.pollMs, 30_000),
});

/**
 * Seed 003 test 1 (`stress-ng --cpu 4`, 2 → 4 → 2): CPU load on every instance in service (and on each new one
 * as it joins, so the average stays high) until the group is at MaxSize; then the load ends and the group
 * returns to MinSize. An interrupted run ends the load on every instance it started it on.
 */
export const cpuScaleScenario: Scenario = {
  id: "cpu-scale",
  title: "Test 1: CPU load → scale out to max → scale in to min",
  chaos: true,
  actions: [
    "autoscaling:DescribeAutoScalingGroups",
    "autoscaling:DescribePolicies",
    "cloudwatch:DescribeAlarms",
    ...SSM_ACTIONS,
  ],
  async run(ctx) {
    const group = await describeGroup(ctx);
    const min = group.MinSize ?? 0;
    const max = group.MaxSize ?? 0;
    const start = inService(group).length;
    if (max <= start) return skipped(`MaxSize ${max} ≤ ${start} in service: nothing to scale out to`);
    const timing = await policyTiming(ctx);
    if (timing.kinds.length === 0)
      return verdict(false, "no scaling policy on the group", "a CPU scaling policy");

    const loaded = new Set<string>();
    const maxLoadS = Math.ceil((2 * ctx.timeouts.scaleMs) / 1000);
    const endLoad = async (c: ScenarioContext) => {
      for (const id of loaded) await runShell(c, id, STOP_LOAD, "end the CPU load");
    };
    const restore = ctx.cleanup.register("end the CPU load", () => endLoad(restoreContext(ctx)));
    const loadNew = async (ids: string[]) => {
      for (const id of ids.filter((i) => !loaded.has(i))) {
        loaded.add(id);
        const result = await runShell(ctx, id, loadScript(maxLoadS), "start a CPU load");
        if (result.exitCode !== 0) throw new Error(`CPU load on ${id} did not start: ${result.stderr}`);
      }
    };
    await loadNew(inService(group));
    const up = await waitFor(
      `scale-out to ${max}`,
      async () => {
        const ids = inService(await describeGroup(ctx));
        await loadNew(ids);
        return { done: ids.length >= max, seen: `${ids.length}/${max} in service` };
      },
      scaleWait(ctx),
    );
    await endLoad(ctx);
    restore.done();
    const down = await waitFor(
      `scale-in to ${min}`,
      async () => {
        const g = await describeGroup(ctx);
        const n = inService(g).length;
        return {
          done: n <= min && (g.DesiredCapacity ?? n) <= min,
          seen: `${n} in service, desired ${g.DesiredCapacity}`,
        };
      },
      scaleWait(ctx),
    );
    const outSteps = max - start;
    const expectedOutS = outSteps * (timing.outS + timing.warmupS);
    const expectedInS = (max - min) * timing.inS;
    return verdict(
      true,
      `${start} → ${max} in ${seconds(up.elapsedMs)}, → ${min} in ${seconds(down.elapsedMs)}`,
      `${timing.kinds.join("+")}: out ≈ ${outSteps} × (${timing.outS} s evaluation + ${timing.warmupS} s warm-up) = ${expectedOutS} s, in ≈ ${max - min} × ${timing.inS} s = ${expectedInS} s (+ launch time); each within ${seconds(ctx.timeouts.scaleMs)}`,
    );
  },
};
