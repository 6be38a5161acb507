import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { CloudblocksPolicy, Props } from "../types";

// Database controls of shared/reference/security-controls.md (FSBP RDS.* and KMS.4). Read replicas carry the same
// flags as their source, except Multi-AZ and backups, which Security Hub evaluates on the source only.

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const EVENT_SUBSCRIPTION = "aws:rds/eventSubscription:EventSubscription";
const KMS_KEY = "aws:kms/key:Key";

const isReplica = (props: Props) =>
  typeof props["replicateSourceDb"] === "string" && props["replicateSourceDb"] !== "";
/** Instances of an Aurora (or Multi-AZ DB) cluster take these settings from the cluster. */
const inCluster = (props: Props) =>
  typeof props["dbClusterIdentifier"] === "string" && props["dbClusterIdentifier"] !== "";
const engineOf = (props: Props) => (typeof props["engine"] === "string" ? props["engine"] : undefined);
const isMysqlLike = (engine: string | undefined) => engine === "mysql" || engine === "mariadb";

/** A policy that looks at DB instances that are not members of a cluster. */
function instancePolicy(
  name: string,
  description: string,
  check: (props: Props, name: string) => string | undefined,
  extra: Partial<ResourceValidationPolicy> = {},
): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    ...extra,
    validateResource: (args, reportViolation) => {
      if (args.type !== INSTANCE || inCluster(args.props)) return;
      const problem = check(args.props, args.name);
      if (problem) reportViolation(problem);
    },
  };
}

export const rdsNotPublic = instancePolicy(
  "rds-not-public",
  "RDS.2: DB instances are not publicly accessible.",
  (p, n) =>
    p["publiclyAccessible"] === true
      ? `DB instance "${n}" is publicly accessible (publiclyAccessible is true).`
      : undefined,
);

export const rdsStorageEncrypted: ResourceValidationPolicy = {
  name: "rds-storage-encrypted",
  description: "RDS.3: DB instances and clusters encrypt their storage at rest.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === INSTANCE && !inCluster(args.props)) {
      // A same-region replica inherits its source's encryption; it states it through storageEncrypted or kmsKeyId.
      const encrypted =
        args.props["storageEncrypted"] === true ||
        (isReplica(args.props) && typeof args.props["kmsKeyId"] === "string");
      if (!encrypted)
        reportViolation(
          `DB instance "${args.name}" does not encrypt its storage (storageEncrypted is ${String(args.props["storageEncrypted"] ?? "unset")}).`,
        );
    } else if (args.type === CLUSTER && args.props["storageEncrypted"] !== true) {
      reportViolation(
        `DB cluster "${args.name}" does not encrypt its storage (storageEncrypted is ${String(args.props["storageEncrypted"] ?? "unset")}).`,
      );
    }
  },
};

export const rdsMultiAz = instancePolicy(
  "rds-multi-az",
  "RDS.5: DB instances run Multi-AZ (prod; read replicas are not evaluated). Cheap environments make it advisory.",
  (p, n) =>
    isReplica(p) || p["multiAz"] === true
      ? undefined
      : `DB instance "${n}" is single-AZ (multiAz is ${String(p["multiAz"] ?? "unset")}).`,
);

export const rdsEnhancedMonitoring = instancePolicy(
  "rds-enhanced-monitoring",
  "RDS.6: DB instances have enhanced monitoring (monitoringInterval > 0 with a monitoring role).",
  (p, n) => {
    const interval = Number(p["monitoringInterval"] ?? 0);
    if (!(interval > 0))
      return `DB instance "${n}" has no enhanced monitoring (monitoringInterval is ${String(p["monitoringInterval"] ?? "unset")}).`;
    if (typeof p["monitoringRoleArn"] !== "string" || p["monitoringRoleArn"] === "")
      return `DB instance "${n}" has enhanced monitoring without a monitoringRoleArn.`;
    return undefined;
  },
);

export const rdsDeletionProtection: ResourceValidationPolicy = {
  name: "rds-deletion-protection",
  description:
    "RDS.8 (RDS.7 for clusters): deletion protection is on (prod). Cheap environments make it advisory.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const subject =
      args.type === CLUSTER
        ? "DB cluster"
        : args.type === INSTANCE && !inCluster(args.props)
          ? "DB instance"
          : undefined;
    if (subject && args.props["deletionProtection"] !== true) {
      reportViolation(
        `${subject} "${args.name}" has no deletion protection (deletionProtection is ${String(args.props["deletionProtection"] ?? "unset")}).`,
      );
    }
  },
};

/** RDS.9: the logs each engine must publish to CloudWatch Logs. */
const REQUIRED_LOG_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  mysql: ["audit", "error", "general", "slowquery"],
  mariadb: ["audit", "error", "general", "slowquery"],
  postgres: ["postgresql"],
};

export const rdsLogExports = instancePolicy(
  "rds-log-exports",
  "RDS.9: DB instances publish their logs to CloudWatch Logs (MySQL: audit, error, general, slowquery).",
  (p, n) => {
    const engine = engineOf(p);
    // A replica does not state its engine; it must at least publish the error log.
    const required = (engine ? REQUIRED_LOG_EXPORTS[engine] : undefined) ?? ["error"];
    const exported = new Set((p["enabledCloudwatchLogsExports"] as string[] | undefined) ?? []);
    const missing = required.filter((log) => !exported.has(log));
    return missing.length > 0
      ? `DB instance "${n}" does not export these logs to CloudWatch Logs: ${missing.join(", ")}.`
      : undefined;
  },
);

export const rdsIamAuthentication = instancePolicy(
  "rds-iam-authentication",
  "RDS.10: DB instances accept IAM database authentication.",
  (p, n) =>
    p["iamDatabaseAuthenticationEnabled"] === true
      ? undefined
      : `DB instance "${n}" has IAM database authentication off.`,
);

interface BackupConfig {
  readonly backupRetentionMinimum?: number;
  readonly checkReadReplicas?: boolean;
}

export const rdsAutomatedBackups: ResourceValidationPolicy = {
  name: "rds-automated-backups",
  description:
    "RDS.11: DB instances keep automated backups for at least backupRetentionMinimum days (7; replicas not evaluated).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      backupRetentionMinimum: { type: "integer", minimum: 1, maximum: 35, default: 7 },
      checkReadReplicas: { type: "boolean", default: false },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== INSTANCE || inCluster(args.props)) return;
    const config = args.getConfig<BackupConfig>();
    if (isReplica(args.props) && !config.checkReadReplicas) return;
    const minimum = config.backupRetentionMinimum ?? 7;
    const days = Number(args.props["backupRetentionPeriod"] ?? 0);
    if (!(days >= minimum)) {
      reportViolation(
        `DB instance "${args.name}" keeps automated backups ${String(args.props["backupRetentionPeriod"] ?? "unset")} days; at least ${minimum} required.`,
      );
    }
  },
};

export const rdsAutoMinorVersionUpgrade = instancePolicy(
  "rds-auto-minor-version-upgrade",
  "RDS.13: DB instances take automatic minor version upgrades.",
  (p, n) =>
    p["autoMinorVersionUpgrade"] === false
      ? `DB instance "${n}" has automatic minor version upgrades off.`
      : undefined,
);

export const rdsCopyTagsToSnapshot = instancePolicy(
  "rds-copy-tags-to-snapshot",
  "RDS.17: DB instances copy their tags to snapshots.",
  (p, n) =>
    p["copyTagsToSnapshot"] === true ? undefined : `DB instance "${n}" does not copy tags to snapshots.`,
);

/**
 * Whether `value` is the physical name of `resource`: its explicit name, a name from its prefix, or Pulumi's
 * auto-name (`<logical name>-<7 hex>`, lower-cased for RDS), as it reads once the resource exists.
 */
function isNameOf(resource: PolicyResource, value: unknown, property = "name"): boolean {
  if (typeof value !== "string" || value === "") return false;
  const explicit = resource.props[property];
  if (typeof explicit === "string" && explicit !== "") return explicit.toLowerCase() === value.toLowerCase();
  const prefix = resource.props[`${property}Prefix`] ?? resource.props["namePrefix"];
  if (typeof prefix === "string" && prefix !== "")
    return value.toLowerCase().startsWith(prefix.toLowerCase());
  const escaped = resource.name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}-[0-9a-f]{7}$`).test(value.toLowerCase());
}

const CRITICAL_INSTANCE_EVENTS = ["maintenance", "configuration change", "failure"];

export const rdsInstanceEventSubscription: StackValidationPolicy = {
  name: "rds-instance-event-subscription",
  description:
    "RDS.20: an enabled RDS event subscription sends maintenance, configuration change and failure events of every DB instance to SNS.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const covering = args.resources.filter((s) => {
      if (
        s.type !== EVENT_SUBSCRIPTION ||
        s.props["sourceType"] !== "db-instance" ||
        s.props["enabled"] === false
      )
        return false;
      if (typeof s.props["snsTopic"] !== "string" || s.props["snsTopic"] === "") return false;
      const categories = (s.props["eventCategories"] as string[] | undefined) ?? [];
      return categories.length === 0 || CRITICAL_INSTANCE_EVENTS.every((c) => categories.includes(c));
    });
    for (const instance of args.resources.filter((r) => r.type === INSTANCE && !inCluster(r.props))) {
      const covered = covering.some((s) => {
        const ids = (s.props["sourceIds"] as unknown[] | undefined) ?? [];
        return ids.length === 0 || ids.some((id) => isNameOf(instance, id, "identifier"));
      });
      if (!covered) {
        reportViolation(
          `DB instance "${instance.name}" is in no enabled db-instance event subscription with the categories ${CRITICAL_INSTANCE_EVENTS.join(", ")}.`,
          instance.urn,
        );
      }
    }
  },
};

/** RDS.39 (and the PostgreSQL counterpart): the parameter that makes the server refuse clear-text connections. */
export function tlsParameterFor(
  engine: string | undefined,
): { readonly name: string; readonly values: readonly string[] } | undefined {
  if (engine === undefined || isMysqlLike(engine))
    return { name: "require_secure_transport", values: ["1", "ON", "on"] };
  if (engine.startsWith("postgres")) return { name: "rds.force_ssl", values: ["1"] };
  return undefined;
}

export const rdsTlsRequired: StackValidationPolicy = {
  name: "rds-tls-required",
  description:
    "RDS.39: MySQL DB instances use a parameter group of this stack with require_secure_transport = 1.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const groups = args.resources.filter((r) => r.type === PARAMETER_GROUP);
    for (const instance of args.resources.filter((r) => r.type === INSTANCE && !inCluster(r.props))) {
      const engine = engineOf(instance.props);
      const required = tlsParameterFor(engine);
      if (!required) continue;
      const groupName = instance.props["parameterGroupName"];
      if (groupName === undefined || groupName === "") {
        // A replica without its own group inherits its source's, which this policy checks on the source.
        if (!isReplica(instance.props))
          reportViolation(
            `DB instance "${instance.name}" uses the engine's default parameter group, where ${required.name} is off.`,
            instance.urn,
          );
        continue;
      }
      const group = groups.find((g) => isNameOf(g, groupName));
      if (!group) {
        reportViolation(
          `DB instance "${instance.name}" uses parameter group "${String(groupName)}", which is not defined in this stack, so ${required.name} cannot be verified.`,
          instance.urn,
        );
        continue;
      }
      const parameters = (group.props["parameters"] as Props[] | undefined) ?? [];
      const setting = parameters.find((p) => p["name"] === required.name);
      if (!setting || !required.values.includes(String(setting["value"]))) {
        reportViolation(
          `DB instance "${instance.name}" uses parameter group "${group.name}" where ${required.name} is ${setting ? String(setting["value"]) : "not set"}; it must be 1.`,
          instance.urn,
        );
      }
    }
  },
};

export const kmsKeyRotation: ResourceValidationPolicy = {
  name: "kms-key-rotation",
  description: "KMS.4: customer managed symmetric KMS keys rotate their key material.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== KMS_KEY) return;
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot have rotation.
    const spec = args.props["customerMasterKeySpec"] ?? args.props["keySpec"] ?? "SYMMETRIC_DEFAULT";
    if (spec !== "SYMMETRIC_DEFAULT") return;
    if (args.props["enableKeyRotation"] !== true)
      reportViolation(
        `KMS key "${args.name}" does not rotate its key material (enableKeyRotation is ${String(args.props["enableKeyRotation"] ?? "unset")}).`,
      );
  },
};

/** Controls for the database area (see shared/reference/security-controls.md). */
export const databasePolicies: readonly CloudblocksPolicy[] = [
  rdsNotPublic,
  rdsStorageEncrypted,
  rdsMultiAz,
  rdsEnhancedMonitoring,
  rdsDeletionProtection,
  rdsLogExports,
  rdsIamAuthentication,
  rdsAutomatedBackups,
  rdsAutoMinorVersionUpgrade,
  rdsCopyTagsToSnapshot,
  rdsInstanceEventSubscription,
  rdsTlsRequired,
  kmsKeyRotation,
];
