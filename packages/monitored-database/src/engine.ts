/** RDS for MySQL 8 versions the component accepts, and what follows from one. */
export interface MysqlEngine {
  /** As given: `8.0`, `8.4` (minor upgrades automatic) or a full version such as `8.0.39`. */
  readonly version: string;
  /** `8.0` or `8.4`: the option group's major engine version. */
  readonly major: "8.0" | "8.4";
  /** Parameter group family, e.g. `mysql8.0`. */
  readonly family: string;
}

/**
 * The RDS for MySQL 8 minor versions RDS offers for new instances. Source: AWS "Supported MySQL minor versions on
 * Amazon RDS" (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html), as
 * mirrored by the AWS CDK's `MysqlEngineVersion` (aws/aws-cdk, packages/aws-cdk-lib/aws-rds/lib/instance-engine.ts
 * at 066134e: versions not marked "no longer supported by Amazon RDS"). `aws rds describe-db-engine-versions
 * --engine mysql` is the live list; refresh this one from it. All are past 8.0.28, from which on the MariaDB
 * audit plugin (RDS.9 audit log) exists (AWS "Options for MySQL DB instances").
 */
export const SUPPORTED_MYSQL_VERSIONS: readonly string[] = [
  "8.0.42",
  "8.0.43",
  "8.0.44",
  "8.0.45",
  "8.0.46",
  "8.4.5",
  "8.4.6",
  "8.4.7",
  "8.4.8",
  "8.4.9",
  "8.4.10",
];

export const ENGINE_VERSION_PATTERN = /^8\.(0|4)(?:\.(\d+))?$/;
export const ENGINE_VERSION_ALLOWED = `allowed: "8.0" or "8.4" (RDS applies minor versions), or a minor version RDS offers: ${SUPPORTED_MYSQL_VERSIONS.join(", ")}`;

export function parseEngineVersion(version: string): MysqlEngine | undefined {
  const match = ENGINE_VERSION_PATTERN.exec(version);
  if (!match) return undefined;
  if (match[2] !== undefined && !SUPPORTED_MYSQL_VERSIONS.includes(version)) return undefined;
  const major = match[1] === "0" ? "8.0" : "8.4";
  return { version, major, family: `mysql${major}` };
}
