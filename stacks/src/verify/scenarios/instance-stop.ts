import { StartInstancesCommand, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { describeGroup, healthyIds, inService, targetHealth } from "../fleet";
import { verdict } from "../outcome";
import type { Scenario } from "../types";
import { seconds } from "../wait";
import { awaitReplacement } from "./replacement";

/**
 * Seed 003 test 2-1: one instance stopped → the group (EC2 status, or ELB health) replaces it and the target
 * group is back to the desired number of healthy targets. Interrupted before that, the instance is started.
 */
export const instanceStopScenario: Scenario = {
  id: "instance-stop",
  title: "Test 2-1: instance stopped → replaced",
  chaos: true,
  actions: [
    "autoscaling:DescribeAutoScalingGroups",
    "elasticloadbalancing:DescribeTargetHealth",
    "ec2:StopInstances",
    "ec2:StartInstances",
  ],
  async run(ctx) {
    const group = await describeGroup(ctx);
    const healthy = healthyIds(await targetHealth(ctx));
    const before = inService(group);
    const victim = before.find((id) => healthy.includes(id));
    if (!victim) return verdict(false, "no healthy instance in service", "a healthy instance to stop");
    const desired = group.DesiredCapacity ?? before.length;
    const restore = ctx.cleanup.register(`start ${victim}`, async () => {
      await ctx.aws.send("ec2", new StartInstancesCommand({ InstanceIds: [victim] }));
    });
    await ctx.aws.send("ec2", new StopInstancesCommand({ InstanceIds: [victim] }));
    const replaced = await awaitReplacement(ctx, victim, before, desired, restore);
    return verdict(
      true,
      `${victim} replaced by ${replaced.value} after ${seconds(replaced.elapsedMs)}`,
      `replaced, ${desired} healthy targets (the group's DesiredCapacity) within ${seconds(ctx.timeouts.replaceMs)}`,
    );
  },
};
