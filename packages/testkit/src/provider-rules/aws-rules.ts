import { formatValue } from "@cloudblocks/component-kit";

/**
 * Rules AWS enforces on the API call that terraform-provider-aws does not check in its schema, so `pulumi
 * preview` passes and `pulumi up` fails. Hand-kept: each names the AWS documentation it comes from.
 */
export interface AwsRule {
  readonly type: string;
  /** The AWS documentation page that states the rule. */
  readonly doc: string;
  /** A failure (`path`, `detail` in the `got …; allowed: …` style), or undefined when the inputs are fine. */
  check(
    inputs: Record<string, unknown>,
    region: string,
    lookup: Lookup,
  ): { path: string; detail: string } | undefined;
}

/** A resource registered earlier in the same program. */
export interface Registered {
  readonly type: string;
  readonly inputs: Record<string, unknown>;
}
/** Finds an earlier registration by its ARN or name (what one resource's inputs use to point at another). */
export type Lookup = (ref: string) => Registered | undefined;

const num = (v: unknown) => (typeof v === "number" ? v : undefined);
/** A number, the provider's default when unset, or undefined when not known yet (an unknown during preview). */
const numOr = (v: unknown, fallback: number) => (v === undefined || v === null ? fallback : num(v));
const ESM = "aws:lambda/eventSourceMapping:EventSourceMapping";
/** The service an ARN names (`arn:aws:<service>:…`). */
const arnService = (v: string | undefined) => (v?.startsWith("arn:") ? v.split(":")[2] : undefined);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The region an RDS ARN names (`arn:aws:rds:<region>:<account>:db:<id>`), if the value is an ARN. */
function arnRegion(value: string): string | undefined {
  const parts = value.split(":");
  return value.startsWith("arn:") && parts.length >= 6 ? parts[3] : undefined;
}

export const awsRules: readonly AwsRule[] = [
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)",
    check(inputs) {
      // "Period multiplied by EvaluationPeriods can't be more than 604,800 seconds. For alarms with a period of
      // less than one hour (3,600 seconds), the total evaluation period can't be longer than one day (86,400 s)."
      const period = num(inputs["period"]);
      const periods = num(inputs["evaluationPeriods"]);
      if (period === undefined || periods === undefined) return undefined;
      const limit = period < 3600 ? 86_400 : 604_800;
      if (period * periods <= limit) return undefined;
      return {
        path: "evaluationPeriods",
        detail: `got ${periods} (× period ${period} s = ${period * periods} s); allowed: period × evaluationPeriods ≤ ${limit} s${period < 3600 ? " for periods under an hour" : ""}`,
      };
    },
  },
  {
    type: "aws:rds/instance:Instance",
    doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (KmsKeyId)",
    check(inputs, region) {
      // "If you create an encrypted read replica in the same AWS Region as the source DB instance, don't specify
      // a value for this parameter. A read replica in the same Region is always encrypted with the same KMS key."
      const source = str(inputs["replicateSourceDb"]);
      const kmsKeyId = inputs["kmsKeyId"];
      if (!source || kmsKeyId === undefined || kmsKeyId === null || kmsKeyId === "") return undefined;
      const sourceRegion = arnRegion(source) ?? region;
      if (sourceRegion !== region) return undefined;
      return {
        path: "kmsKeyId",
        detail: `got ${formatValue(kmsKeyId)} on a read replica of ${formatValue(source)} in the same region (${region}); allowed: nothing (a same-region replica inherits the source's key)`,
      };
    },
  },
  {
    type: ESM,
    doc: "https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/lambda/aws.sdk.kotlin.services.lambda.model/-get-event-source-mapping-response/maximum-batching-window-in-seconds.html (MaximumBatchingWindowInSeconds, the CreateEventSourceMapping member)",
    check(inputs) {
      // "You can configure MaximumBatchingWindowInSeconds to any value from 0 seconds to 300 seconds … For
      // streams and Amazon SQS event sources, when you set BatchSize to a value greater than 10, you must set
      // MaximumBatchingWindowInSeconds to at least 1."
      const raw = inputs["maximumBatchingWindowInSeconds"];
      const window = numOr(raw, 0);
      const batch = num(inputs["batchSize"]);
      if (window === undefined) return undefined;
      if (window < 0 || window > 300)
        return { path: "maximumBatchingWindowInSeconds", detail: `got ${window}; allowed: 0 to 300 seconds` };
      const service = arnService(
        typeof inputs["eventSourceArn"] === "string" ? inputs["eventSourceArn"] : undefined,
      );
      if (batch === undefined || batch <= 10 || window >= 1) return undefined;
      if (!["sqs", "kinesis", "dynamodb"].includes(service ?? "")) return undefined;
      return {
        path: "maximumBatchingWindowInSeconds",
        detail: `got ${raw === undefined ? "nothing (0)" : window} with batchSize ${batch} from ${service}; allowed: at least 1 s when batchSize is over 10 for a stream or SQS source`,
      };
    },
  },
  {
    type: ESM,
    doc: "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html (Configuring a queue to use with Lambda)",
    check(inputs, _region, lookup) {
      // "Your function's timeout must be less than or equal to the queue's visibility timeout. Lambda validates
      // this requirement when you create or update an event source mapping and will return an error if the
      // function timeout exceeds the queue's visibility timeout." (The guide advises six times the timeout: a
      // recommendation, not refused, so not checked.) terraform-provider-aws does not check it: it spans two
      // resources. Defaults when unset: the provider's 30 s visibility timeout and 3 s function timeout.
      const source = inputs["eventSourceArn"];
      const fnRef = inputs["functionName"];
      if (typeof source !== "string" || typeof fnRef !== "string") return undefined;
      const queue = lookup(source);
      const fn = lookup(fnRef);
      if (queue?.type !== "aws:sqs/queue:Queue" || fn?.type !== "aws:lambda/function:Function")
        return undefined;
      const visibility = numOr(queue.inputs["visibilityTimeoutSeconds"], 30);
      const timeout = numOr(fn.inputs["timeout"], 3);
      if (visibility === undefined || timeout === undefined || timeout <= visibility) return undefined;
      return {
        path: "eventSourceArn",
        detail: `got queue ${formatValue(source)} with a visibility timeout of ${visibility} s for function ${formatValue(fnRef)} with a timeout of ${timeout} s; allowed: a queue whose visibility timeout is at least the function's timeout`,
      };
    },
  },
  {
    type: "aws:autoscaling/group:Group",
    doc: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html (MaxHealthyPercentage)",
    check(inputs) {
      // "If you specify MaxHealthyPercentage, you must also specify MinHealthyPercentage, and the difference between
      // them cannot be greater than 100." The provider sends both (its schema defaults: max 100, min 90), so an
      // unset one counts as its default.
      const refresh = inputs["instanceRefresh"] as Record<string, unknown> | undefined;
      const prefs = refresh?.["preferences"] as Record<string, unknown> | undefined;
      if (!prefs) return undefined;
      const max = numOr(prefs["maxHealthyPercentage"], 100);
      const min = numOr(prefs["minHealthyPercentage"], 90);
      if (max === undefined || min === undefined || max - min <= 100) return undefined;
      return {
        path: "instanceRefresh.preferences.maxHealthyPercentage",
        detail: `got ${max} with minHealthyPercentage ${min}; allowed: at most 100 above minHealthyPercentage (≤ ${min + 100})`,
      };
    },
  },
  {
    type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    doc: "https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html (Days)",
    check(inputs) {
      // "If the specified storage class is STANDARD_IA or ONEZONE_IA, valid values are positive integers greater
      // than 30." The S3 User Guide's transition constraints say "at least 30 days" (30 is accepted): the looser
      // reading is checked, never stricter than S3. Transitions by date are not checked.
      const rules = Array.isArray(inputs["rules"]) ? (inputs["rules"] as unknown[]) : [];
      for (const [i, rule] of rules.entries()) {
        const transitions = (rule as Record<string, unknown> | undefined)?.["transitions"];
        if (!Array.isArray(transitions)) continue;
        for (const [j, t] of (transitions as Record<string, unknown>[]).entries()) {
          const days = num(t?.["days"]);
          const storageClass = str(t?.["storageClass"]);
          if (days === undefined || !["STANDARD_IA", "ONEZONE_IA"].includes(storageClass ?? "") || days >= 30)
            continue;
          return {
            path: `rules[${i}].transitions[${j}].days`,
            detail: `got ${days} for ${storageClass}; allowed: at least 30 days after creation before STANDARD_IA or ONEZONE_IA`,
          };
        }
      }
      return undefined;
    },
  },
];
