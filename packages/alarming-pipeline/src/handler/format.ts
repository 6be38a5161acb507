import type {
  ChatMessage,
  CloudWatchAlarmMessage,
  EventBridgeEvent,
  RdsEventMessage,
  SnsRecord,
} from "./types";

const STATE_ICON: Record<string, string> = {
  ALARM: ":red_circle:",
  OK: ":large_green_circle:",
  INSUFFICIENT_DATA: ":warning:",
};

function message(title: string, lines: readonly string[], context: string): ChatMessage {
  // Slack caps headers at 150 characters and sections at 3000.
  const header = title.length > 150 ? `${title.slice(0, 147)}...` : title;
  const body = lines.filter((l) => l.length > 0).join("\n");
  return {
    text: `${title}\n${body}`.slice(0, 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: header } },
      { type: "section", text: { type: "mrkdwn", text: body.slice(0, 3000) || "(no details)" } },
      { type: "context", elements: [{ type: "mrkdwn", text: context }] },
    ],
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const regionOfArn = (arn: string | undefined): string | undefined => arn?.split(":")[3] || undefined;

/** Console deep link to the alarm, built from its ARN (the message's `Region` is a display name such as "Asia Pacific (Seoul)"). */
export function alarmConsoleUrl(alarm: CloudWatchAlarmMessage): string | undefined {
  const region = regionOfArn(alarm.AlarmArn);
  if (!region) return undefined;
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`;
}

export function isAlarm(body: Record<string, unknown>): boolean {
  return typeof body["AlarmName"] === "string" && typeof body["NewStateValue"] === "string";
}

export function isEventBridgeEvent(body: Record<string, unknown>): boolean {
  return (
    typeof body["detail-type"] === "string" &&
    typeof body["source"] === "string" &&
    typeof body["detail"] === "object"
  );
}

export function isRdsEvent(body: Record<string, unknown>): boolean {
  return typeof body["Event Source"] === "string" && typeof body["Event Message"] === "string";
}

export function formatAlarm(alarm: CloudWatchAlarmMessage): ChatMessage {
  const t = alarm.Trigger ?? {};
  const icon = STATE_ICON[alarm.NewStateValue] ?? ":grey_question:";
  const dims = (t.Dimensions ?? []).map((d) => `${d.name}=${d.value}`).join(", ");
  const metric = t.MetricName
    ? `*Metric:* \`${t.Namespace ?? ""}/${t.MetricName}\`${dims ? ` (${dims})` : ""}`
    : "";
  const rule =
    t.ComparisonOperator !== undefined && t.Threshold !== undefined
      ? `*Threshold:* ${t.Statistic ?? t.ExtendedStatistic ?? ""} ${t.ComparisonOperator} ${t.Threshold} for ${t.EvaluationPeriods ?? 1} × ${t.Period ?? "?"} s`
      : "";
  const link = alarmConsoleUrl(alarm);
  return message(
    `${alarm.NewStateValue === "ALARM" ? "ALARM" : alarm.NewStateValue}: ${alarm.AlarmName}`,
    [
      `${icon} *${alarm.OldStateValue} → ${alarm.NewStateValue}* in ${alarm.Region}`,
      alarm.AlarmDescription ? `*Description:* ${alarm.AlarmDescription}` : "",
      `*Reason:* ${alarm.NewStateReason}`,
      metric,
      rule,
      link ? `<${link}|Open in the CloudWatch console>` : "",
    ],
    `account ${alarm.AWSAccountId} · ${alarm.StateChangeTime}`,
  );
}

function str(value: unknown): string {
  return typeof value === "string"
    ? value
    : value === undefined || value === null
      ? ""
      : JSON.stringify(value);
}

function field(detail: Readonly<Record<string, unknown>>, ...path: string[]): string {
  let value: unknown = detail;
  for (const key of path)
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return str(value);
}

export function formatEvent(event: EventBridgeEvent): ChatMessage {
  const d = event.detail;
  const context = `${event.source} · account ${event.account} · ${event.region} · ${event.time}`;
  if (event.source === "aws.autoscaling") {
    const failed = event["detail-type"].includes("Unsuccessful");
    return message(
      `${event["detail-type"]}: ${field(d, "AutoScalingGroupName")}`,
      [
        `${failed ? ":x:" : ":arrows_counterclockwise:"} *${event["detail-type"]}*`,
        `*Group:* ${field(d, "AutoScalingGroupName")}`,
        field(d, "EC2InstanceId") ? `*Instance:* ${field(d, "EC2InstanceId")}` : "",
        field(d, "Description") ? `*What:* ${field(d, "Description")}` : "",
        field(d, "Cause") ? `*Cause:* ${field(d, "Cause")}` : "",
        field(d, "StatusMessage") ? `*Status:* ${field(d, "StatusMessage")}` : "",
      ],
      context,
    );
  }
  const who = field(d, "userIdentity", "arn") || field(d, "userIdentity", "type");
  if (event["detail-type"] === "AWS Console Sign In via CloudTrail") {
    const failed = field(d, "responseElements", "ConsoleLogin") === "Failure";
    const root = field(d, "userIdentity", "type") === "Root";
    return message(
      `${failed ? "Console sign-in failure" : root ? "Root user console sign-in" : "Console sign-in"}: ${who}`,
      [
        `${failed ? ":no_entry:" : ":bust_in_silhouette:"} *${field(d, "eventName")}* ${field(d, "responseElements", "ConsoleLogin")}`,
        `*Who:* ${who}`,
        `*From:* ${field(d, "sourceIPAddress")} (${field(d, "userAgent")})`,
        field(d, "errorMessage") ? `*Error:* ${field(d, "errorMessage")}` : "",
        `*MFA used:* ${field(d, "additionalEventData", "MFAUsed") || "unknown"}`,
      ],
      context,
    );
  }
  if (field(d, "userIdentity", "type") === "Root") {
    return message(
      `Root user activity: ${field(d, "eventName")}`,
      [
        `:rotating_light: *${field(d, "eventSource")} ${field(d, "eventName")}* by the root user`,
        `*From:* ${field(d, "sourceIPAddress")} (${field(d, "userAgent")})`,
        field(d, "errorCode") ? `*Error:* ${field(d, "errorCode")} ${field(d, "errorMessage")}` : "",
      ],
      context,
    );
  }
  return message(
    `${event["detail-type"]} (${event.source})`,
    ["```" + JSON.stringify(d, null, 2).slice(0, 2500) + "```"],
    context,
  );
}

export function formatRdsEvent(event: RdsEventMessage): ChatMessage {
  return message(
    `RDS ${event["Event Source"]} ${event["Source ID"]}: ${event["Event Message"]}`,
    [
      `:floppy_disk: *${event["Event Message"]}*`,
      `*Source:* ${event["Event Source"]} \`${event["Source ID"]}\``,
      `*Event:* ${event["Event ID"]}`,
      event["Identifier Link"] ? `<${event["Identifier Link"]}|Open in the RDS console>` : "",
    ],
    `${event["Event Time"]}`,
  );
}

/** Formats one SNS record, whatever published it: CloudWatch, EventBridge, RDS, or anything else as text. */
export function formatRecord(record: SnsRecord): ChatMessage {
  const body = parseJson(record.Sns.Message);
  if (body && isAlarm(body)) return formatAlarm(body as unknown as CloudWatchAlarmMessage);
  if (body && isEventBridgeEvent(body)) return formatEvent(body as unknown as EventBridgeEvent);
  if (body && isRdsEvent(body)) return formatRdsEvent(body as unknown as RdsEventMessage);
  // AWS Budgets and other publishers send plain text.
  return message(
    record.Sns.Subject || "Notification",
    [record.Sns.Message.slice(0, 2900)],
    `${record.Sns.TopicArn} · ${record.Sns.Timestamp}`,
  );
}
