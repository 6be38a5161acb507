import { DescribeAutoScalingGroupsCommand, type AutoScalingGroup } from "@aws-sdk/client-auto-scaling";
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type TargetHealthDescription,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ScenarioContext } from "./types";

/** The fleet's Auto Scaling group as it is now. */
export async function describeGroup(ctx: ScenarioContext): Promise<AutoScalingGroup> {
  const name = ctx.outputs.autoScalingGroupName;
  const out = await ctx.aws.send(
    "autoscaling",
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const group = out.AutoScalingGroups?.[0];
  if (!group) throw new Error(`Auto Scaling group ${name} not found`);
  return group;
}

/** Instance ids the group has in service (the ones a check may run commands on). */
export function inService(group: AutoScalingGroup): string[] {
  return (group.Instances ?? [])
    .filter((i) => i.LifecycleState === "InService" && i.InstanceId)
    .map((i) => i.InstanceId!);
}

export async function targetHealth(ctx: ScenarioContext): Promise<TargetHealthDescription[]> {
  const out = await ctx.aws.send(
    "elasticloadbalancing",
    new DescribeTargetHealthCommand({ TargetGroupArn: ctx.outputs.targetGroupArn }),
  );
  return out.TargetHealthDescriptions ?? [];
}

export function stateOf(targets: readonly TargetHealthDescription[], id: string): string {
  return targets.find((t) => t.Target?.Id === id)?.TargetHealth?.State ?? "not registered";
}

export function healthyIds(targets: readonly TargetHealthDescription[]): string[] {
  return targets.filter((t) => t.TargetHealth?.State === "healthy").map((t) => t.Target!.Id!);
}

/** The target group's health check, which fixes how fast a broken instance is taken out (WEB-4). */
export async function healthCheckSettings(
  ctx: ScenarioContext,
): Promise<{ intervalS: number; unhealthyThreshold: number; healthyThreshold: number }> {
  const out = await ctx.aws.send(
    "elasticloadbalancing",
    new DescribeTargetGroupsCommand({ TargetGroupArns: [ctx.outputs.targetGroupArn] }),
  );
  const tg = out.TargetGroups?.[0];
  if (!tg) throw new Error(`target group ${ctx.outputs.targetGroupArn} not found`);
  return {
    intervalS: tg.HealthCheckIntervalSeconds ?? 30,
    unhealthyThreshold: tg.UnhealthyThresholdCount ?? 2,
    healthyThreshold: tg.HealthyThresholdCount ?? 5,
  };
}
