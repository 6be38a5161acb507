import * as path from "node:path";
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { assumedBy, COST_ALLOCATION_TAG, policyDocument } from "@cloudblocks/component-kit";
import type { OpsReportArgs } from "./args";
import type { AccountContext } from "./context";
import { NOTIFIER_RUNTIME } from "./notifier";

/** The compiled report handler files (dist/src/ops-report/*.js), packaged without maps and declarations. */
export const OPS_REPORT_FILES = [
  "index.js",
  "aws.js",
  "availability.js",
  "alarm-history.js",
  "render.js",
  "time.js",
] as const;

export const DEFAULT_OPS_REPORT_SCHEDULE = "cron(0 9 * * ? *)";

/** The seconds between runs of a `rate(...)` schedule; a cron schedule's errors are counted per day. */
export function schedulePeriodSeconds(expression: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (!rate) return 86_400;
  const unit = { minute: 60, hour: 3600, day: 86_400 }[rate[2] as "minute" | "hour" | "day"];
  return Math.min(Number(rate[1]) * unit, 86_400);
}

export interface OpsReportOptions {
  readonly parent: pulumi.Resource;
  readonly ctx: AccountContext;
  readonly spec: OpsReportArgs;
  readonly topic: { readonly arn: pulumi.Input<string>; readonly keyArn: pulumi.Input<string> };
  readonly logRetentionDays: number;
  readonly title: string;
  readonly healthCheck?: { readonly id: pulumi.Input<string>; readonly url: string };
  readonly budgetUsd?: number;
  /** Regions whose alarm history the report reads (the home region, and us-east-1 for the SLA alarm). */
  readonly alarmRegions: readonly pulumi.Input<string>[];
}

export interface OpsReport {
  readonly fn: aws.lambda.Function;
  readonly deadLetterQueue: aws.sqs.Queue;
  readonly schedule: aws.scheduler.Schedule;
  readonly periodSeconds: number;
  /** Its error and dead-letter alarms (set by the pipeline). */
  readonly alarms: aws.cloudwatch.MetricAlarm[];
}

/**
 * The scheduled ops report (issue 12): an EventBridge Scheduler schedule (time-zone aware, unlike EventBridge
 * rules, which run in UTC) invokes the report function asynchronously; the function reads Route 53 health,
 * Cost Explorer, Auto Scaling and alarm history, and publishes to the alarm topic. Failures are retried by
 * Lambda twice, then land in the dead-letter queue; Scheduler's own delivery failures land there too.
 */
export function createOpsReport(prefix: string, options: OpsReportOptions): OpsReport {
  const { parent, ctx, spec } = options;
  const expression = spec.schedule ?? DEFAULT_OPS_REPORT_SCHEDULE;
  const logGroup = new aws.cloudwatch.LogGroup(
    `${prefix}-logs`,
    { retentionInDays: options.logRetentionDays },
    { parent },
  );
  const deadLetterQueue = new aws.sqs.Queue(
    `${prefix}-dlq`,
    { sqsManagedSseEnabled: true, messageRetentionSeconds: 14 * 24 * 3600 },
    { parent },
  );
  const role = new aws.iam.Role(
    `${prefix}-role`,
    { description: "Ops report Lambda", assumeRolePolicy: JSON.stringify(assumedBy("lambda.amazonaws.com")) },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${prefix}-policy`,
    {
      role: role.id,
      policy: pulumi
        .all([
          logGroup.arn,
          deadLetterQueue.arn,
          options.topic.arn,
          options.topic.keyArn,
          ctx.accountId,
          ctx.partition,
        ])
        .apply(([logGroupArn, queueArn, topicArn, keyArn, account, partition]) =>
          policyDocument(
            {
              Sid: "WriteOwnLogs",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `${logGroupArn}:log-stream:*`,
            },
            // These read actions have no resource types in the Service Authorization Reference: "*" is the
            // only Resource they accept.
            {
              Sid: "ReadSpendHealthAndScaling",
              Effect: "Allow",
              Action: [
                "ce:GetCostAndUsage",
                "ce:GetCostForecast",
                "cloudwatch:GetMetricData",
                "autoscaling:DescribeScalingActivities",
              ],
              Resource: "*",
            },
            {
              Sid: "ReadMetricAlarmHistory",
              Effect: "Allow",
              Action: "cloudwatch:DescribeAlarmHistory",
              Resource: `arn:${partition}:cloudwatch:*:${account}:alarm:*`,
            },
            { Sid: "PublishReport", Effect: "Allow", Action: "sns:Publish", Resource: topicArn },
            {
              Sid: "EncryptForTopic",
              Effect: "Allow",
              Action: ["kms:GenerateDataKey", "kms:Decrypt"],
              Resource: keyArn,
            },
            { Sid: "DeadLetter", Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn },
          ),
        ),
    },
    { parent },
  );

  const fn = new aws.lambda.Function(
    prefix,
    {
      description:
        "Posts the ops report (availability, spend by component, scaling, alarms) to the alarm topic",
      runtime: NOTIFIER_RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      code: new pulumi.asset.AssetArchive(
        Object.fromEntries(
          OPS_REPORT_FILES.map((f) => [f, new pulumi.asset.FileAsset(path.join(__dirname, "ops-report", f))]),
        ),
      ),
      role: role.arn,
      memorySize: 256,
      timeout: 120,
      environment: {
        variables: {
          REPORT_TOPIC_ARN: options.topic.arn,
          REPORT_TITLE: options.title,
          REPORT_TIME_ZONE: spec.timeZone ?? "UTC",
          COST_TAG_KEY: COST_ALLOCATION_TAG,
          AUTO_SCALING_GROUPS: pulumi
            .output(spec.autoScalingGroupNames ?? [])
            .apply((names) => names.join(",")),
          ALARM_REGIONS: pulumi.all([...options.alarmRegions]).apply((regions) => regions.join(",")),
          ...(options.healthCheck
            ? { HEALTH_CHECK_ID: options.healthCheck.id, HEALTH_CHECK_URL: options.healthCheck.url }
            : {}),
          ...(options.budgetUsd ? { MONTHLY_BUDGET_USD: String(options.budgetUsd) } : {}),
        },
      },
      deadLetterConfig: { targetArn: deadLetterQueue.arn },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
    },
    { parent, dependsOn: [logGroup] },
  );
  new aws.lambda.FunctionEventInvokeConfig(
    `${prefix}-async`,
    { functionName: fn.name, maximumRetryAttempts: 2, maximumEventAgeInSeconds: 6 * 3600 },
    { parent },
  );

  // Scheduler assumes this role to invoke the one function and to dead-letter what it cannot deliver.
  const schedulerRole = new aws.iam.Role(
    `${prefix}-scheduler-role`,
    {
      description: "EventBridge Scheduler invoking the ops report",
      // Only schedules of this account may use it (confused-deputy protection, as Scheduler's guide shows).
      assumeRolePolicy: ctx.accountId.apply((account) =>
        JSON.stringify(
          assumedBy("scheduler.amazonaws.com", { StringEquals: { "aws:SourceAccount": account } }),
        ),
      ),
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${prefix}-scheduler-policy`,
    {
      role: schedulerRole.id,
      policy: pulumi
        .all([fn.arn, deadLetterQueue.arn])
        .apply(([fnArn, queueArn]) =>
          policyDocument(
            { Sid: "InvokeReport", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: fnArn },
            { Sid: "DeadLetter", Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn },
          ),
        ),
    },
    { parent },
  );
  const schedule = new aws.scheduler.Schedule(
    `${prefix}-schedule`,
    {
      description: "Runs the ops report",
      scheduleExpression: expression,
      scheduleExpressionTimezone: spec.timeZone ?? "UTC",
      flexibleTimeWindow: { mode: "OFF" },
      target: {
        arn: fn.arn,
        roleArn: schedulerRole.arn,
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: deadLetterQueue.arn },
      },
    },
    { parent },
  );
  return { fn, deadLetterQueue, schedule, periodSeconds: schedulePeriodSeconds(expression), alarms: [] };
}
