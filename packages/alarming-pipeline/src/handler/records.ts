// Whatever invoked the notifier, turn it into notifications without ever throwing a TypeError: an SQS batch
// (the normal path: topic → queue → event source mapping), an SNS event (a direct subscription), a raw
// EventBridge event (a rule targeting the function), or anything else (shown as JSON, flagged as unreadable).
import type { Notification } from "./types";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function parseObject(raw: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An SNS message (from an SNS record or the JSON envelope SNS writes to SQS) as a notification. */
function fromSns(sns: Json, itemId: string | undefined, fallbackId: string): Notification {
  const message = text(sns["Message"]);
  const messageId = text(sns["MessageId"]) ?? fallbackId;
  const common = {
    itemId,
    messageId,
    subject: text(sns["Subject"]) ?? undefined,
    source: text(sns["TopicArn"]) ?? "sns",
    timestamp: text(sns["Timestamp"]),
  };
  if (message === undefined)
    return {
      ...common,
      text: JSON.stringify(sns, null, 2),
      body: sns,
      problem: "SNS notification without a Message",
    };
  return { ...common, text: message, body: parseObject(message) };
}

function fromSqs(record: Json, index: number): Notification {
  const itemId = text(record["messageId"]) ?? `sqs-${index}`;
  const raw = text(record["body"]) ?? "";
  const envelope = parseObject(raw);
  if (envelope && envelope["Type"] === "Notification") return fromSns(envelope, itemId, itemId);
  // Raw message delivery, or something sent to the queue directly (an EventBridge rule, a person).
  const source = text(record["eventSourceARN"]) ?? "sqs";
  const sent = text(isObject(record["attributes"]) ? record["attributes"]["SentTimestamp"] : undefined);
  const timestamp = sent && /^\d+$/.test(sent) ? new Date(Number(sent)).toISOString() : undefined;
  return { itemId, messageId: itemId, source, timestamp, text: raw, body: envelope };
}

function fromEventBridge(event: Json): Notification {
  return {
    messageId: text(event["id"]) ?? "eventbridge",
    source: `eventbridge ${text(event["source"]) ?? ""}`.trim(),
    timestamp: text(event["time"]),
    text: JSON.stringify(event),
    body: event,
  };
}

function unknownShape(event: unknown, problem: string): Notification {
  return {
    messageId: "unknown",
    source: "direct invocation",
    text: JSON.stringify(event, null, 2) ?? String(event),
    body: isObject(event) ? event : {},
    problem,
  };
}

export interface Incoming {
  /** "sqs": the caller takes a partial batch response; otherwise a failure must throw. */
  readonly kind: "sqs" | "sns" | "eventbridge" | "unknown";
  readonly notifications: readonly Notification[];
}

/**
 * Reads the invocation event. Only a non-object event is refused (an error, so the invocation fails and the
 * event goes to the dead-letter path); every other shape yields at least one notification.
 */
export function readEvent(event: unknown): Incoming {
  if (!isObject(event))
    throw new Error(
      `unsupported event: expected an SQS, SNS or EventBridge event object, got ${event === null ? "null" : Array.isArray(event) ? "an array" : typeof event}`,
    );
  const records = event["Records"];
  if (Array.isArray(records) && records.length > 0) {
    const first = records[0] as unknown;
    if (isObject(first) && first["eventSource"] === "aws:sqs")
      return {
        kind: "sqs",
        notifications: records.map((r: unknown, i) =>
          isObject(r) ? fromSqs(r, i) : unknownShape(r, "SQS record that is not an object"),
        ),
      };
    if (isObject(first) && (first["EventSource"] === "aws:sns" || isObject(first["Sns"])))
      return {
        kind: "sns",
        notifications: records.map((r: unknown, i) =>
          isObject(r) && isObject(r["Sns"])
            ? fromSns(r["Sns"], undefined, `sns-${i}`)
            : unknownShape(r, "SNS record without an Sns object"),
        ),
      };
  }
  if (typeof event["detail-type"] === "string" && typeof event["source"] === "string")
    return { kind: "eventbridge", notifications: [fromEventBridge(event)] };
  return { kind: "unknown", notifications: [unknownShape(event, "event of an unknown shape")] };
}
