import type { MetricDescriptor } from "@cloudblocks/component-kit";
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import type { DatabaseAlarmThresholds } from "./args";
import { UTF8MB4_PARAMETERS, type DbParameter } from "./parameters";
import type { ResolvedArgs } from "./resolve";
import { finalSnapshotIdentifier } from "./snapshot";

/** What either engine mode hands back to the component: the same outputs, so the stack and WebFleet work unchanged. */
export interface DatabaseOutputs {
  readonly endpoint: pulumi.Output<string>;
  readonly address: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly readerEndpoints: pulumi.Output<string[]>;
  readonly readerAddresses: pulumi.Output<string[]>;
  readonly masterUserSecretArn: pulumi.Output<string>;
  readonly instanceIdentifier: pulumi.Output<string>;
  readonly instanceIdentifiers: pulumi.Output<string[]>;
  readonly replicaIdentifiers: pulumi.Output<Record<string, string>>;
  readonly alarmArns: pulumi.Output<Record<string, string>>;
  readonly parameterGroupName: pulumi.Output<string>;
  readonly metrics: readonly MetricDescriptor[];
}

/** What the component creates for both modes before it builds the engine's own resources. */
export interface SharedParts {
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly subnetGroup: aws.rds.SubnetGroup;
  readonly securityGroup: aws.ec2.SecurityGroup;
  readonly monitoringRole: aws.iam.Role;
  readonly monitoringPolicy: aws.iam.RolePolicyAttachment;
  readonly port: number;
}

/** The logs an Aurora MySQL cluster publishes to CloudWatch Logs (RDS.34 asks for audit; error and slowquery for DB-7). */
export const AURORA_LOG_EXPORTS = ["audit", "error", "general", "slowquery"] as const;

/**
 * Cluster-level parameters: the seed's utf8mb4 settings (DB-3), TLS only (`require_secure_transport` is a cluster
 * parameter in Aurora MySQL 3), and Aurora's advanced auditing of connections and DDL/DCL (the `audit` log).
 * Source: AWS "Aurora MySQL configuration parameters" and "Using Advanced Auditing with an Amazon Aurora MySQL DB
 * cluster" (server_audit_logging, server_audit_events).
 */
export function auroraClusterParameters(): DbParameter[] {
  const values: Record<string, string> = {
    ...UTF8MB4_PARAMETERS,
    require_secure_transport: "ON",
    server_audit_logging: "1",
    server_audit_events: "CONNECT,QUERY_DCL,QUERY_DDL",
    server_audit_excl_users: "rdsadmin",
  };
  return Object.entries(values).map(([name, value]) => ({ name, value, applyMethod: "immediate" }));
}

/** Instance-level parameters: slow and general logs to files, which is what Aurora exports. */
export function auroraInstanceParameters(): DbParameter[] {
  const values = { slow_query_log: "1", long_query_time: "1", general_log: "1", log_output: "FILE" };
  return Object.entries(values).map(([name, value]) => ({ name, value, applyMethod: "immediate" }));
}

const GIB = 1024 ** 3;
const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7; // the free tier

/** RDS.19 / RDS.20: cluster and instance events that need a person. */
const CLUSTER_EVENT_CATEGORIES = ["failover", "failure", "maintenance", "notification"];
const INSTANCE_EVENT_CATEGORIES = [
  "availability",
  "configuration change",
  "deletion",
  "failover",
  "failure",
  "maintenance",
  "notification",
  "recovery",
];

/**
 * DB-8: an Aurora MySQL 3 cluster with the writer in the first AZ (promotion tier 0) and `replicas` readers in the
 * other AZs (promotion tier 1), sharing the component's key, subnet group, security group and monitoring role.
 */
export function buildAuroraCluster(
  parent: pulumi.ComponentResource,
  name: string,
  r: ResolvedArgs,
  databaseName: string | undefined,
  alarmTopicArn: pulumi.Input<string> | undefined,
  thresholds: Required<DatabaseAlarmThresholds>,
  shared: SharedParts,
): DatabaseOutputs {
  const opts = { parent };
  const clusterIdentifier = `${name}-cluster`;
  const clusterParameters = new aws.rds.ClusterParameterGroup(
    `${name}-cluster-params`,
    {
      family: r.engine.family,
      description: `${name}: utf8mb4, TLS only, advanced auditing`,
      parameters: auroraClusterParameters(),
    },
    opts,
  );
  const instanceParameters = new aws.rds.ParameterGroup(
    `${name}-params`,
    {
      family: r.engine.family,
      description: `${name}: slow and general logs to FILE`,
      parameters: auroraInstanceParameters(),
    },
    opts,
  );
  // Aurora writes exported logs to /aws/rds/cluster/<cluster>/<log>, creating the group without a retention when
  // it does not exist yet (CloudWatch.16): create them first.
  const logGroups = AURORA_LOG_EXPORTS.map(
    (log) =>
      new aws.cloudwatch.LogGroup(
        `${name}-cluster-logs-${log}`,
        { name: `/aws/rds/cluster/${clusterIdentifier}/${log}`, retentionInDays: r.logRetentionDays },
        opts,
      ),
  );
  const cluster = new aws.rds.Cluster(
    `${name}-cluster`,
    {
      clusterIdentifier,
      engine: "aurora-mysql",
      engineVersion: r.engine.version,
      databaseName,
      masterUsername: r.masterUsername,
      // DB-5: Aurora generates the password and keeps it in Secrets Manager; it never passes through Pulumi.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: shared.kmsKeyArn,
      iamDatabaseAuthenticationEnabled: true,
      storageEncrypted: true,
      kmsKeyId: shared.kmsKeyArn,
      dbSubnetGroupName: shared.subnetGroup.name,
      vpcSecurityGroupIds: [shared.securityGroup.id],
      dbClusterParameterGroupName: clusterParameters.name,
      port: shared.port,
      backupRetentionPeriod: r.backupRetentionDays,
      preferredBackupWindow: r.backupWindow,
      preferredMaintenanceWindow: r.maintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: r.deletionProtection,
      skipFinalSnapshot: r.skipFinalSnapshot,
      finalSnapshotIdentifier: r.skipFinalSnapshot
        ? undefined
        : shared.kmsKeyArn.apply((key) =>
            finalSnapshotIdentifier(name, pulumi.getStack(), [
              "aurora",
              key,
              r.masterUsername,
              databaseName ?? "",
            ]),
          ),
      enabledCloudwatchLogsExports: [...AURORA_LOG_EXPORTS],
      applyImmediately: r.applyImmediately,
    },
    // As for the RDS primary: a replacement fails safely on the explicit identifier instead of deleting first.
    { parent, protect: r.protect, dependsOn: logGroups },
  );

  const member = (
    role: string,
    identifier: string,
    availabilityZone: string,
    instanceClass: string,
    promotionTier: number,
    dependsOn: pulumi.Resource[],
  ) =>
    new aws.rds.ClusterInstance(
      `${name}-${role}`,
      {
        identifier,
        clusterIdentifier: cluster.id,
        engine: "aurora-mysql",
        engineVersion: cluster.engineVersion,
        instanceClass,
        availabilityZone,
        promotionTier,
        dbParameterGroupName: instanceParameters.name,
        dbSubnetGroupName: shared.subnetGroup.name,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        copyTagsToSnapshot: true,
        monitoringInterval: r.monitoringIntervalSeconds,
        monitoringRoleArn: shared.monitoringRole.arn,
        ...(r.performanceInsights
          ? {
              performanceInsightsEnabled: true,
              performanceInsightsKmsKeyId: shared.kmsKeyArn,
              performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_RETENTION_DAYS,
            }
          : { performanceInsightsEnabled: false }),
        applyImmediately: r.applyImmediately,
      },
      { parent, dependsOn: [shared.monitoringPolicy, ...dependsOn] },
    );
  // The first instance of a cluster becomes its writer, so the readers wait for it.
  const writer = member("writer", `${name}-writer`, r.primaryAvailabilityZone!, r.instanceClass.name, 0, []);
  const readers = r.replicas.map((reader) => ({
    key: reader.key,
    instance: member(
      `reader-${reader.key}`,
      `${name}-reader-${reader.key}`,
      reader.availabilityZone,
      reader.instanceClass,
      1,
      [writer],
    ),
  }));

  if (alarmTopicArn !== undefined) {
    new aws.rds.EventSubscription(
      `${name}-cluster-events`,
      {
        snsTopic: alarmTopicArn,
        sourceType: "db-cluster",
        sourceIds: [cluster.id],
        eventCategories: CLUSTER_EVENT_CATEGORIES,
      },
      opts,
    );
    new aws.rds.EventSubscription(
      `${name}-instance-events`,
      {
        snsTopic: alarmTopicArn,
        sourceType: "db-instance",
        sourceIds: [writer.identifier, ...readers.map((x) => x.instance.identifier)],
        eventCategories: INSTANCE_EVENT_CATEGORIES,
      },
      opts,
    );
  }

  const actions = alarmTopicArn !== undefined ? [alarmTopicArn] : [];
  const alarm = (
    key: string,
    description: string,
    spec: Omit<
      aws.cloudwatch.MetricAlarmArgs,
      "alarmDescription" | "alarmActions" | "okActions" | "actionsEnabled" | "namespace"
    >,
  ) => ({
    key,
    alarm: new aws.cloudwatch.MetricAlarm(
      `${name}-alarm-${key}`,
      {
        alarmDescription: `${name}: ${description}`,
        namespace: "AWS/RDS",
        actionsEnabled: true,
        alarmActions: actions,
        okActions: actions,
        ...spec,
      },
      opts,
    ),
  });
  const ofCluster = { DBClusterIdentifier: cluster.id };
  const ofWriter = { DBInstanceIdentifier: writer.identifier };
  const everyMinute = { period: 60, evaluationPeriods: 5, datapointsToAlarm: 5 };
  const everyFiveMinutes = { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 };
  const alarms = [
    alarm("cpu", `writer CPU above ${thresholds.cpuPercent} % for 5 minutes`, {
      metricName: "CPUUtilization",
      dimensions: ofWriter,
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: thresholds.cpuPercent,
      treatMissingData: "missing",
      ...everyMinute,
    }),
    alarm("freeable-memory", `writer freeable memory below ${thresholds.freeableMemoryMiB} MiB`, {
      metricName: "FreeableMemory",
      dimensions: ofWriter,
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: thresholds.freeableMemoryMiB * 1024 * 1024,
      treatMissingData: "missing",
      ...everyFiveMinutes,
    }),
    alarm("connections", `more than ${thresholds.connections} connections on the writer`, {
      metricName: "DatabaseConnections",
      dimensions: ofWriter,
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: thresholds.connections,
      treatMissingData: "missing",
      ...everyFiveMinutes,
    }),
    alarm("deadlocks", "deadlocks on the cluster for 5 minutes", {
      metricName: "Deadlocks",
      dimensions: ofCluster,
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
      ...everyMinute,
    }),
    alarm("volume", `cluster volume above ${thresholds.volumeUsedGiB} GiB`, {
      metricName: "VolumeBytesUsed",
      dimensions: ofCluster,
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: thresholds.volumeUsedGiB * GIB,
      treatMissingData: "missing",
      period: 3600,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    }),
    // AuroraReplicaLag is in milliseconds; a reader that stops reporting it is no longer replicating: breaching.
    ...readers.map((x) =>
      alarm(`replica-lag-${x.key}`, `reader ${x.key} lags more than ${thresholds.replicaLagSeconds} s`, {
        metricName: "AuroraReplicaLag",
        dimensions: { DBInstanceIdentifier: x.instance.identifier },
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: thresholds.replicaLagSeconds * 1000,
        treatMissingData: "breaching",
        ...everyMinute,
      }),
    ),
  ];

  const metric = (
    id: string,
    title: string,
    metricName: string,
    stat: string,
    dimensions: Record<string, pulumi.Input<string>>,
  ): MetricDescriptor => ({ id, title, namespace: "AWS/RDS", metricName, dimensions, stat, period: 60 });
  const hostPort = (host: pulumi.Input<string>) => pulumi.interpolate`${host}:${cluster.port}`;
  return {
    endpoint: hostPort(cluster.endpoint),
    address: cluster.endpoint,
    port: cluster.port,
    // One reader endpoint for the whole cluster: Aurora spreads connections over the readers behind it.
    readerEndpoints: pulumi.all([hostPort(cluster.readerEndpoint)]),
    readerAddresses: pulumi.all([cluster.readerEndpoint]),
    masterUserSecretArn: cluster.masterUserSecrets.apply((secrets) => secrets?.[0]?.secretArn ?? ""),
    instanceIdentifier: writer.identifier,
    instanceIdentifiers: pulumi.all([writer.identifier, ...readers.map((x) => x.instance.identifier)]),
    replicaIdentifiers: pulumi.all(Object.fromEntries(readers.map((x) => [x.key, x.instance.identifier]))),
    alarmArns: pulumi.all(Object.fromEntries(alarms.map((a) => [a.key, a.alarm.arn]))),
    parameterGroupName: instanceParameters.name,
    metrics: [
      metric("db.cpu", "DB writer CPU (average %)", "CPUUtilization", "Average", ofWriter),
      metric("db.connections", "DB connections (max)", "DatabaseConnections", "Maximum", ofWriter),
      metric("db.freeableMemory", "DB freeable memory (bytes)", "FreeableMemory", "Average", ofWriter),
      metric("db.volume", "DB cluster volume (bytes)", "VolumeBytesUsed", "Maximum", ofCluster),
      metric("db.deadlocks", "DB deadlocks (per second)", "Deadlocks", "Average", ofCluster),
      ...readers.map((x) =>
        metric(`db.replicaLag.${x.key}`, `DB reader ${x.key} lag (ms)`, "AuroraReplicaLag", "Maximum", {
          DBInstanceIdentifier: x.instance.identifier,
        }),
      ),
    ],
  };
}
