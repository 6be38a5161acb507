import { describeGroup, healthyIds, targetHealth } from "../fleet";
import { verdict } from "../outcome";
import type { Scenario } from "../types";

/** WEB-4: every registered target healthy, and at least the group's minimum of them. */
export const targetHealthScenario: Scenario = {
  id: "target-health",
  title: "Target health",
  chaos: false,
  actions: ["elasticloadbalancing:DescribeTargetHealth", "autoscaling:DescribeAutoScalingGroups"],
  async run(ctx) {
    const [targets, group] = await Promise.all([targetHealth(ctx), describeGroup(ctx)]);
    const min = group.MinSize ?? 0;
    const healthy = healthyIds(targets);
    const others = targets.filter((t) => t.TargetHealth?.State !== "healthy");
    return verdict(
      others.length === 0 && healthy.length >= min && healthy.length > 0,
      `${healthy.length}/${targets.length} healthy`,
      `all healthy, ≥ ${min} (the group's MinSize)`,
      others.map((t) => `${t.Target?.Id}: ${t.TargetHealth?.State} ${t.TargetHealth?.Reason ?? ""}`.trim()),
    );
  },
};
