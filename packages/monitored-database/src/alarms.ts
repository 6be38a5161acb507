import type { DatabaseAlarmThresholds } from "./args";
import type { ResolvedArgs } from "./resolve";

/** What an alarm watches and when it fires; the component turns each into an `aws.cloudwatch.MetricAlarm`. */
export interface AlarmSpec {
  /** Stable key: `cpu`, `freeStorage`, `replicaLag-c`… (also the resource name's role). */
  readonly key: string;
  readonly description: string;
  readonly metricName: string;
  readonly statistic: "Average" | "Minimum" | "Maximum";
  readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
  readonly threshold: number;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: "missing" | "breaching" | "notBreaching";
  /** `primary` or a replica key: whose DBInstanceIdentifier the alarm watches. */
  readonly instance: string;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
/** MySQL's default max_connections on RDS is {DBInstanceClassMemory/12582880}. */
const BYTES_PER_CONNECTION = 12582880;

/** Every threshold with its default applied (see {@link DatabaseAlarmThresholds}). */
export function alarmThresholds(
  args: ResolvedArgs,
  given: DatabaseAlarmThresholds = {},
): Required<DatabaseAlarmThresholds> {
  const memoryGiB = args.instanceClass.memoryGiB;
  return {
    cpuPercent: given.cpuPercent ?? 80,
    freeStoragePercent: given.freeStoragePercent ?? 10,
    freeableMemoryMiB:
      given.freeableMemoryMiB ?? (memoryGiB !== undefined ? Math.round(memoryGiB * 1024 * 0.1) : 256),
    connections:
      given.connections ??
      (memoryGiB !== undefined ? Math.floor(((memoryGiB * GIB) / BYTES_PER_CONNECTION) * 0.8) : 100),
    replicaLagSeconds: given.replicaLagSeconds ?? 60,
    readLatencyMs: given.readLatencyMs ?? 20,
    writeLatencyMs: given.writeLatencyMs ?? 20,
    volumeUsedGiB: given.volumeUsedGiB ?? 500,
  };
}

/**
 * DB-7 alarms. A short spike should not page anyone, so every alarm needs all its datapoints breaching. Missing data
 * keeps the current state (an instance that stops reporting is announced by the RDS event subscription), except for
 * replica lag: a replica whose replication broke stops publishing ReplicaLag, which must page.
 */
export function alarmSpecs(args: ResolvedArgs, t: Required<DatabaseAlarmThresholds>): AlarmSpec[] {
  const everyMinute = { period: 60, evaluationPeriods: 5, datapointsToAlarm: 5 } as const;
  const everyFiveMinutes = { period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 } as const;
  const primary = [
    {
      key: "cpu",
      description: `CPU above ${t.cpuPercent} % for 5 minutes`,
      metricName: "CPUUtilization",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.cpuPercent,
      ...everyMinute,
    },
    {
      key: "free-storage",
      description: `free storage below ${t.freeStoragePercent} % of the ${args.allocatedStorageGiB} GiB allocated for 15 minutes`,
      metricName: "FreeStorageSpace",
      statistic: "Minimum",
      comparisonOperator: "LessThanThreshold",
      threshold: Math.round(args.allocatedStorageGiB * GIB * (t.freeStoragePercent / 100)),
      ...everyFiveMinutes,
    },
    {
      key: "freeable-memory",
      description: `freeable memory below ${t.freeableMemoryMiB} MiB for 15 minutes`,
      metricName: "FreeableMemory",
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: t.freeableMemoryMiB * MIB,
      ...everyFiveMinutes,
    },
    {
      key: "connections",
      description: `more than ${t.connections} connections for 15 minutes`,
      metricName: "DatabaseConnections",
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.connections,
      ...everyFiveMinutes,
    },
    {
      key: "read-latency",
      description: `read latency above ${t.readLatencyMs} ms for 5 minutes`,
      metricName: "ReadLatency",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      // CloudWatch publishes RDS latency in seconds.
      threshold: t.readLatencyMs / 1000,
      ...everyMinute,
    },
    {
      key: "write-latency",
      description: `write latency above ${t.writeLatencyMs} ms for 5 minutes`,
      metricName: "WriteLatency",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.writeLatencyMs / 1000,
      ...everyMinute,
    },
  ] as const;
  const replicas = args.replicas.map((r): AlarmSpec => ({
    key: `replica-lag-${r.key}`,
    description: `replica ${r.key} more than ${t.replicaLagSeconds} s behind for 5 minutes, or not replicating`,
    metricName: "ReplicaLag",
    statistic: "Maximum",
    comparisonOperator: "GreaterThanThreshold",
    threshold: t.replicaLagSeconds,
    ...everyMinute,
    treatMissingData: "breaching",
    instance: r.key,
  }));
  return [
    ...primary.map((a): AlarmSpec => ({ ...a, treatMissingData: "missing", instance: "primary" })),
    ...replicas,
  ];
}
