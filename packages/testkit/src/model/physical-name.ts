import { autoName } from "../ids";
import type { ModelInput } from "./types";

/**
 * The property that holds a resource's physical name, where it is not `name`. The provider auto-names these
 * when the program leaves them out, so the mock must too.
 */
const namePropertyByType: Record<string, string> = {
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketV2:BucketV2": "bucket",
  "aws:rds/instance:Instance": "identifier",
  "aws:rds/cluster:Cluster": "clusterIdentifier",
  "aws:rds/clusterInstance:ClusterInstance": "identifier",
  "aws:sqs/queue:Queue": "name",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
  "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
  "aws:budgets/budget:Budget": "name",
};

export function namePropertyOf(type: string): string {
  return namePropertyByType[type] ?? "name";
}

/**
 * The physical name: the explicit value, else `<namePrefix><suffix>`, else `<logical name>-<7 hex>`, as the
 * AWS provider does. Lower-cases where AWS requires it (S3 buckets, RDS identifiers).
 */
export function physicalName(m: ModelInput, maxLength = 255): string {
  const prop = namePropertyOf(m.type);
  const explicit = m.inputs[prop];
  if (typeof explicit === "string" && explicit.length > 0) return explicit;
  const prefix = m.inputs[`${prop}Prefix`] ?? m.inputs["namePrefix"];
  const generated =
    typeof prefix === "string" ? `${prefix}${autoName("", m.seed).slice(1)}` : autoName(m.name, m.seed);
  const lower = m.type.startsWith("aws:s3/") || m.type.startsWith("aws:rds/");
  return (lower ? generated.toLowerCase() : generated).slice(0, maxLength);
}
