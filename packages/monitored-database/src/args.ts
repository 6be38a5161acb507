import type { NetworkRef } from "@cloudblocks/component-kit";
import type * as pulumi from "@pulumi/pulumi";

/** One read replica, named by a stable key so removing one never renames the others. */
export interface ReadReplicaSpec {
  /** AZ of the replica: one of `network.availabilityZones`. */
  readonly availabilityZone: string;
  /**
   * Stable key in the replica's resource name (`${name}-replica-<key>`): lower-case letters, digits, hyphens.
   * @default the AZ suffix (`c` for `ap-northeast-2c`)
   */
  readonly key?: string;
  /** DB instance class of the replica. @default the primary's `instanceClass` */
  readonly instanceClass?: string;
}

/** Alarm thresholds. Every alarm notifies `alarmTopicArn` on ALARM and OK. */
export interface DatabaseAlarmThresholds {
  /** Average CPUUtilization above this (%), 5 of 5 one-minute periods. @default 80 */
  readonly cpuPercent?: number;
  /** Minimum FreeStorageSpace below this share of `allocatedStorageGiB` (%), 3 of 3 five-minute periods. @default 10 */
  readonly freeStoragePercent?: number;
  /**
   * Average FreeableMemory below this (MiB), 3 of 3 five-minute periods.
   * @default 10 % of the instance class's memory (256 MiB when the class's memory is not known)
   */
  readonly freeableMemoryMiB?: number;
  /**
   * Maximum DatabaseConnections above this, 3 of 3 five-minute periods.
   * @default 80 % of MySQL's default max_connections for the class (DBInstanceClassMemory / 12582880), or 100 when unknown
   */
  readonly connections?: number;
  /**
   * Maximum ReplicaLag above this (seconds) on any replica (Aurora: AuroraReplicaLag on any reader), 5 of 5
   * one-minute periods; no data counts as breaching. @default 60
   */
  readonly replicaLagSeconds?: number;
  /** Average ReadLatency above this (milliseconds), 5 of 5 one-minute periods. @default 20 */
  readonly readLatencyMs?: number;
  /** Average WriteLatency above this (milliseconds), 5 of 5 one-minute periods. @default 20 */
  readonly writeLatencyMs?: number;
  /** Aurora only: the cluster volume (VolumeBytesUsed) grew past this many GiB. @default 500 */
  readonly volumeUsedGiB?: number;
}

/** Arguments of {@link MonitoredDatabase}. Secure and highly available by default; cheap choices are explicit. */
export interface MonitoredDatabaseArgs {
  /** Where the database lives: its `dataSubnetIds` (one per AZ, at least 2) form the DB subnet group. */
  readonly network: NetworkRef;
  /**
   * Security groups allowed to reach MySQL (TCP 3306), keyed by a stable name used in the rule's resource name,
   * e.g. `{ app: fleet.appSecurityGroupId, bastion: bastionSgId }` (DB-4). At least one.
   */
  readonly allowedSecurityGroups: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * CIDR blocks allowed to reach MySQL, keyed like `allowedSecurityGroups`. Only when a security group cannot
   * be used (e.g. a VPN range); never `/0`.
   * @default {} (no CIDR rules)
   */
  readonly allowedCidrBlocks?: Readonly<Record<string, string>>;
  /** SNS topic for alarms and RDS event notifications (e.g. `AlarmingPipeline.alarmTopicArn`). @default none: alarms without actions, no event subscriptions */
  readonly alarmTopicArn?: pulumi.Input<string>;

  /**
   * `mysql`: RDS for MySQL 8, Multi-AZ with read replicas (seed 003). `aurora-mysql`: an Aurora MySQL 3 cluster, a
   * writer and `readerCount` readers in the other AZs, which fails over by promoting a reader (DB-8). The RDS-only
   * arguments (storage, `multiAz`, replicas) are refused with Aurora, `readerCount` without it.
   * @default "mysql"
   */
  readonly engine?: string;
  /**
   * RDS for MySQL: `8.0`, `8.4` or a full version (8.0.28+). Aurora: `8.0.mysql_aurora.3.xx.y`.
   * @default "8.4" (mysql), "8.0.mysql_aurora.3.10.1" (aurora-mysql)
   */
  readonly engineVersion?: string;
  /**
   * DB instance class, e.g. `db.m6g.large`, `db.t4g.micro`; Aurora: `db.r6g.large`, `db.t4g.medium`…
   * @default "db.m6g.large" (mysql), "db.r6g.large" (aurora-mysql)
   */
  readonly instanceClass?: string;
  /** Aurora only: readers besides the writer (promotion tier 1), spread over the other AZs. @default 1 */
  readonly readerCount?: number;
  /** Initial gp3 storage (GiB), 20 to 65536. @default 50 */
  readonly allocatedStorageGiB?: number;
  /** Storage autoscaling ceiling (GiB); at least 10 % above `allocatedStorageGiB`, at most 65536. @default 4 × allocatedStorageGiB */
  readonly maxAllocatedStorageGiB?: number;
  /** Synchronous standby in another AZ with automatic failover (RDS.5). @default true */
  readonly multiAz?: boolean;
  /** AZ of a single-AZ primary (ignored by RDS for Multi-AZ, so only allowed when `multiAz` is false). @default network.availabilityZones[0] */
  readonly primaryAvailabilityZone?: string;
  /**
   * Number of read replicas (0 to 15), spread over the AZs other than the primary's, named by AZ suffix
   * (`-replica-c`, then `-replica-c2`…). Use `readReplicas` instead to place them explicitly.
   * @default 1 (unless `readReplicas` is given)
   */
  readonly readReplicaCount?: number;
  /** Explicit read replicas (at most 15). Mutually exclusive with `readReplicaCount`. @default none */
  readonly readReplicas?: ReadReplicaSpec[];

  /** Master user name: letters and digits, starts with a letter, at most 16 characters, not reserved (`admin`, `root`…). @default "dbadmin" */
  readonly masterUsername?: string;
  /** Name of a database created with the instance (letters, digits, underscores; starts with a letter). @default none */
  readonly databaseName?: string;
  /** Customer managed KMS key for storage, Performance Insights and the master secret. @default a new key with rotation */
  readonly kmsKeyArn?: pulumi.Input<string>;

  /** Automated backup retention in days, 1 to 35 (RDS.11; read replicas need it). @default 7 */
  readonly backupRetentionDays?: number;
  /** Daily backup window (UTC, `hh:mm-hh:mm`, at least 30 minutes). @default "17:00-18:00" (02:00–03:00 KST) */
  readonly backupWindow?: string;
  /** Weekly maintenance window (UTC, `ddd:hh:mm-ddd:hh:mm`). @default "sun:18:00-sun:19:00" */
  readonly maintenanceWindow?: string;
  /** RDS deletion protection on the primary and the replicas (RDS.8). @default true */
  readonly deletionProtection?: boolean;
  /** Take a final snapshot when the primary is deleted. @default false (a final snapshot is taken) */
  readonly skipFinalSnapshot?: boolean;
  /** Pulumi `protect` on the primary instance and the KMS key the component creates. @default false */
  readonly protect?: boolean;
  /** Apply modifications now instead of in the maintenance window. @default false */
  readonly applyImmediately?: boolean;

  /**
   * Retention of the exported logs (audit, error, general, slowquery), whose groups the component creates before
   * RDS would create them without one (CloudWatch.16). @default 365
   */
  readonly logRetentionDays?: number;
  /** Enhanced monitoring interval in seconds: 1, 5, 10, 15, 30 or 60 (RDS.6). @default 60 */
  readonly monitoringIntervalSeconds?: number;
  /**
   * Performance Insights: `auto` enables it where the class supports it (not db.t2/t3/t4g micro and small);
   * `true` requires a supporting class.
   * @default "auto"
   */
  // `any`: Pulumi's schema has no `boolean | "auto"` (a union); the value is checked at construction.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly performanceInsights?: any;
  /** Alarm thresholds; see `DatabaseAlarmThresholds` for each default. */
  readonly alarms?: DatabaseAlarmThresholds;
}
