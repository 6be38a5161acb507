import { azSuffix } from "@cloudblocks/component-kit";
import { AURORA_DEFAULT_CLASS, AURORA_DEFAULT_VERSION, AURORA_MYSQL_FAMILY } from "./aurora-engine";
import { parseEngineVersion, type MysqlEngine } from "./engine";
import { instanceClassInfo, type InstanceClassInfo } from "./instance-class";
import type { ParsedArgs } from "./schema";

export const DEFAULTS = {
  engineVersion: "8.4",
  instanceClass: "db.m6g.large",
  allocatedStorageGiB: 50,
  maxStorageFactor: 4,
  masterUsername: "dbadmin",
  backupRetentionDays: 7,
  // 02:00–03:00 KST daily and Monday 03:30–04:30 KST weekly: the quietest hours of a Korean consumer service,
  // with half an hour between the two windows (RDS refuses overlapping ones).
  backupWindow: "17:00-18:00",
  maintenanceWindow: "sun:18:30-sun:19:30",
  logRetentionDays: 365,
  monitoringIntervalSeconds: 60,
  readReplicaCount: 1,
} as const;

/** A read replica after placement: where it goes and the stable key in its name. */
export interface PlacedReplica {
  readonly key: string;
  readonly availabilityZone: string;
  readonly instanceClass: string;
}

/** Validated arguments with every default applied. */
export interface ResolvedArgs {
  /** RDS for MySQL, or an Aurora MySQL 3 cluster (DB-8). */
  readonly kind: "mysql" | "aurora-mysql";
  /** The version and parameter group family (for Aurora: its version, MySQL 8.0-compatible, `aurora-mysql8.0`). */
  readonly engine: MysqlEngine;
  readonly instanceClass: InstanceClassInfo;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  /** Set only for a single-AZ primary. */
  readonly primaryAvailabilityZone: string | undefined;
  /** RDS: the read replicas. Aurora: the readers (promotion tier 1), in the AZs other than the writer's. */
  readonly replicas: readonly PlacedReplica[];
  readonly masterUsername: string;
  readonly backupRetentionDays: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly deletionProtection: boolean;
  readonly skipFinalSnapshot: boolean;
  readonly protect: boolean;
  readonly applyImmediately: boolean;
  readonly monitoringIntervalSeconds: number;
  readonly logRetentionDays: number;
  readonly performanceInsights: boolean;
}

/**
 * `count` replicas spread round-robin over the AZs other than the primary's, keyed by AZ suffix; a second replica
 * in the same AZ gets `c2`. Lowering the count removes the last ones, so the others keep their names.
 */
export function placeReplicas(
  count: number,
  azs: readonly string[],
  primaryAz: string,
  instanceClass: string,
): PlacedReplica[] {
  const others = azs.filter((az) => az !== primaryAz);
  const pool = others.length > 0 ? others : [...azs];
  const perAz = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const availabilityZone = pool[i % pool.length]!;
    const n = (perAz.get(availabilityZone) ?? 0) + 1;
    perAz.set(availabilityZone, n);
    const suffix = azSuffix(availabilityZone);
    return { key: n === 1 ? suffix : `${suffix}${n}`, availabilityZone, instanceClass };
  });
}

export function resolveArgs(args: ParsedArgs): ResolvedArgs {
  const azs = args.network.availabilityZones;
  const aurora = args.engine === "aurora-mysql";
  const instanceClass = instanceClassInfo(
    args.instanceClass ?? (aurora ? AURORA_DEFAULT_CLASS : DEFAULTS.instanceClass),
  )!;
  const allocatedStorageGiB = args.allocatedStorageGiB ?? DEFAULTS.allocatedStorageGiB;
  const multiAz = args.multiAz ?? true;
  const primaryAz = args.primaryAvailabilityZone ?? azs[0]!;
  const replicas = aurora
    ? placeReplicas(args.readerCount ?? 1, azs, azs[0]!, instanceClass.name)
    : (args.readReplicas?.map((r) => ({
        key: r.key ?? azSuffix(r.availabilityZone),
        availabilityZone: r.availabilityZone,
        instanceClass: r.instanceClass ?? instanceClass.name,
      })) ??
      placeReplicas(args.readReplicaCount ?? DEFAULTS.readReplicaCount, azs, primaryAz, instanceClass.name));
  const pi = args.performanceInsights ?? "auto";
  return {
    kind: aurora ? "aurora-mysql" : "mysql",
    engine: aurora
      ? { version: args.engineVersion ?? AURORA_DEFAULT_VERSION, major: "8.0", family: AURORA_MYSQL_FAMILY }
      : parseEngineVersion(args.engineVersion ?? DEFAULTS.engineVersion)!,
    instanceClass,
    allocatedStorageGiB,
    maxAllocatedStorageGiB:
      args.maxAllocatedStorageGiB ?? Math.min(65536, allocatedStorageGiB * DEFAULTS.maxStorageFactor),
    // Aurora: the cluster is Multi-AZ through its readers; each instance is in one AZ.
    multiAz: aurora ? false : multiAz,
    primaryAvailabilityZone: aurora ? azs[0] : multiAz ? undefined : primaryAz,
    replicas,
    masterUsername: args.masterUsername ?? DEFAULTS.masterUsername,
    backupRetentionDays: args.backupRetentionDays ?? DEFAULTS.backupRetentionDays,
    backupWindow: args.backupWindow ?? DEFAULTS.backupWindow,
    maintenanceWindow: args.maintenanceWindow ?? DEFAULTS.maintenanceWindow,
    deletionProtection: args.deletionProtection ?? true,
    skipFinalSnapshot: args.skipFinalSnapshot ?? false,
    protect: args.protect ?? false,
    applyImmediately: args.applyImmediately ?? false,
    monitoringIntervalSeconds: args.monitoringIntervalSeconds ?? DEFAULTS.monitoringIntervalSeconds,
    logRetentionDays: args.logRetentionDays ?? DEFAULTS.logRetentionDays,
    performanceInsights: pi === "auto" ? instanceClass.supportsPerformanceInsights : pi,
  };
}
