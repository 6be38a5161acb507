import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { verdict } from "../outcome";
import type { Scenario } from "../types";

/** `arn:aws:cloudwatch:<region>:<account>:alarm:<name>` → region and name (alarms live in more than one region: ALM-8's is in us-east-1). */
export function parseAlarmArn(arn: string): { region: string; name: string } {
  const match = /^arn:[^:]+:cloudwatch:([^:]+):\d*:alarm:(.+)$/.exec(arn);
  if (!match) throw new Error(`not a CloudWatch alarm ARN: ${arn}`);
  return { region: match[1]!, name: match[2]! };
}

/** ALM-*: every alarm the stack created is OK (none firing, none without data), found by the names in its outputs. */
export const alarmsScenario: Scenario = {
  id: "alarms-ok",
  title: "Every alarm of the stack in OK",
  chaos: false,
  actions: ["cloudwatch:DescribeAlarms"],
  async run(ctx) {
    const byRegion = new Map<string, string[]>();
    for (const arn of new Set(ctx.outputs.alarmArns)) {
      const { region, name } = parseAlarmArn(arn);
      byRegion.set(region, [...(byRegion.get(region) ?? []), name]);
    }
    const states = new Map<string, string>();
    for (const [region, names] of byRegion) {
      // DescribeAlarms takes at most 100 names per call.
      for (let i = 0; i < names.length; i += 100) {
        let token: string | undefined;
        do {
          const out = await ctx.aws.send(
            "cloudwatch",
            new DescribeAlarmsCommand({
              AlarmNames: names.slice(i, i + 100),
              MaxRecords: 100,
              NextToken: token,
            }),
            region,
          );
          for (const alarm of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])])
            states.set(alarm.AlarmName!, alarm.StateValue ?? "unknown");
          token = out.NextToken;
        } while (token);
      }
    }
    const names = [...byRegion.values()].flat();
    const problems = names
      .filter((name) => states.get(name) !== "OK")
      .map((name) => `${name}: ${states.get(name) ?? "missing"}`);
    return verdict(
      problems.length === 0 && names.length > 0,
      `${names.length - problems.length}/${names.length} OK`,
      `all ${names.length} alarms of the stack OK`,
      problems,
    );
  },
};
