import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { CloudblocksPolicy, Props } from "../types";
import { tlsParameterFor } from "./database";

// Aurora cluster controls (FSBP RDS.* for DB clusters). Encryption (RDS.27) and deletion protection (RDS.7) are
// checked for clusters by rds-storage-encrypted and rds-deletion-protection.

const CLUSTER = "aws:rds/cluster:Cluster";
const MEMBER = "aws:rds/clusterInstance:ClusterInstance";
const CLUSTER_PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

const isAurora = (props: Props) =>
  typeof props["engine"] === "string" && props["engine"].startsWith("aurora");

function clusterPolicy(
  name: string,
  description: string,
  check: (props: Props, name: string, config: Props) => string | undefined,
  extra: Partial<ResourceValidationPolicy> = {},
): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    ...extra,
    validateResource: (args, reportViolation) => {
      if (args.type !== CLUSTER || !isAurora(args.props)) return;
      const problem = check(args.props, args.name, args.getConfig<Props>());
      if (problem) reportViolation(problem);
    },
  };
}

export const auroraAutomatedBackups = clusterPolicy(
  "aurora-automated-backups",
  "RDS.11 for clusters: Aurora clusters keep automated backups for at least backupRetentionMinimum days (7).",
  (p, n, config) => {
    const minimum = Number(config["backupRetentionMinimum"] ?? 7);
    const days = Number(p["backupRetentionPeriod"] ?? 1); // Aurora's default is 1 day
    return days >= minimum
      ? undefined
      : `Aurora cluster "${n}" keeps automated backups ${days} day(s); at least ${minimum} required.`;
  },
  {
    configSchema: {
      properties: { backupRetentionMinimum: { type: "integer", minimum: 1, maximum: 35, default: 7 } },
    },
  },
);

/** RDS.34 asks for the audit log; the error and slow query logs are what DB-7 monitors. */
const REQUIRED_EXPORTS = ["audit", "error", "slowquery"];

export const auroraLogExports = clusterPolicy(
  "aurora-log-exports",
  "RDS.34 / DB-7: Aurora MySQL clusters publish their audit, error and slow query logs to CloudWatch Logs.",
  (p, n) => {
    const exported = (p["enabledCloudwatchLogsExports"] as string[] | undefined) ?? [];
    const missing = REQUIRED_EXPORTS.filter((log) => !exported.includes(log));
    return missing.length === 0
      ? undefined
      : `Aurora cluster "${n}" does not export ${missing.join(", ")} logs.`;
  },
);

export const auroraManagedCredentials = clusterPolicy(
  "aurora-managed-credentials",
  "RDS.12 / DB-5: Aurora clusters use IAM authentication and an RDS-managed master secret, never a password in state.",
  (p, n) => {
    if (p["masterPassword"] !== undefined)
      return `Aurora cluster "${n}" sets masterPassword: let RDS manage it (manageMasterUserPassword).`;
    if (p["manageMasterUserPassword"] !== true)
      return `Aurora cluster "${n}" does not let RDS manage the master password (manageMasterUserPassword is not true).`;
    if (p["iamDatabaseAuthenticationEnabled"] !== true)
      return `Aurora cluster "${n}" has IAM database authentication off.`;
    return undefined;
  },
);

export const auroraCopyTagsToSnapshot = clusterPolicy(
  "aurora-copy-tags-to-snapshot",
  "RDS.16: Aurora clusters copy their tags to snapshots.",
  (p, n) =>
    p["copyTagsToSnapshot"] === true ? undefined : `Aurora cluster "${n}" does not copy tags to snapshots.`,
);

export const auroraMultiAz: StackValidationPolicy = {
  name: "aurora-multi-az",
  description:
    "RDS.15: Aurora clusters have instances in at least two AZs, so a reader elsewhere can be promoted on failover.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const cluster of args.resources.filter((r) => r.type === CLUSTER && isAurora(r.props))) {
      const members = args.resources.filter(
        (r) => r.type === MEMBER && (r.propertyDependencies["clusterIdentifier"] ?? []).includes(cluster),
      );
      const azs = new Set(
        members.map((m) => m.props["availabilityZone"]).filter((az) => typeof az === "string"),
      );
      if (azs.size < 2)
        reportViolation(
          `Aurora cluster "${cluster.name}" has ${members.length} instance(s) in ${azs.size} AZ(s); a reader in another AZ is needed to fail over.`,
          cluster.urn,
        );
    }
  },
};

export const auroraTlsRequired: StackValidationPolicy = {
  name: "aurora-tls-required",
  description: "RDS.39 for Aurora MySQL: the cluster parameter group sets require_secure_transport to ON.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const cluster of args.resources.filter((r) => r.type === CLUSTER && isAurora(r.props))) {
      const group = (cluster.propertyDependencies["dbClusterParameterGroupName"] ?? []).find(
        (r) => r.type === CLUSTER_PARAMETER_GROUP,
      );
      const required = tlsParameterFor("mysql")!; // Aurora MySQL takes MySQL's parameter and values
      const parameters = (group?.props["parameters"] as { name: string; value: string }[] | undefined) ?? [];
      const tls = parameters.find((p) => p.name === required.name);
      if (!tls || !required.values.includes(tls.value))
        reportViolation(
          `Aurora cluster "${cluster.name}" does not require TLS (require_secure_transport is not ON in its cluster parameter group).`,
          cluster.urn,
        );
    }
  },
};

export const auroraPolicies: readonly CloudblocksPolicy[] = [
  auroraAutomatedBackups,
  auroraLogExports,
  auroraManagedCredentials,
  auroraCopyTagsToSnapshot,
  auroraMultiAz,
  auroraTlsRequired,
];
