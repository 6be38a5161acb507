import {
  argsObject,
  rejectArg,
  isIanaTimeZone,
  isEmailAddress,
  scheduleExpressionProblem,
  validateArgs,
  EMAIL_ALLOWED,
  LOG_RETENTION_DAYS,
  TIME_ZONE_ALLOWED,
} from "@cloudblocks/component-kit";
import type { AlarmingPipelineArgs } from "./args";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** A log bucket's lifecycle: days to Standard-IA, to Glacier, to expiry (trail and Config buckets alike). */
const lifecycleFields = {
  transitionToInfrequentAccessDays: z
    .number()
    .int()
    .min(30, "allowed: an integer ≥ 30 (S3's minimum for STANDARD_IA)")
    .optional(),
  transitionToGlacierDays: z.number().int().min(1, "allowed: an integer ≥ 1").optional(),
  expireAfterDays: z.number().int().min(1, "allowed: an integer ≥ 1").optional(),
};

/** A log bucket's lifecycle must move objects forward in time: Standard-IA, then Glacier, then expiry. */
function checkLifecycleOrder(
  t: {
    transitionToInfrequentAccessDays?: number;
    transitionToGlacierDays?: number;
    expireAfterDays?: number;
  },
  ctx: z.RefinementCtx,
): void {
  const ia = t.transitionToInfrequentAccessDays ?? 30;
  const glacier = t.transitionToGlacierDays ?? 90;
  const expire = t.expireAfterDays ?? 730;
  if (glacier <= ia)
    ctx.addIssue({
      code: "custom",
      path: ["transitionToGlacierDays"],
      input: glacier,
      message: `allowed: more than transitionToInfrequentAccessDays (${ia})`,
    });
  if (expire <= glacier)
    ctx.addIssue({
      code: "custom",
      path: ["expireAfterDays"],
      input: expire,
      message: `allowed: more than transitionToGlacierDays (${glacier})`,
    });
}

// Zod schemas for the arguments: every message starts with "allowed:" so the error names what would pass
// (component-kit's validateArgs adds the argument path and the bad value).

export { LOG_RETENTION_DAYS };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SECRET_ARN =
  /^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+|ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+)$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const STATISTIC = /^(Average|Sum|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d{1,2})?)$/;

/** A CloudWatch alarm period: 10, 20 or 30 s (high resolution) or a multiple of 60 s. */
export function isValidPeriod(seconds: number): boolean {
  return seconds === 10 || seconds === 20 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0);
}

/**
 * EventBridge schedule syntax, field by field with AWS's ranges (component-kit `scheduleExpressionProblem`):
 * `rate(N unit)` or `cron(min hour dom month dow year)` with `?` in exactly one day field.
 */
export function isValidScheduleExpression(expression: string): boolean {
  return scheduleExpressionProblem(expression) === undefined;
}

const input = z.custom<pulumi.Input<string>>(
  (v) =>
    (typeof v === "string" && v.trim().length > 0) || pulumi.Output.isInstance(v) || v instanceof Promise,
  "allowed: a non-empty string or a Pulumi output",
);
export const idSchema = z
  .string()
  .regex(ID, "allowed: 1-64 letters, digits, '-' or '_' (a stable key, never a list index)");
const id = idSchema;
const period = z
  .number()
  .int("allowed: whole seconds")
  .refine(isValidPeriod, "allowed: 10, 20, 30 or a multiple of 60 seconds");
const evaluationPeriods = z
  .number()
  .int("allowed: an integer from 1 to 1440")
  .min(1, "allowed: an integer from 1 to 1440")
  .max(1440, "allowed: an integer from 1 to 1440");
const threshold = z.number({ message: "allowed: a finite number" });
const comparison = z.enum(
  [
    "GreaterThanOrEqualToThreshold",
    "GreaterThanThreshold",
    "LessThanThreshold",
    "LessThanOrEqualToThreshold",
  ],
  {
    message:
      "allowed: GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold",
  },
);
const missing = z.enum(["breaching", "notBreaching", "ignore", "missing"], {
  message: "allowed: breaching, notBreaching, ignore, missing",
});
const retention = z
  .number()
  .refine(
    (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
    `allowed: one of ${LOG_RETENTION_DAYS.join(", ")} days`,
  );

/** Shared by log and metric alarms: M-of-N must fit, and CloudWatch evaluates at most one day of periods. */
function alarmWindow(
  value: { period?: number; evaluationPeriods?: number; datapointsToAlarm?: number },
  ctx: z.RefinementCtx,
): void {
  const periods = value.evaluationPeriods ?? 1;
  if (value.datapointsToAlarm !== undefined && value.datapointsToAlarm > periods) {
    ctx.addIssue({
      code: "custom",
      path: ["datapointsToAlarm"],
      input: value.datapointsToAlarm,
      message: `allowed: 1 to evaluationPeriods (${periods})`,
    });
  }
  const seconds = (value.period ?? 60) * periods;
  if (seconds > 86_400) {
    ctx.addIssue({
      code: "custom",
      path: ["evaluationPeriods"],
      input: periods,
      message: `allowed: period × evaluationPeriods ≤ 86400 s (got ${seconds} s)`,
    });
  }
}

function uniqueBy<T>(key: (item: T) => string, what: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const k = key(item);
      if (seen.has(k))
        ctx.addIssue({
          code: "custom",
          path: [index],
          input: k,
          message: `allowed: unique ${what}s (${JSON.stringify(k)} repeats)`,
        });
      seen.add(k);
    });
  };
}

export const logAlarmSchema = argsObject({
  id,
  logGroupName: input,
  pattern: z
    .string()
    .refine((p) => p.trim().length > 0, "allowed: a non-empty CloudWatch Logs filter pattern")
    .max(1024, "allowed: at most 1024 characters")
    .optional(),
  metricName: z
    .string()
    .regex(/^[A-Za-z0-9._/#:-]{1,255}$/, "allowed: 1-255 letters, digits or . _ / # : -")
    .optional(),
  namespace: z
    .string()
    .regex(/^[A-Za-z0-9._/#:-]{1,255}$/, "allowed: 1-255 letters, digits or . _ / # : -")
    .optional(),
  threshold: threshold.optional(),
  period: period.optional(),
  evaluationPeriods: evaluationPeriods.optional(),
  datapointsToAlarm: z.number().int().min(1, "allowed: an integer ≥ 1").optional(),
  comparisonOperator: comparison.optional(),
  treatMissingData: missing.optional(),
  description: z.string().max(1024, "allowed: at most 1024 characters").optional(),
}).superRefine(alarmWindow);

export const metricAlarmSchema = argsObject({
  id,
  namespace: z.string().min(1, "allowed: a CloudWatch namespace such as AWS/EC2"),
  metricName: z.string().min(1, "allowed: a metric name such as CPUUtilization"),
  dimensions: z.record(z.string(), input).optional(),
  statistic: z
    .string()
    .regex(STATISTIC, "allowed: Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99"),
  period,
  evaluationPeriods,
  datapointsToAlarm: z.number().int().min(1, "allowed: an integer ≥ 1").optional(),
  threshold,
  comparisonOperator: comparison,
  treatMissingData: missing,
  description: z.string().max(1024, "allowed: at most 1024 characters").optional(),
}).superRefine(alarmWindow);

const scheduleSchema = argsObject({
  id,
  expression: z.string().superRefine((expression, ctx) => {
    const problem = scheduleExpressionProblem(expression);
    if (problem)
      ctx.addIssue({
        code: "custom",
        input: expression,
        message: `allowed: rate(1 hour), rate(3 hours) or cron(min hour day-of-month month day-of-week year) with '?' in exactly one day field (bad: ${problem})`,
      });
  }),
  targets: z
    .array(argsObject({ id, functionArn: input, input: z.record(z.string(), z.unknown()).optional() }))
    .min(1, "allowed: 1 to 5 targets")
    .max(5, "allowed: 1 to 5 targets")
    .superRefine(uniqueBy((t: { id: string }) => t.id, "target id")),
  description: z.string().max(512).optional(),
});

const auditTrailSchema = argsObject({
  cisAlarms: z.boolean().optional(),
  logRetentionDays: retention.optional(),
  s3DataEventBucketArns: z
    .array(
      z
        .string()
        .regex(
          /^arn:aws[a-z-]*:s3(:::[a-z0-9.-]{3,63}\/.*)?$/,
          "allowed: arn:aws:s3 or arn:aws:s3:::<bucket>/[prefix]",
        ),
    )
    .optional(),
  lambdaDataEvents: z.boolean().optional(),
  ...lifecycleFields,
  forceDestroy: z.boolean().optional(),
  protect: z.boolean().optional(),
}).superRefine(checkLifecycleOrder);

const slaSchema = argsObject({
  url: z.string().refine((u) => {
    try {
      const parsed = new URL(u);
      return (
        (parsed.protocol === "https:" || parsed.protocol === "http:") &&
        parsed.hostname.length > 0 &&
        !parsed.username
      );
    } catch {
      return false;
    }
  }, "allowed: an http(s) URL such as https://buddyverse.link/"),
  requestInterval: z.union([z.literal(10), z.literal(30)], { message: "allowed: 10 or 30" }).optional(),
  failureThreshold: z
    .number()
    .int()
    .min(1, "allowed: an integer from 1 to 10")
    .max(10, "allowed: an integer from 1 to 10")
    .optional(),
  evaluationPeriods: evaluationPeriods.optional(),
});

const budgetSchema = argsObject({
  monthlyLimitUsd: z
    .number()
    .positive("allowed: a positive amount of USD")
    .refine(Number.isFinite, "allowed: a finite amount"),
  actualThresholdsPercent: z
    .array(z.number().positive("allowed: 1 to 1000 (%)").max(1000, "allowed: 1 to 1000 (%)"))
    .max(4, "allowed: at most 4 thresholds")
    .optional(),
  forecastThresholdPercent: z
    .number()
    .positive("allowed: 1 to 1000 (%)")
    .max(1000, "allowed: 1 to 1000 (%)")
    .optional(),
});

export const opsReportSchema = argsObject({
  schedule: z
    .string()
    .refine(
      isValidScheduleExpression,
      "allowed: rate(3 hours) or cron(min hour day-of-month month day-of-week year) with '?' in exactly one day field",
    )
    .optional(),
  timeZone: z.string().refine(isIanaTimeZone, TIME_ZONE_ALLOWED).optional(),
  autoScalingGroupNames: z.array(input).optional(),
  errorThreshold: z.number().int().min(1, "allowed: an integer ≥ 1").optional(),
});

export const awsConfigSchema = argsObject({
  ...lifecycleFields,
  snapshotDeliveryHours: z
    .union([z.literal(1), z.literal(3), z.literal(6), z.literal(12), z.literal(24)], {
      message: "allowed: 1, 3, 6, 12 or 24",
    })
    .optional(),
  forceDestroy: z.boolean().optional(),
  protect: z.boolean().optional(),
  serviceLinkedRoleExists: z.boolean().optional(),
}).superRefine(checkLifecycleOrder);

export const alarmingPipelineSchema = argsObject({
  emailAddresses: z
    .array(z.string().refine(isEmailAddress, EMAIL_ALLOWED))
    .superRefine(uniqueBy((e: string) => e.toLowerCase(), "address"))
    .optional(),
  chatNotifier: z.boolean().optional(),
  webhookSecretArn: z
    .string()
    .regex(SECRET_ARN, "allowed: a Secrets Manager secret ARN or an SSM parameter ARN")
    .optional(),
  webhookSecretKmsKeyArn: z.string().regex(KMS_KEY_ARN, "allowed: a KMS key ARN").optional(),
  notifierErrorThreshold: z.number().int().min(1, "allowed: an integer ≥ 1").optional(),
  logRetentionDays: retention.optional(),
  logAlarms: z
    .array(logAlarmSchema)
    .superRefine(uniqueBy((a: { id: string }) => a.id, "log alarm id"))
    .optional(),
  metricAlarms: z
    .array(metricAlarmSchema)
    .superRefine(uniqueBy((a: { id: string }) => a.id, "metric alarm id"))
    .optional(),
  autoScalingGroupNames: z.array(input).optional(),
  securityEvents: z.boolean().optional(),
  schedules: z
    .array(scheduleSchema)
    .superRefine(uniqueBy((s: { id: string }) => s.id, "schedule id"))
    .optional(),
  auditTrail: auditTrailSchema.optional(),
  slaMonitor: slaSchema.optional(),
  costBudget: budgetSchema.optional(),
  awsConfig: awsConfigSchema.optional(),
});

/**
 * Every construction-time rule of AlarmingPipeline's arguments (ALL-1), exported so a program can validate
 * everything before it creates its first resource.
 */
export function validateAlarmingPipelineArgs(
  args: AlarmingPipelineArgs,
): z.output<typeof alarmingPipelineSchema> {
  const parsed = validateArgs("AlarmingPipeline", alarmingPipelineSchema, args);
  for (const key of ["webhookSecretArn", "webhookSecretKmsKeyArn"] as const) {
    if (args.chatNotifier === false && args[key] !== undefined)
      rejectArg(
        "AlarmingPipeline",
        `args.${key}`,
        args[key],
        "allowed: nothing with chatNotifier: false (only the chat notifier reads it)",
      );
  }
  return parsed;
}
