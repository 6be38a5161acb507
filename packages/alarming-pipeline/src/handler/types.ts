// The shapes the notifier receives. Only the fields it reads are typed; everything else passes through.

/** The event Lambda receives from an SNS subscription (one record per invocation). */
export interface SnsEvent {
  readonly Records: readonly SnsRecord[];
}

export interface SnsRecord {
  readonly EventSource: string;
  readonly EventSubscriptionArn?: string;
  readonly Sns: {
    readonly MessageId: string;
    readonly TopicArn: string;
    readonly Subject?: string | null;
    /** Always present when SNS sends it; a hand-made or truncated record may lack it. */
    readonly Message?: string;
    readonly Timestamp: string;
  };
}

/** The event an SQS event source mapping sends: a batch of queue messages. */
export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

export interface SqsRecord {
  readonly eventSource: "aws:sqs";
  readonly messageId: string;
  /** The SNS notification JSON (`Type`, `MessageId`, `TopicArn`, `Subject`, `Message`, `Timestamp`, …). */
  readonly body: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly eventSourceARN?: string;
}

/** What an SQS event source mapping with ReportBatchItemFailures expects back: the messages to retry. */
export interface BatchResponse {
  readonly batchItemFailures: readonly { readonly itemIdentifier: string }[];
}

/**
 * One thing to tell the channel, whatever carried it (SQS batch, SNS record, a raw EventBridge event).
 * `itemId` is the SQS message id to report on failure; `body` is the parsed JSON message, if it was JSON.
 */
export interface Notification {
  readonly itemId?: string;
  readonly messageId: string;
  readonly subject?: string;
  readonly source: string;
  readonly timestamp?: string;
  readonly text: string;
  readonly body?: Readonly<Record<string, unknown>>;
  /** Why the envelope was odd (no Message, not JSON, unknown shape); shown in the message and logged. */
  readonly problem?: string;
}

/** The JSON body CloudWatch publishes to SNS when an alarm changes state. */
export interface CloudWatchAlarmMessage {
  readonly AlarmName: string;
  readonly AlarmDescription?: string | null;
  readonly AWSAccountId: string;
  readonly NewStateValue: "ALARM" | "OK" | "INSUFFICIENT_DATA";
  readonly OldStateValue: string;
  readonly NewStateReason: string;
  readonly StateChangeTime: string;
  readonly Region: string;
  readonly AlarmArn?: string;
  readonly Trigger?: {
    readonly MetricName?: string;
    readonly Namespace?: string;
    readonly Statistic?: string;
    readonly ExtendedStatistic?: string;
    readonly Dimensions?: readonly { readonly name: string; readonly value: string }[];
    readonly Period?: number;
    readonly EvaluationPeriods?: number;
    readonly ComparisonOperator?: string;
    readonly Threshold?: number;
    readonly TreatMissingData?: string;
  };
}

/** An EventBridge event, as an SNS target receives it (the whole event as the message). */
export interface EventBridgeEvent {
  readonly version: string;
  readonly id: string;
  readonly "detail-type": string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** The JSON body an RDS event subscription publishes. */
export interface RdsEventMessage {
  readonly "Event Source": string;
  readonly "Event Time": string;
  readonly "Identifier Link"?: string;
  readonly "Source ID": string;
  readonly "Source ARN"?: string;
  readonly "Event ID": string;
  readonly "Event Message": string;
}

export interface MrkdwnText {
  readonly type: "mrkdwn";
  readonly text: string;
  /** true: Slack does not auto-link URLs or channel names, nor parse mentions, in this text. */
  readonly verbatim: true;
}

export type ChatBlock =
  | { readonly type: "header"; readonly text: { readonly type: "plain_text"; readonly text: string } }
  | { readonly type: "section"; readonly text: MrkdwnText }
  | { readonly type: "context"; readonly elements: readonly MrkdwnText[] };

/** A Slack-compatible incoming-webhook body (Slack, Mattermost, Discord's /slack endpoint). */
export interface ChatMessage {
  /** The fallback and notification text: escaped mrkdwn. */
  readonly text: string;
  readonly blocks: readonly ChatBlock[];
  readonly unfurl_links?: false;
  readonly unfurl_media?: false;
}
