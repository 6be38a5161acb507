import type * as pulumi from "@pulumi/pulumi";

/** CloudWatch comparison operators for static thresholds. */
export type ComparisonOperator =
  | "GreaterThanOrEqualToThreshold"
  | "GreaterThanThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";

/** What an alarm does when datapoints are missing. */
export type TreatMissingData = "breaching" | "notBreaching" | "ignore" | "missing";

/**
 * A metric filter on a log group and an alarm on the metric it feeds (ALM-3). The defaults are the seed's case:
 * `ERROR` in the app log at least twice within one minute.
 */
export interface LogAlarmArgs {
  /** Stable key: names the children (`<name>-log-<id>`), so never reorder-sensitive. Letters, digits, `-`, `_`. */
  readonly id: string;
  /** The log group to watch, e.g. the fleet's app log group. */
  readonly logGroupName: pulumi.Input<string>;
  /** CloudWatch Logs filter pattern. @default "ERROR" */
  readonly pattern?: string;
  /** Metric the filter publishes to. @default `<id>Count` (letters and digits of the id) */
  readonly metricName?: string;
  /** Namespace of that metric. @default "Cloudblocks/Logs" */
  readonly namespace?: string;
  /** Matching lines per period that raise the alarm. @default 2 */
  readonly threshold?: number;
  /** Seconds: 10, 20, 30 or a multiple of 60. @default 60 */
  readonly period?: number;
  /** Periods evaluated. @default 1 */
  readonly evaluationPeriods?: number;
  /** "M out of N": how many of `evaluationPeriods` must breach. @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** A static-threshold CloudWatch comparison operator (`ComparisonOperator`). @default "GreaterThanOrEqualToThreshold" */
  readonly comparisonOperator?: string;
  /** `breaching`, `notBreaching`, `ignore` or `missing` (`TreatMissingData`). @default "notBreaching" (no matching line means no problem) */
  readonly treatMissingData?: string;
  /** Alarm description. @default `"<pattern>" in <log group> ≥ <threshold> in <period> s` */
  readonly description?: string;
}

/** An alarm on any CloudWatch metric (ALM-4); period, evaluation and missing-data handling are always explicit. */
export interface MetricAlarmArgs {
  /** Stable key: names the child (`<name>-metric-<id>`). */
  readonly id: string;
  /** Metric namespace, e.g. `AWS/EC2`. */
  readonly namespace: string;
  /** Metric name, e.g. `CPUUtilization`. */
  readonly metricName: string;
  /** Metric dimensions by name. @default {} */
  readonly dimensions?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Average, Sum, Minimum, Maximum, SampleCount, or a percentile such as p99. */
  readonly statistic: string;
  /** Seconds: 10, 20, 30 or a multiple of 60. */
  readonly period: number;
  /** Periods evaluated. */
  readonly evaluationPeriods: number;
  /** "M out of N": how many of `evaluationPeriods` must breach. @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  /** Value compared with the statistic. */
  readonly threshold: number;
  /** A static-threshold CloudWatch comparison operator (`ComparisonOperator`). */
  readonly comparisonOperator: string;
  /** `breaching`, `notBreaching`, `ignore` or `missing` (`TreatMissingData`). */
  readonly treatMissingData: string;
  /** Alarm description. @default a sentence built from the settings */
  readonly description?: string;
}

/** One Lambda function a schedule invokes. */
export interface ScheduleTargetArgs {
  /** Stable key of the target within its schedule. */
  readonly id: string;
  /** Function ARN (or name) to invoke. */
  readonly functionArn: pulumi.Input<string>;
  /** Constant JSON input passed to the function. @default the scheduled event */
  // `any`: values of any JSON type (the schema's `Any`).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly input?: Readonly<Record<string, any>>;
}

/** An EventBridge schedule that invokes one or more functions (ALM-5, e.g. every 3 hours). */
export interface ScheduleArgs {
  /** Stable key: names the children (`<name>-schedule-<id>`). */
  readonly id: string;
  /** `rate(3 hours)` or `cron(0 0/3 * * ? *)`. */
  readonly expression: string;
  /** Functions the schedule invokes. */
  readonly targets: ScheduleTargetArgs[];
  /** Schedule description. @default "" */
  readonly description?: string;
}

/** The scheduled ops report (issue 12): availability, spend by component, scaling activities, fired alarms. */
export interface OpsReportArgs {
  /**
   * When it runs, in EventBridge Scheduler syntax, e.g. `rate(3 hours)` or `cron(0 9 ? * FRI *)`.
   * @default "cron(0 9 * * ? *)" (daily at 09:00 in `timeZone`)
   */
  readonly schedule?: string;
  /** IANA time zone the schedule runs in and the report's times are shown in. @default "UTC" */
  readonly timeZone?: string;
  /** Auto Scaling groups whose scaling activities the report lists. @default [] */
  readonly autoScalingGroupNames?: pulumi.Input<string>[];
  /**
   * Function errors within one schedule period (the rate's interval; a day for cron schedules) that raise the
   * error alarm (seed 004). A failed run counts 3: the invocation and Lambda's two retries. @default 3
   */
  readonly errorThreshold?: number;
}

/** AWS Config as the audit monitor (issue 12): recorder, delivery to a hardened bucket, managed rules. */
export interface AwsConfigArgs {
  /** Days before snapshots and history files move to STANDARD_IA. @default 30 */
  readonly transitionToInfrequentAccessDays?: number;
  /** Days before they move to GLACIER. @default 90 */
  readonly transitionToGlacierDays?: number;
  /** Days before they are deleted. @default 730 */
  readonly expireAfterDays?: number;
  /** Hours between configuration snapshots delivered to the bucket. @default 24 */
  readonly snapshotDeliveryHours?: number;
  /** Let `pulumi destroy` delete the bucket with its contents (dev only). @default false */
  readonly forceDestroy?: boolean;
  /** Pulumi `protect` on the bucket. @default false */
  readonly protect?: boolean;
  /**
   * The account already has Config's service-linked role (AWSServiceRoleForConfig): use it instead of creating
   * it, which would fail. @default false
   */
  readonly serviceLinkedRoleExists?: boolean;
}

/** The CloudTrail audit trail with its CIS metric filters and alarms (ALM-6). */
export interface AuditTrailArgs {
  /** The 15 CIS section-4 metric filters and alarms on the trail's log group. @default true */
  readonly cisAlarms?: boolean;
  /** Days the trail's CloudWatch log group keeps events. @default 365 */
  readonly logRetentionDays?: number;
  /** S3 data events for these bucket ARNs (`arn:aws:s3:::bucket/` or `arn:aws:s3` for all). @default [] */
  readonly s3DataEventBucketArns?: string[];
  /** Lambda invoke data events for every function. @default false */
  readonly lambdaDataEvents?: boolean;
  /** Days before log files move to STANDARD_IA. @default 30 */
  readonly transitionToInfrequentAccessDays?: number;
  /** Days before log files move to GLACIER. @default 90 */
  readonly transitionToGlacierDays?: number;
  /** Days before log files are deleted. @default 730 */
  readonly expireAfterDays?: number;
  /** Let `pulumi destroy` delete the buckets with their logs (dev only). @default false */
  readonly forceDestroy?: boolean;
  /**
   * Pulumi `protect` on the audit log bucket and the key that encrypts it, so `pulumi destroy` or a replacement
   * cannot lose the audit trail (STK-1 prod: stateful resources protected). @default false
   */
  readonly protect?: boolean;
}

/** A Route 53 availability check of the public URL and its alarm (ALM-8). */
export interface SlaMonitorArgs {
  /** `https://buddyverse.link/` — scheme, host, optional port and path. */
  readonly url: string;
  /** Seconds between checks: 10 or 30. @default 30 */
  readonly requestInterval?: number;
  /** Consecutive failures before a checker counts the endpoint unhealthy (1–10). @default 3 */
  readonly failureThreshold?: number;
  /** Minutes the check must be failing before the alarm fires ("2 consecutive periods"). @default 2 */
  readonly evaluationPeriods?: number;
}

/** A monthly cost budget that notifies the topic (ALM-9). */
export interface CostBudgetArgs {
  /** Monthly limit in USD. */
  readonly monthlyLimitUsd: number;
  /** Percentages of the limit at which actual spend notifies. @default [80, 100] */
  readonly actualThresholdsPercent?: number[];
  /** Percentage of the limit at which forecast spend notifies. @default 100 */
  readonly forecastThresholdPercent?: number;
}

/** Arguments of {@link AlarmingPipeline}. Everything beyond the topic is opt-in, so dev can stay cheap. */
export interface AlarmingPipelineArgs {
  /** Addresses subscribed to the alarm topic (each must confirm the e-mail AWS sends). @default [] */
  readonly emailAddresses?: string[];
  /**
   * The chat notifier (ALM-2): a Lambda on the alarm topic posting to a chat webhook, with its dead-letter queue
   * and alarms. `false` leaves chat off (e.g. dev). @default true
   */
  readonly chatNotifier?: boolean;
  /**
   * ARN of the Secrets Manager secret or SSM SecureString parameter that holds the chat webhook URL (the value
   * is the URL, or JSON with a `url` field). Without it the pipeline creates an empty secret, encrypted with its
   * own key, whose ARN is `webhookSecretArn`: put the URL into it once (no value ever in Pulumi state).
   * @default undefined (the pipeline's own secret)
   */
  readonly webhookSecretArn?: string;
  /** Customer KMS key that encrypts the webhook secret, if it is not the AWS-managed one. @default undefined */
  readonly webhookSecretKmsKeyArn?: string;
  /** Notifier errors within 5 minutes that raise its alarm (seed 004: "3 or more errors in a period"). @default 3 */
  readonly notifierErrorThreshold?: number;
  /** Retention of the log groups the pipeline creates (notifier, delivery status). @default 365 */
  readonly logRetentionDays?: number;
  /** Log-based alarms (ALM-3). More can be added later with `addLogAlarm`. @default [] */
  readonly logAlarms?: LogAlarmArgs[];
  /** Metric alarms (ALM-4). More can be added later with `addMetricAlarm`. @default [] */
  readonly metricAlarms?: MetricAlarmArgs[];
  /** Auto Scaling groups whose launch/terminate events (successful or not) go to the topic (ALM-5). @default [] */
  readonly autoScalingGroupNames?: pulumi.Input<string>[];
  /**
   * Console sign-in failures and root-user activity → topic (ALM-5). EventBridge receives these CloudTrail
   * events only while a trail is logging: set `true` without `auditTrail` only when another trail (e.g. an
   * organization trail) logs this account. @default true with `auditTrail`, false without
   */
  readonly securityEvents?: boolean;
  /** Schedules that invoke Lambda functions (ALM-5). @default [] */
  readonly schedules?: ScheduleArgs[];
  /** Multi-region CloudTrail trail with CIS alarms (ALM-6). @default undefined (no trail) */
  readonly auditTrail?: AuditTrailArgs;
  /** Availability check of the public URL (ALM-8). @default undefined (no check) */
  readonly slaMonitor?: SlaMonitorArgs;
  /** Monthly cost budget (ALM-9). @default undefined (no budget) */
  readonly costBudget?: CostBudgetArgs;
  /** AWS Config recorder, delivery channel and managed rules (issue 12). @default undefined (no Config) */
  readonly awsConfig?: AwsConfigArgs;
}
