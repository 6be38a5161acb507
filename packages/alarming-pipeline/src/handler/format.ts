// One notification → one Slack message. Every value taken from the notification is untrusted (anyone who fails
// a console sign-in chooses the user agent; alarm names and descriptions are free text) and goes through
// escape.ts; only the fixed labels around them are mrkdwn.
import { code, codeBlock, escapeMrkdwn, fit, inline, plain, SLACK_LIMITS } from "./escape";
import { readEvent } from "./records";
import type { ChatBlock, ChatMessage, MrkdwnText, Notification, SnsRecord } from "./types";

type Json = Readonly<Record<string, unknown>>;

export const STATE_ICON: Readonly<Record<string, string>> = {
  ALARM: ":red_circle:",
  OK: ":large_green_circle:",
  INSUFFICIENT_DATA: ":warning:",
};

/** A message before rendering: `title` is raw text (a plain_text header); `lines` and `context` are mrkdwn. */
export interface Draft {
  readonly title: string;
  readonly lines: readonly string[];
  readonly context: string;
}

export const mrkdwn = (text: string): MrkdwnText => ({ type: "mrkdwn", text, verbatim: true });

/** Header, one section, one context line: each within Slack's limits, and a fallback text without markup surprises. */
export function render(draft: Draft): ChatMessage {
  const body = draft.lines.filter((l) => l.length > 0).join("\n");
  const blocks: ChatBlock[] = [
    { type: "header", text: { type: "plain_text", text: plain(draft.title, SLACK_LIMITS.header) } },
    { type: "section", text: mrkdwn(fit(body, SLACK_LIMITS.sectionText) || "(no details)") },
    { type: "context", elements: [mrkdwn(fit(draft.context, SLACK_LIMITS.sectionText) || "-")] },
  ];
  return {
    text: fit(`${escapeMrkdwn(plain(draft.title, SLACK_LIMITS.header))}\n${body}`, SLACK_LIMITS.fallbackText),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** Any JSON value as text: strings as they are, the rest as JSON. */
export function str(value: unknown): string {
  return typeof value === "string"
    ? value
    : value === undefined || value === null
      ? ""
      : JSON.stringify(value);
}

export function field(object: Json | undefined, ...path: string[]): string {
  let value: unknown = object;
  for (const key of path)
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return str(value);
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const regionOfArn = (arn: string): string | undefined => {
  const region = arn.split(":")[3];
  return region && REGION.test(region) ? region : undefined;
};

/** Console deep link to the alarm, built from its ARN (the message's `Region` is a display name such as "Asia Pacific (Seoul)"). */
export function alarmConsoleUrl(alarm: Json): string | undefined {
  const region = regionOfArn(field(alarm, "AlarmArn"));
  if (!region) return undefined;
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(field(alarm, "AlarmName"))}`;
}

/** A link only to an AWS console page, whose URL cannot break out of `<url|label>`. */
function consoleLink(url: string, label: string): string {
  if (!/^https:\/\/([a-z0-9-]+\.)*console\.aws\.amazon\.com\/[^\s<>|`]*$/.test(url)) return "";
  return `<${url.replace(/&/g, "&amp;")}|${label}>`;
}

export const isAlarm = (body: Json): boolean =>
  typeof body["AlarmName"] === "string" && typeof body["NewStateValue"] === "string";

export const isEventBridgeEvent = (body: Json): boolean =>
  typeof body["detail-type"] === "string" &&
  typeof body["source"] === "string" &&
  body["detail"] !== null &&
  typeof body["detail"] === "object";

export const isRdsEvent = (body: Json): boolean =>
  typeof body["Event Source"] === "string" && typeof body["Event Message"] === "string";

export function alarmDraft(alarm: Json): Draft {
  const t = (alarm["Trigger"] ?? {}) as Json;
  const state = field(alarm, "NewStateValue");
  const icon = STATE_ICON[state] ?? ":grey_question:";
  const dims = Array.isArray(t["Dimensions"])
    ? (t["Dimensions"] as Json[]).map((d) => `${field(d, "name")}=${field(d, "value")}`).join(", ")
    : "";
  const metric = field(t, "MetricName")
    ? `*Metric:* ${code(`${field(t, "Namespace")}/${field(t, "MetricName")}`)}${dims ? ` (${inline(dims)})` : ""}`
    : "";
  const rule =
    field(t, "ComparisonOperator") && field(t, "Threshold")
      ? `*Threshold:* ${inline(`${field(t, "Statistic") || field(t, "ExtendedStatistic")} ${field(t, "ComparisonOperator")} ${field(t, "Threshold")} for ${field(t, "EvaluationPeriods") || "1"} × ${field(t, "Period") || "?"} s`)}`
      : "";
  const link = alarmConsoleUrl(alarm);
  return {
    title: `${state}: ${field(alarm, "AlarmName")}`,
    lines: [
      `${icon} *${inline(field(alarm, "OldStateValue"))} → ${inline(state)}* in ${inline(field(alarm, "Region"))}`,
      field(alarm, "AlarmDescription") ? `*Description:* ${inline(field(alarm, "AlarmDescription"))}` : "",
      `*Reason:* ${inline(field(alarm, "NewStateReason"))}`,
      metric,
      rule,
      link ? consoleLink(link, "Open in the CloudWatch console") : "",
    ],
    context: inline(`account ${field(alarm, "AWSAccountId")} · ${field(alarm, "StateChangeTime")}`),
  };
}

export function eventDraft(event: Json): Draft {
  const d = event["detail"] as Json;
  const type = field(event, "detail-type");
  const context = inline(
    `${field(event, "source")} · account ${field(event, "account")} · ${field(event, "region")} · ${field(event, "time")}`,
  );
  const labelled = (label: string, value: string): string => (value ? `*${label}:* ${inline(value)}` : "");
  if (field(event, "source") === "aws.autoscaling") {
    const failed = type.includes("Unsuccessful");
    return {
      title: `${type}: ${field(d, "AutoScalingGroupName")}`,
      lines: [
        `${failed ? ":x:" : ":arrows_counterclockwise:"} *${inline(type)}*`,
        labelled("Group", field(d, "AutoScalingGroupName")),
        labelled("Instance", field(d, "EC2InstanceId")),
        labelled("What", field(d, "Description")),
        labelled("Cause", field(d, "Cause")),
        labelled("Status", field(d, "StatusMessage")),
      ],
      context,
    };
  }
  const who = field(d, "userIdentity", "arn") || field(d, "userIdentity", "type");
  const from = `*From:* ${inline(field(d, "sourceIPAddress"))} (${inline(field(d, "userAgent"))})`;
  if (type === "AWS Console Sign In via CloudTrail") {
    const failed = field(d, "responseElements", "ConsoleLogin") === "Failure";
    const root = field(d, "userIdentity", "type") === "Root";
    return {
      title: `${failed ? "Console sign-in failure" : root ? "Root user console sign-in" : "Console sign-in"}: ${who}`,
      lines: [
        `${failed ? ":no_entry:" : ":bust_in_silhouette:"} *${inline(field(d, "eventName"))}* ${inline(field(d, "responseElements", "ConsoleLogin"))}`,
        `*Who:* ${inline(who)}`,
        from,
        labelled("Error", field(d, "errorMessage")),
        `*MFA used:* ${inline(field(d, "additionalEventData", "MFAUsed") || "unknown")}`,
      ],
      context,
    };
  }
  if (field(d, "userIdentity", "type") === "Root") {
    return {
      title: `Root user activity: ${field(d, "eventName")}`,
      lines: [
        `:rotating_light: *${inline(`${field(d, "eventSource")} ${field(d, "eventName")}`)}* by the root user`,
        from,
        labelled("Error", `${field(d, "errorCode")} ${field(d, "errorMessage")}`.trim()),
      ],
      context,
    };
  }
  return {
    title: `${type} (${field(event, "source")})`,
    lines: [codeBlock(JSON.stringify(d, null, 2), SLACK_LIMITS.sectionText)],
    context,
  };
}

export function rdsDraft(event: Json): Draft {
  return {
    title: `RDS ${field(event, "Event Source")} ${field(event, "Source ID")}: ${field(event, "Event Message")}`,
    lines: [
      `:floppy_disk: *${inline(field(event, "Event Message"))}*`,
      `*Source:* ${inline(field(event, "Event Source"))} ${code(field(event, "Source ID"))}`,
      `*Event:* ${inline(field(event, "Event ID"))}`,
      consoleLink(field(event, "Identifier Link"), "Open in the RDS console"),
    ],
    context: inline(field(event, "Event Time")),
  };
}

/** AWS Budgets and other publishers send plain text; so does anything the notifier cannot read. */
export function textDraft(n: Notification): Draft {
  const text = n.text.length > 0 ? n.text : "(empty message)";
  return {
    title: n.subject || (n.problem ? "Unreadable notification" : "Notification"),
    lines: [
      n.problem ? `:grey_question: ${inline(n.problem)}` : "",
      n.body ? codeBlock(text, SLACK_LIMITS.sectionText - 200) : fit(escapeMrkdwn(text), 2900),
    ],
    context: inline([n.source, n.timestamp].filter(Boolean).join(" · ")),
  };
}

/** The draft for any notification: CloudWatch alarm, EventBridge event, RDS event, or text. */
export function draftOf(n: Notification): Draft {
  const body = n.body;
  if (body && isAlarm(body)) return alarmDraft(body);
  if (body && isEventBridgeEvent(body)) return eventDraft(body);
  if (body && isRdsEvent(body)) return rdsDraft(body);
  return textDraft(n);
}

export const formatNotification = (n: Notification): ChatMessage => render(draftOf(n));

/** The message for one SNS record, as a direct subscription would post it (other producers check their fit). */
export const formatRecord = (record: SnsRecord): ChatMessage =>
  formatNotification(readEvent({ Records: [record] }).notifications[0]!);
