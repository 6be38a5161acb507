/**
 * Rules AWS enforces on the API call that terraform-provider-aws does not check in its schema, so `pulumi
 * preview` passes and `pulumi up` fails. Hand-kept: each names the AWS documentation it comes from.
 */
export interface AwsRule {
  readonly type: string;
  /** The AWS documentation page that states the rule. */
  readonly doc: string;
  /** A failure (`path`, `detail` in the `got …; allowed: …` style), or undefined when the inputs are fine. */
  check(inputs: Record<string, unknown>, region: string): { path: string; detail: string } | undefined;
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);
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
        detail: `got ${JSON.stringify(kmsKeyId)} on a read replica of ${JSON.stringify(source)} in the same region (${region}); allowed: nothing (a same-region replica inherits the source's key)`,
      };
    },
  },
];
