import {
  argsObject,
  azSuffix,
  isEc2InstanceType,
  isLogRetentionDays,
  LOG_RETENTION_DAYS,
} from "@cloudblocks/component-kit";
import { z } from "zod";
import {
  AURORA_CLASS_ALLOWED,
  AURORA_MYSQL_VERSIONS,
  AURORA_VERSION_ALLOWED,
  isAuroraInstanceClass,
} from "./aurora-engine";
import { ENGINE_VERSION_ALLOWED, parseEngineVersion } from "./engine";
import { instanceClassInfo } from "./instance-class";
import { DEFAULTS } from "./resolve";
import { dailyWindow, MIN_WINDOW_MINUTES, weeklyWindow, windowLength, windowsOverlap } from "./windows";

/** Words RDS or MySQL reserve, or that RDS.25 treats as default administrator names. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  "admin",
  "administrator",
  "root",
  "rdsadmin",
  "rdsrepladmin",
  "rdsproxyadmin",
  "mysql",
  "sys",
  "system",
  "mysqlxsys",
  "user",
  "master",
  "dba",
  "sa",
  "guest",
  "test",
]);

export const MAX_REPLICAS = 15;
const AZ = /^[a-z]{2}(?:-gov)?-[a-z]+-\d+-?[a-z0-9-]+$/;
const KEY = /^[a-z][a-z0-9-]{0,30}$/;
const KEY_ALLOWED = "allowed: keys of 1-31 lower-case letters, digits or hyphens, starting with a letter";
const CLASS_ALLOWED =
  "allowed: a current-generation RDS class such as db.t4g.micro, db.m6g.large or db.r7g.xlarge";

const input = z.custom<unknown>(
  (v) => v !== undefined && v !== null,
  "allowed: a string or a pulumi Output<string>",
);

const instanceClass = z.string().superRefine((value, ctx) => {
  const info = instanceClassInfo(value);
  // A class whose EC2 type (`db.m6g.large` runs on `m6g.large`) does not exist does not exist either.
  if (!info || !isEc2InstanceType(value.slice("db.".length)))
    ctx.addIssue({ code: "custom", input: value, message: CLASS_ALLOWED });
  else if (info.previousGeneration) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message: `${CLASS_ALLOWED} (previous-generation ${info.series}${info.generation} classes cannot run RDS for MySQL 8)`,
    });
  }
});

/** Arguments that mean something in one engine mode only, and why the other refuses them. */
const RDS_ONLY: Readonly<Record<string, string>> = {
  allocatedStorageGiB: "Aurora storage grows by itself",
  maxAllocatedStorageGiB: "Aurora storage grows by itself",
  multiAz: "an Aurora cluster is Multi-AZ through its readers (readerCount)",
  primaryAvailabilityZone: "Aurora places the writer in the first AZ",
  readReplicaCount: "Aurora readers are readerCount",
  readReplicas: "Aurora readers are readerCount",
};
const AURORA_ONLY: Readonly<Record<string, string>> = {
  readerCount: "RDS for MySQL read replicas are readReplicaCount or readReplicas",
};

const cidr = z
  .string()
  .regex(
    /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d|[12]\d|3[0-2])$/,
    "allowed: an IPv4 CIDR such as 10.8.0.0/16",
  )
  .refine(
    (v) =>
      v
        .split("/")[0]!
        .split(".")
        .every((o) => Number(o) <= 255),
    "allowed: an IPv4 CIDR such as 10.8.0.0/16",
  )
  .refine((v) => !v.endsWith("/0"), "allowed: a bounded range, never /0 (the world)");

const replica = argsObject({
  availabilityZone: z.string(),
  key: z.string().regex(KEY, KEY_ALLOWED).optional(),
  instanceClass: instanceClass.optional(),
});

const thresholds = z.strictObject(
  {
    cpuPercent: z.number().gt(0, "allowed: 1 to 100").max(100, "allowed: 1 to 100").optional(),
    freeStoragePercent: z
      .number()
      .gt(0, "allowed: more than 0 and less than 100")
      .lt(100, "allowed: more than 0 and less than 100")
      .optional(),
    freeableMemoryMiB: z.number().gt(0, "allowed: a positive number of MiB").optional(),
    connections: z
      .number()
      .int("allowed: a positive integer")
      .gt(0, "allowed: a positive integer")
      .optional(),
    replicaLagSeconds: z.number().gt(0, "allowed: a positive number of seconds").optional(),
    readLatencyMs: z.number().gt(0, "allowed: a positive number of milliseconds").optional(),
    writeLatencyMs: z.number().gt(0, "allowed: a positive number of milliseconds").optional(),
    volumeUsedGiB: z.number().gt(0, "allowed: a positive number of GiB").optional(),
  },
  {
    error:
      "allowed keys: cpuPercent, freeStoragePercent, freeableMemoryMiB, connections, replicaLagSeconds, readLatencyMs, writeLatencyMs, volumeUsedGiB",
  },
);

export const argsSchema = argsObject({
  network: z.looseObject({
    vpcId: input,
    availabilityZones: z
      .array(z.string().regex(AZ, "allowed: AZ names such as ap-northeast-2a"))
      .min(2, "allowed: at least 2 AZs (a DB subnet group spans two or more)"),
    dataSubnetIds: z.array(input).min(2, "allowed: at least 2 data subnets, one per AZ"),
  }),
  allowedSecurityGroups: z
    .record(z.string().regex(KEY, KEY_ALLOWED), input)
    .refine(
      (r) => Object.keys(r).length > 0,
      "allowed: at least one trusted security group, e.g. { app: appSecurityGroupId }",
    ),
  allowedCidrBlocks: z.record(z.string().regex(KEY, KEY_ALLOWED), cidr).optional(),
  alarmTopicArn: input.optional(),
  engine: z.enum(["mysql", "aurora-mysql"], { error: "allowed: mysql, aurora-mysql" }).optional(),
  // Checked per engine below: an RDS for MySQL version or class means nothing to Aurora, and the reverse.
  engineVersion: z.string().optional(),
  instanceClass: z.string().optional(),
  readerCount: z
    .number()
    .int(`allowed: an integer 1 to ${MAX_REPLICAS}`)
    .min(1, `allowed: an integer 1 to ${MAX_REPLICAS} (a reader in another AZ is what Aurora fails over to)`)
    .max(MAX_REPLICAS, `allowed: an integer 1 to ${MAX_REPLICAS}`)
    .optional(),
  allocatedStorageGiB: z
    .number()
    .int("allowed: an integer 20 to 65536")
    .min(20, "allowed: an integer 20 to 65536 (gp3 needs 20 GiB)")
    .max(65536, "allowed: an integer 20 to 65536")
    .optional(),
  maxAllocatedStorageGiB: z
    .number()
    .int("allowed: an integer up to 65536")
    .max(65536, "allowed: an integer up to 65536")
    .optional(),
  multiAz: z.boolean().optional(),
  primaryAvailabilityZone: z.string().optional(),
  readReplicaCount: z
    .number()
    .int(`allowed: an integer 0 to ${MAX_REPLICAS}`)
    .min(0, `allowed: an integer 0 to ${MAX_REPLICAS}`)
    .max(MAX_REPLICAS, `allowed: an integer 0 to ${MAX_REPLICAS}`)
    .optional(),
  readReplicas: z
    .array(replica)
    .max(MAX_REPLICAS, `allowed: at most ${MAX_REPLICAS} read replicas`)
    .optional(),
  masterUsername: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,15}$/, "allowed: 1-16 letters or digits, starting with a letter")
    .refine(
      (v) => !RESERVED_USERNAMES.has(v.toLowerCase()),
      `allowed: a name that is not reserved (not ${[...RESERVED_USERNAMES].join(", ")})`,
    )
    .optional(),
  databaseName: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
      "allowed: 1-64 letters, digits or underscores, starting with a letter",
    )
    .optional(),
  kmsKeyArn: input.optional(),
  backupRetentionDays: z
    .number()
    .int("allowed: an integer 1 to 35")
    .min(
      1,
      "allowed: 1 to 35 days (automated backups are required: read replicas and point-in-time recovery need them)",
    )
    .max(35, "allowed: 1 to 35 days")
    .optional(),
  backupWindow: z
    .string()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      'allowed: "hh:mm-hh:mm" in UTC, e.g. "17:00-18:00"',
    )
    .optional(),
  maintenanceWindow: z
    .string()
    .regex(
      /^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$/,
      'allowed: "ddd:hh:mm-ddd:hh:mm" in UTC, e.g. "sun:18:00-sun:19:00"',
    )
    .optional(),
  deletionProtection: z.boolean().optional(),
  skipFinalSnapshot: z.boolean().optional(),
  protect: z.boolean().optional(),
  applyImmediately: z.boolean().optional(),
  logRetentionDays: z
    .number()
    .refine(
      isLogRetentionDays,
      `allowed: one of ${LOG_RETENTION_DAYS.join(", ")} (days CloudWatch Logs accepts)`,
    )
    .optional(),
  monitoringIntervalSeconds: z
    .number()
    .refine(
      (v) => [1, 5, 10, 15, 30, 60].includes(v),
      "allowed: 1, 5, 10, 15, 30 or 60 (enhanced monitoring is required, RDS.6)",
    )
    .optional(),
  performanceInsights: z
    .union([z.boolean(), z.literal("auto")], { error: 'allowed: true, false or "auto"' })
    .optional(),
  alarms: thresholds.optional(),
}).superRefine((args, ctx) => {
  const aurora = args.engine === "aurora-mysql";
  checkEngineMode(args as Record<string, unknown>, aurora, ctx);
  const azs = args.network.availabilityZones;
  if (args.network.dataSubnetIds.length !== azs.length) {
    ctx.addIssue({
      code: "custom",
      path: ["network", "dataSubnetIds"],
      input: `${args.network.dataSubnetIds.length} subnets`,
      message: `allowed: one data subnet per AZ (${azs.length})`,
    });
  }
  const multiAz = args.multiAz ?? true;
  if (args.primaryAvailabilityZone !== undefined) {
    if (!azs.includes(args.primaryAvailabilityZone)) {
      ctx.addIssue({
        code: "custom",
        path: ["primaryAvailabilityZone"],
        input: args.primaryAvailabilityZone,
        message: `allowed: one of ${azs.join(", ")}`,
      });
    } else if (multiAz) {
      ctx.addIssue({
        code: "custom",
        path: ["primaryAvailabilityZone"],
        input: args.primaryAvailabilityZone,
        message: "allowed only with multiAz: false (RDS places a Multi-AZ primary itself)",
      });
    }
  }
  if (args.readReplicaCount !== undefined && args.readReplicas !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["readReplicaCount"],
      input: args.readReplicaCount,
      message: "allowed: readReplicaCount or readReplicas, not both",
    });
  }
  const keys = new Set<string>();
  args.readReplicas?.forEach((r, i) => {
    if (!azs.includes(r.availabilityZone)) {
      ctx.addIssue({
        code: "custom",
        path: ["readReplicas", i, "availabilityZone"],
        input: r.availabilityZone,
        message: `allowed: one of ${azs.join(", ")}`,
      });
      return;
    }
    const key = r.key ?? azSuffix(r.availabilityZone);
    if (keys.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: ["readReplicas", i, "key"],
        input: key,
        message: "allowed: a key no other replica uses (give replicas in the same AZ explicit keys)",
      });
    }
    keys.add(key);
  });
  const allocated = args.allocatedStorageGiB ?? 50;
  if (
    args.maxAllocatedStorageGiB !== undefined &&
    args.maxAllocatedStorageGiB < Math.ceil((allocated * 11) / 10)
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["maxAllocatedStorageGiB"],
      input: args.maxAllocatedStorageGiB,
      message: `allowed: at least ${Math.ceil((allocated * 11) / 10)} (10 % above allocatedStorageGiB ${allocated}, as RDS storage autoscaling requires)`,
    });
  }
  const cls = aurora ? undefined : instanceClassInfo(args.instanceClass ?? "db.m6g.large");
  if (args.performanceInsights === true && cls && !cls.supportsPerformanceInsights) {
    ctx.addIssue({
      code: "custom",
      path: ["performanceInsights"],
      input: true,
      message: `allowed: false or "auto" on ${cls.name} (Performance Insights is not available on micro and small burstable classes)`,
    });
  }
  checkWindows(args.backupWindow, args.maintenanceWindow, ctx);
});

/** DB-8: the version and class of the chosen engine, and no argument of the other mode. */
function checkEngineMode(args: Record<string, unknown>, aurora: boolean, ctx: z.RefinementCtx): void {
  const version = args["engineVersion"] as string | undefined;
  if (version !== undefined) {
    const ok = aurora ? AURORA_MYSQL_VERSIONS.includes(version) : parseEngineVersion(version) !== undefined;
    if (!ok)
      ctx.addIssue({
        code: "custom",
        path: ["engineVersion"],
        input: version,
        message: aurora ? AURORA_VERSION_ALLOWED : ENGINE_VERSION_ALLOWED,
      });
  }
  const cls = args["instanceClass"] as string | undefined;
  if (cls !== undefined) {
    if (aurora && !isAuroraInstanceClass(cls))
      ctx.addIssue({ code: "custom", path: ["instanceClass"], input: cls, message: AURORA_CLASS_ALLOWED });
    if (!aurora) {
      const checked = instanceClass.safeParse(cls);
      if (!checked.success)
        ctx.addIssue({
          code: "custom",
          path: ["instanceClass"],
          input: cls,
          message: checked.error.issues[0]!.message,
        });
    }
  }
  const refused = aurora ? RDS_ONLY : AURORA_ONLY;
  for (const [key, why] of Object.entries(refused)) {
    if (args[key] === undefined) continue;
    ctx.addIssue({
      code: "custom",
      path: [key],
      input: args[key],
      message: `allowed only with engine "${aurora ? "mysql" : "aurora-mysql"}" (${why})`,
    });
  }
  const alarms = (args["alarms"] ?? {}) as Record<string, unknown>;
  const notForMode = aurora ? ["freeStoragePercent"] : ["volumeUsedGiB"];
  for (const key of notForMode.filter((k) => alarms[k] !== undefined))
    ctx.addIssue({
      code: "custom",
      path: ["alarms", key],
      input: alarms[key],
      message: `allowed only with engine "${aurora ? "mysql" : "aurora-mysql"}"`,
    });
}

/** RDS's window rules: each at least 30 minutes, and the maintenance window clear of the daily backup window. */
function checkWindows(
  backupText: string | undefined,
  maintenanceText: string | undefined,
  ctx: z.RefinementCtx,
) {
  const backup = dailyWindow(backupText ?? DEFAULTS.backupWindow);
  const maintenance = weeklyWindow(maintenanceText ?? DEFAULTS.maintenanceWindow);
  const short = (key: string, text: string | undefined, window: [number, number] | undefined) => {
    if (text !== undefined && window && windowLength(window) < MIN_WINDOW_MINUTES)
      ctx.addIssue({
        code: "custom",
        path: [key],
        input: text,
        message: `allowed: a window of at least ${MIN_WINDOW_MINUTES} minutes (RDS requires it; this one is ${windowLength(window)})`,
      });
  };
  short("backupWindow", backupText, backup);
  short("maintenanceWindow", maintenanceText, maintenance);
  if (backup && maintenance && windowsOverlap(backup, maintenance)) {
    const key = maintenanceText !== undefined ? "maintenanceWindow" : "backupWindow";
    ctx.addIssue({
      code: "custom",
      path: [key],
      input: key === "maintenanceWindow" ? maintenanceText : backupText,
      message:
        key === "maintenanceWindow"
          ? `allowed: a window that does not overlap the backup window ${backupText ?? DEFAULTS.backupWindow} (RDS refuses overlapping windows)`
          : `allowed: a window that does not overlap the maintenance window ${maintenanceText ?? DEFAULTS.maintenanceWindow} (RDS refuses overlapping windows)`,
    });
  }
}

export type ParsedArgs = z.output<typeof argsSchema>;
