import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  type IpPermission,
} from "@aws-sdk/client-ec2";
import { verdict } from "../outcome";
import type { Scenario } from "../types";

const OPEN = new Set(["0.0.0.0/0", "::/0"]);

/** Whether a rule admits TCP 22 from anywhere (all protocols, or TCP with 22 in its port range). */
export function opensSshToWorld(rule: IpPermission): boolean {
  const covers22 =
    rule.IpProtocol === "-1" ||
    (rule.IpProtocol === "tcp" && (rule.FromPort ?? 0) <= 22 && 22 <= (rule.ToPort ?? 65535));
  const world =
    (rule.IpRanges ?? []).some((r) => OPEN.has(r.CidrIp ?? "")) ||
    (rule.Ipv6Ranges ?? []).some((r) => OPEN.has(r.CidrIpv6 ?? ""));
  return covers22 && world;
}

/** NET / EC2.13 (seed 003's bastion-only SSH): no running instance in the VPC accepts port 22 from the internet. */
export const noSshScenario: Scenario = {
  id: "no-public-ssh",
  title: "No instance reachable from the internet on 22",
  chaos: false,
  actions: ["ec2:DescribeInstances", "ec2:DescribeSecurityGroups"],
  async run(ctx) {
    const instances = [];
    let token: string | undefined;
    do {
      const out = await ctx.aws.send(
        "ec2",
        new DescribeInstancesCommand({
          Filters: [
            { Name: "vpc-id", Values: [ctx.outputs.vpcId] },
            { Name: "instance-state-name", Values: ["pending", "running"] },
          ],
          NextToken: token,
        }),
      );
      instances.push(...(out.Reservations ?? []).flatMap((r) => r.Instances ?? []));
      token = out.NextToken;
    } while (token);
    const groupIds = [...new Set(instances.flatMap((i) => (i.SecurityGroups ?? []).map((g) => g.GroupId!)))];
    const open = new Set<string>();
    if (groupIds.length > 0) {
      const out = await ctx.aws.send("ec2", new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
      for (const group of out.SecurityGroups ?? [])
        if ((group.IpPermissions ?? []).some(opensSshToWorld)) open.add(group.GroupId!);
    }
    const problems: string[] = [];
    let publicIps = 0;
    for (const instance of instances) {
      const groups = (instance.SecurityGroups ?? []).map((g) => g.GroupId!).filter((g) => open.has(g));
      if (instance.PublicIpAddress) publicIps++;
      // Port 22 open to the world matters where the instance has a public address; say so either way.
      if (groups.length > 0)
        problems.push(
          `${instance.InstanceId}: ${groups.join(", ")} admit 22 from anywhere${instance.PublicIpAddress ? ` on public IP ${instance.PublicIpAddress}` : ""}`,
        );
    }
    return verdict(
      problems.length === 0 && instances.length > 0,
      `${instances.length} instances, ${publicIps} with a public IP, ${open.size} groups open on 22`,
      "no security group of an instance admits 22 from 0.0.0.0/0 or ::/0",
      problems,
    );
  },
};
