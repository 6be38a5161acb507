// The shapes the notifier receives. Only the fields it reads are typed; everything else passes through.

/** The event Lambda receives from an SNS subscription. */
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
    readonly Message: string;
    readonly Timestamp: string;
  };
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

/** A Slack-compatible incoming-webhook body (Slack, Mattermost, Discord's /slack endpoint). */
export interface ChatMessage {
  readonly text: string;
  readonly blocks: readonly (
    | { readonly type: "header"; readonly text: { readonly type: "plain_text"; readonly text: string } }
    | { readonly type: "section"; readonly text: { readonly type: "mrkdwn"; readonly text: string } }
    | {
        readonly type: "context";
        readonly elements: readonly { readonly type: "mrkdwn"; readonly text: string }[];
      }
  )[];
}
