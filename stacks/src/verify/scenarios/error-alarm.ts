import { randomBytes } from "node:crypto";
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import { CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { verdict } from "../outcome";
import type { Scenario, ScenarioContext } from "../types";
import { seconds, waitFor } from "../wait";
import { parseAlarmArn } from "./alarms";

/** The line the app would write (TEAM.md contract: the level first), so the alarm's filter sees a real ERROR. */
export function injectedLine(at: Date, token: string): string {
  return `ERROR ${at.toISOString()} cloudblocks verify: injected test event ${token}`;
}

async function describeAlarm(ctx: ScenarioContext, region: string, name: string): Promise<MetricAlarm> {
  const out = await ctx.aws.send("cloudwatch", new DescribeAlarmsCommand({ AlarmNames: [name] }), region);
  const alarm = out.MetricAlarms?.[0];
  if (!alarm) throw new Error(`alarm ${name} not found in ${region}`);
  return alarm;
}

async function topicSum(ctx: ScenarioContext, metric: string, topic: string, from: Date): Promise<number> {
  const region = ctx.outputs.alarmTopicArn.split(":")[3]!;
  const out = await ctx.aws.send(
    "cloudwatch",
    new GetMetricStatisticsCommand({
      Namespace: "AWS/SNS",
      MetricName: metric,
      Dimensions: [{ Name: "TopicName", Value: topic }],
      StartTime: from,
      EndTime: new Date(ctx.clock.now() + 60_000),
      Period: 60,
      Statistics: ["Sum"],
    }),
    region,
  );
  return (out.Datapoints ?? []).reduce((sum, d) => sum + (d.Sum ?? 0), 0);
}

/**
 * Seed 002's test: ERROR events put into the app log group → the ERROR alarm fires within its period ×
 * evaluation periods → its action notified the topic (alarm history) → SNS delivered (the topic's
 * NumberOfNotificationsDelivered). The alarm returns to OK by itself (missing data is not breaching).
 */
export const errorAlarmScenario: Scenario = {
  id: "error-alarm",
  title: "ERROR log event → alarm → notification delivered",
  chaos: true,
  actions: [
    "cloudwatch:DescribeAlarms",
    "cloudwatch:DescribeAlarmHistory",
    "cloudwatch:GetMetricStatistics",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
  ],
  async run(ctx) {
    const { region, name } = parseAlarmArn(ctx.outputs.appErrorsAlarmArn);
    const alarm = await describeAlarm(ctx, region, name);
    const count = Math.max(1, Math.ceil(alarm.Threshold ?? 1));
    const windowS = (alarm.Period ?? 60) * (alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods ?? 1);
    const topic = ctx.outputs.alarmTopicArn;
    const topicName = topic.split(":").pop()!;
    const started = new Date(ctx.clock.now());
    const token = randomBytes(6).toString("hex");
    const stream = `cloudblocks-verify/${token}`;
    await ctx.aws.send(
      "logs",
      new CreateLogStreamCommand({ logGroupName: ctx.outputs.appLogGroupName, logStreamName: stream }),
    );
    await ctx.aws.send(
      "logs",
      new PutLogEventsCommand({
        logGroupName: ctx.outputs.appLogGroupName,
        logStreamName: stream,
        logEvents: Array.from({ length: count }, (_, i) => ({
          timestamp: started.getTime() + i,
          message: injectedLine(new Date(started.getTime() + i), token),
        })),
      }),
    );
    const fired = await waitFor(
      `${name} in ALARM`,
      async () => {
        const state = (await describeAlarm(ctx, region, name)).StateValue ?? "unknown";
        return { done: state === "ALARM", seen: state };
      },
      { ...ctx, timeoutMs: ctx.timeouts.unhealthyMs, intervalMs: ctx.timeouts.pollMs },
    );
    const history = await ctx.aws.send(
      "cloudwatch",
      new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: "Action", StartDate: started }),
      region,
    );
    const notified = (history.AlarmHistoryItems ?? []).some(
      (item) =>
        item.HistorySummary?.includes(topic) && /Successfully executed action/i.test(item.HistorySummary),
    );
    const delivered = await waitFor(
      `SNS deliveries on ${topicName}`,
      async () => {
        const n = await topicSum(ctx, "NumberOfNotificationsDelivered", topicName, started);
        return { done: n > 0, value: n, seen: `${n} delivered` };
      },
      { ...ctx, timeoutMs: ctx.timeouts.notifyMs, intervalMs: ctx.timeouts.pollMs },
    );
    const failed = await topicSum(ctx, "NumberOfNotificationsFailed", topicName, started);
    return verdict(
      notified && failed === 0,
      `${count} ERROR events → ALARM after ${seconds(fired.elapsedMs)}; action on the topic ${notified ? "executed" : "NOT in the history"}; ${delivered.value} delivered, ${failed} failed`,
      `ALARM within ${windowS} s (period × datapoints; + the metric filter's delay), the topic notified, ≥ 1 delivery, 0 failures`,
      notified
        ? []
        : [`no "Successfully executed action ${topic}" in ${name}'s history since ${started.toISOString()}`],
    );
  },
};
