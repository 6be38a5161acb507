import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  azSuffix,
  isEc2InstanceType,
  isIanaTimeZone,
  rejectArg,
  unixCronProblem,
  unknownAvailabilityZone,
  validateArgs,
  LOG_RETENTION_DAYS,
  TIME_ZONE_ALLOWED,
} from "@cloudblocks/component-kit";
import { ALLOWED_TLS_POLICIES } from "./tls-policies";
import type { WebFleetArgs } from "./args";
import type { PolicyStatement } from "./iam-document";
import { APP_BOOTSTRAP_DELIMITER, bootGracePeriodSeconds, HEALTHY_MARGIN_SECONDS } from "./user-data";

const COMPONENT = "WebFleet";

export { LOG_RETENTION_DAYS };

/** EFS lifecycle `transitionToIa` values (days). */
export const EFS_IA_DAYS = [1, 7, 14, 30, 60, 90, 180, 270, 365] as const;

/**
 * The ALB and target group logical names (`${name}-alb`, `${name}-tg-${key}`) are auto-named by Pulumi with a
 * `-` and 7 random characters, and Elastic Load Balancing allows 32: so a logical name may have 24.
 */
export const MAX_ELB_LOGICAL_NAME = 24;

export { APP_BOOTSTRAP_DELIMITER };

const INSTANCE_TYPE =
  /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.(nano|micro|small|medium|large|xlarge|\d{1,2}xlarge|metal(-\d{1,2}xl)?)$/;
const PATH_PATTERN = /^[A-Za-z0-9_\-.$/~"'@:+&*?]{1,128}$/;
const URL_PATH = /^\/(?!.*\.\.)[A-Za-z0-9._~/-]{0,1023}$/;
const FILE_PATH = /^\/[A-Za-z0-9._/-]{1,254}$/;
const DOMAIN = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const AMI_ID = /^ami-[0-9a-f]{8,17}$/;
const SSM_PARAMETER = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;

/** An integer in a closed range; every message says what is allowed. */
const intIn = (min: number, max: number, unit = "") => {
  const allowed = `allowed: an integer from ${min} to ${max}${unit}`;
  return z
    .number({ error: allowed })
    .int({ error: allowed })
    .min(min, { error: allowed })
    .max(max, { error: allowed });
};

const oneOf = <T extends readonly number[]>(values: T, unit: string) =>
  z.number().refine((v) => (values as readonly number[]).includes(v), {
    error: `allowed: one of ${values.join(", ")} (${unit})`,
  });

/** A Pulumi input: a non-empty string, or an Output/Promise resolved at deploy time. */
const input = (what: string) =>
  z.custom<pulumi.Input<string>>(
    (v) => (typeof v === "string" ? v.length > 0 : pulumi.Output.isInstance(v) || v instanceof Promise),
    { error: `allowed: ${what} (a non-empty string or a pulumi Output)` },
  );

const instanceType = z
  .string({ error: "allowed: an EC2 instance type such as t3.micro or m7g.large" })
  .refine((t) => INSTANCE_TYPE.test(t) && isEc2InstanceType(t), {
    error:
      "allowed: an EC2 instance type such as t3.micro or m7g.large (one that exists: aws.ec2.InstanceType)",
  });

const pathPatterns = z
  .array(
    z.string().regex(PATH_PATTERN, { error: "allowed: 1–128 of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?" }),
    {
      error: "allowed: a list of 1 to 5 path patterns",
    },
  )
  .min(1, { error: "allowed: a list of 1 to 5 path patterns" })
  .max(5, {
    error: "allowed: a list of 1 to 5 path patterns (an ALB rule holds at most 5 condition values)",
  });

const routeKey = z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, {
  error: "allowed: keys of lowercase letters, digits and '-', starting with a letter",
});

const percent = (what: string) => {
  const allowed = `allowed: ${what} from 1 to 100 (percent)`;
  return z.number({ error: allowed }).min(1, { error: allowed }).max(100, { error: allowed });
};

// A NetworkRef is a structural contract (an HaVpc satisfies it with many more members): extra keys are fine.
const networkSchema = z
  .looseObject(
    {
      vpcId: input("a VPC id"),
      availabilityZones: z
        .array(z.string().refine(isAz, { error: "allowed: an AZ name such as ap-northeast-2a" }), {
          error: "allowed: a list of 2 to 6 distinct AZ names",
        })
        .min(2, { error: "allowed: 2 to 6 distinct AZs (an ALB and REL10-BP01 need at least 2)" })
        .max(6, { error: "allowed: 2 to 6 distinct AZs" })
        .refine((zones) => new Set(zones).size === zones.length, { error: "allowed: distinct AZ names" }),
      publicSubnetIds: z.array(input("a subnet id")),
      appSubnetIds: z.array(input("a subnet id")),
      dataSubnetIds: z.array(input("a subnet id")),
    },
    {
      error: "allowed: a NetworkRef (vpcId, availabilityZones, publicSubnetIds, appSubnetIds, dataSubnetIds)",
    },
  )
  .superRefine((network, ctx) => {
    for (const key of ["publicSubnetIds", "appSubnetIds"] as const) {
      if (network[key].length !== network.availabilityZones.length) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          input: `${network[key].length} subnet ids`,
          message: `allowed: one subnet per AZ (${network.availabilityZones.length}, index-aligned with availabilityZones)`,
        });
      }
    }
  });

function isAz(value: string): boolean {
  try {
    azSuffix(value);
    return unknownAvailabilityZone(value) === undefined;
  } catch {
    return false;
  }
}

const policyStatement = z.custom<PolicyStatement>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    ((v as { Effect?: unknown }).Effect === "Allow" || (v as { Effect?: unknown }).Effect === "Deny") &&
    (v as { Action?: unknown }).Action !== undefined &&
    (v as { Action?: unknown }).Action !== "*",
  { error: 'allowed: an IAM statement with Effect "Allow"/"Deny" and specific Actions (not "*")' },
);

export const webFleetSchema = z
  .strictObject(
    {
      network: networkSchema,
      instanceType: instanceType.default("t3.micro"),
      amiId: z
        .custom<pulumi.Input<string>>(
          (v) => (typeof v === "string" ? AMI_ID.test(v) : pulumi.Output.isInstance(v)),
          {
            error: "allowed: an AMI id such as ami-0123456789abcdef0, or a pulumi Output",
          },
        )
        .optional(),
      amiSsmParameter: z
        .string()
        .regex(SSM_PARAMETER, { error: "allowed: an SSM parameter name starting with /" })
        .optional(),
      rootVolumeSizeGiB: intIn(8, 16384, " GiB").default(8),
      keyName: z
        .string()
        .min(1)
        .max(255, { error: "allowed: a key pair name of 1 to 255 characters" })
        .optional(),
      bastionSecurityGroupId: input("a security group id").optional(),
      appBootstrap: z
        .string()
        .max(10000, { error: "allowed: at most 10000 characters (EC2 user data is limited to 16 KB)" })
        .refine((s) => !s.split("\n").some((line) => line.trim() === APP_BOOTSTRAP_DELIMITER), {
          error: `allowed: a script without a line "${APP_BOOTSTRAP_DELIMITER}" (it delimits the script)`,
        })
        .optional(),
      database: z
        .strictObject(
          {
            writerHost: input("the writer's host name"),
            readerHosts: z.union(
              [
                z.array(z.string().min(1)),
                z.custom<pulumi.Output<string[]>>((v) => pulumi.Output.isInstance(v)),
              ],
              { error: "allowed: a list of reader host names, or a pulumi Output of one" },
            ),
            port: z.union(
              [intIn(1, 65535), z.custom<pulumi.Output<number>>((v) => pulumi.Output.isInstance(v))],
              {
                error: "allowed: a TCP port (1-65535), or a pulumi Output of one",
              },
            ),
            secretArn: input("the ARN of the Secrets Manager secret holding the credentials"),
            kmsKeyArn: input("the ARN of the KMS key that encrypts the secret"),
          },
          { error: "allowed: a DatabaseRef (writerHost, readerHosts, port, secretArn, kmsKeyArn)" },
        )
        .optional(),
      accessLogPath: z
        .string()
        .regex(FILE_PATH, { error: "allowed: an absolute file path" })
        .default("/var/log/httpd/access_log"),
      errorLogPath: z
        .string()
        .regex(FILE_PATH, { error: "allowed: an absolute file path" })
        .default("/var/log/httpd/error_log"),
      appLogPath: z
        .string()
        .regex(FILE_PATH, { error: "allowed: an absolute file path" })
        .default("/var/log/app/app.log"),
      instancePolicyArns: z.record(routeKey, input("a managed policy ARN")).default({}),
      instancePolicyStatements: z.array(policyStatement).default([]),

      minSize: intIn(0, 1000).default(2),
      desiredCapacity: intIn(0, 1000).default(2),
      maxSize: intIn(1, 1000).default(4),
      healthCheckGracePeriodSeconds: intIn(0, 7200, " seconds").optional(),
      instanceRefreshMinHealthyPercentage: intIn(0, 100, " percent").default(100),
      instanceRefreshMaxHealthyPercentage: intIn(100, 200, " percent").default(200),
      spot: z
        .strictObject({
          onDemandBaseCapacity: intIn(0, 1000).default(1),
          onDemandPercentageAboveBase: intIn(0, 100, " percent").default(50),
          instanceTypes: z
            .array(instanceType)
            .min(1, { error: "allowed: at least one instance type" })
            .max(20)
            .optional(),
        })
        .optional(),

      scalingMode: z
        .enum(["target-tracking", "step", "none"], { error: 'allowed: "target-tracking", "step" or "none"' })
        .default("target-tracking"),
      cpuTargetPercent: percent("a CPU target").default(75),
      scaleOutCpuPercent: percent("a CPU threshold").default(75),
      scaleInCpuPercent: percent("a CPU threshold").default(50),
      scheduledActions: z
        .record(
          routeKey,
          z.strictObject({
            recurrence: z.string().superRefine((cron, ctx) => {
              const problem = unixCronProblem(cron);
              if (problem)
                ctx.addIssue({
                  code: "custom",
                  input: cron,
                  message: `allowed: a 5-field cron expression such as "0 18 * * 1-5" (Auto Scaling's Unix cron; bad: ${problem})`,
                });
            }),
            timeZone: z.string().refine(isIanaTimeZone, { error: TIME_ZONE_ALLOWED }).default("Asia/Seoul"),
            minSize: intIn(0, 1000).optional(),
            maxSize: intIn(0, 1000).optional(),
            desiredCapacity: intIn(0, 1000).optional(),
          }),
        )
        .default({}),
      predictiveScaling: z
        .strictObject({
          mode: z
            .enum(["ForecastOnly", "ForecastAndScale"], {
              error: 'allowed: "ForecastOnly" or "ForecastAndScale"',
            })
            .default("ForecastOnly"),
          cpuTargetPercent: percent("a CPU target").default(75),
        })
        .optional(),

      healthCheckPath: z
        .string()
        .regex(URL_PATH, { error: "allowed: a URL path starting with /" })
        .default("/"),
      healthCheckIntervalSeconds: intIn(5, 300, " seconds").default(10),
      healthCheckTimeoutSeconds: intIn(2, 120, " seconds").default(5),
      healthyThreshold: intIn(2, 10).default(2),
      unhealthyThreshold: intIn(2, 10).default(5),
      healthCheckMatcher: z
        .string()
        .regex(/^[1-5]\d\d([-,][1-5]\d\d)*$/, {
          error: 'allowed: HTTP codes such as "200", "200,302" or "200-399"',
        })
        .default("200"),
      deregistrationDelaySeconds: intIn(0, 3600, " seconds").default(30),
      stickinessDurationSeconds: intIn(1, 604800, " seconds").default(86400),

      deletionProtection: z.boolean({ error: "allowed: true or false" }).default(true),
      desyncMitigationMode: z
        .enum(["defensive", "strictest"], { error: 'allowed: "defensive" or "strictest" (ELB.12)' })
        .default("defensive"),
      sslPolicy: z
        .string()
        .refine((p) => ALLOWED_TLS_POLICIES.includes(p), {
          error:
            "allowed: an ALB security policy with TLS 1.2 or 1.3 only, such as ELBSecurityPolicy-TLS13-1-2-2021-06 or ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (ELB.17; the full list: ALLOWED_TLS_POLICIES)",
        })
        .default("ELBSecurityPolicy-TLS13-1-2-2021-06"),
      idleTimeoutSeconds: intIn(1, 4000, " seconds").default(60),
      accessLogsExpirationDays: intIn(1, 3650, " days").default(90),
      accessLogsForceDestroy: z.boolean({ error: "allowed: true or false" }).default(false),

      domainName: z
        .string()
        .regex(DOMAIN, { error: "allowed: a lowercase DNS name such as buddyverse.link" })
        .optional(),
      hostedZoneName: z
        .string()
        .regex(DOMAIN, { error: "allowed: a lowercase DNS zone name such as buddyverse.link" })
        .optional(),
      hostedZoneId: input("a hosted zone id").optional(),
      subjectAlternativeNames: z
        .array(z.string().regex(DOMAIN, { error: "allowed: a lowercase DNS name" }))
        .max(9, { error: "allowed: at most 9 extra names (ACM's default quota is 10 names per certificate)" })
        .default([]),

      pathRoutes: z
        .record(
          routeKey,
          z.strictObject({
            pathPatterns,
            priority: intIn(1, 50000),
            port: intIn(1, 65535).default(80),
            healthCheckPath: z
              .string()
              .regex(URL_PATH, { error: "allowed: a URL path starting with /" })
              .default("/"),
          }),
        )
        .default({}),
      existingListener: z
        .strictObject({
          listenerArn: input("a listener ARN"),
          albSecurityGroupId: input("the ALB's security group id"),
          pathPatterns,
          priority: intIn(1, 50000),
        })
        .optional(),

      sharedFileSystem: z.boolean({ error: "allowed: true or false" }).default(true),
      efsTransitionToIaDays: oneOf(EFS_IA_DAYS, "days").default(30),
      protect: z.boolean({ error: "allowed: true or false" }).default(false),

      logRetentionDays: oneOf(LOG_RETENTION_DAYS, "days CloudWatch Logs accepts").default(30),
      alarmTopicArn: input("an SNS topic ARN").optional(),
      alarmThresholds: z
        .strictObject({
          target5xxPerMinute: intIn(1, 1_000_000).default(10),
          elb5xxPerMinute: intIn(1, 1_000_000).default(10),
          responseTimeSeconds: z
            .number({ error: "allowed: 0.01 to 60 seconds" })
            .min(0.01, { error: "allowed: 0.01 to 60 seconds" })
            .max(60, { error: "allowed: 0.01 to 60 seconds" })
            .default(1),
          unhealthyHosts: intIn(1, 1000).default(1),
          cpuPercent: percent("a CPU threshold").default(80),
          memoryPercent: percent("a memory threshold").default(90),
          diskPercent: percent("a disk threshold").default(85),
        })
        .prefault({}),
    },
    { error: "allowed: a WebFleetArgs object" },
  )
  .superRefine((a, ctx) => {
    const issue = (path: PropertyKey[], value: unknown, message: string) =>
      ctx.addIssue({ code: "custom", path, input: value, message });

    if (a.minSize > a.desiredCapacity)
      issue(["minSize"], a.minSize, `allowed: minSize ≤ desiredCapacity (${a.desiredCapacity})`);
    if (a.desiredCapacity > a.maxSize)
      issue(["desiredCapacity"], a.desiredCapacity, `allowed: desiredCapacity ≤ maxSize (${a.maxSize})`);
    if (a.minSize > a.maxSize) issue(["maxSize"], a.maxSize, `allowed: maxSize ≥ minSize (${a.minSize})`);
    // StartInstanceRefresh refuses a max more than 100 above the min (RefreshPreferences, MaxHealthyPercentage).
    if (a.instanceRefreshMaxHealthyPercentage - a.instanceRefreshMinHealthyPercentage > 100) {
      issue(
        ["instanceRefreshMaxHealthyPercentage"],
        a.instanceRefreshMaxHealthyPercentage,
        `allowed: at most 100 above instanceRefreshMinHealthyPercentage (${a.instanceRefreshMinHealthyPercentage}), i.e. ≤ ${a.instanceRefreshMinHealthyPercentage + 100}`,
      );
    }
    if (a.healthCheckTimeoutSeconds >= a.healthCheckIntervalSeconds) {
      issue(
        ["healthCheckTimeoutSeconds"],
        a.healthCheckTimeoutSeconds,
        `allowed: less than healthCheckIntervalSeconds (${a.healthCheckIntervalSeconds})`,
      );
    }
    if (a.scalingMode === "step" && a.scaleInCpuPercent >= a.scaleOutCpuPercent) {
      issue(
        ["scaleInCpuPercent"],
        a.scaleInCpuPercent,
        `allowed: below scaleOutCpuPercent (${a.scaleOutCpuPercent})`,
      );
    }
    if (a.spot && a.spot.onDemandBaseCapacity > a.maxSize) {
      issue(
        ["spot", "onDemandBaseCapacity"],
        a.spot.onDemandBaseCapacity,
        `allowed: at most maxSize (${a.maxSize})`,
      );
    }
    for (const [key, action] of Object.entries(a.scheduledActions)) {
      if (
        action.minSize === undefined &&
        action.maxSize === undefined &&
        action.desiredCapacity === undefined
      ) {
        issue(
          ["scheduledActions", key],
          action,
          "allowed: at least one of minSize, maxSize, desiredCapacity",
        );
      }
      if (action.minSize !== undefined && action.maxSize !== undefined && action.minSize > action.maxSize) {
        issue(["scheduledActions", key, "minSize"], action.minSize, `allowed: ≤ maxSize (${action.maxSize})`);
      }
    }

    // DNS and TLS (WEB-9).
    if (a.domainName !== undefined && a.hostedZoneName === undefined && a.hostedZoneId === undefined) {
      issue(
        ["domainName"],
        a.domainName,
        "allowed: a domain only with hostedZoneName or hostedZoneId (its DNS validation and alias records live there)",
      );
    }
    if (a.domainName === undefined) {
      for (const key of ["hostedZoneName", "hostedZoneId"] as const) {
        if (a[key] !== undefined) issue([key], a[key], "allowed: only together with domainName");
      }
      if (a.subjectAlternativeNames.length > 0)
        issue(
          ["subjectAlternativeNames"],
          a.subjectAlternativeNames,
          "allowed: only together with domainName",
        );
    }
    if (a.hostedZoneName !== undefined && a.hostedZoneId !== undefined) {
      issue(["hostedZoneId"], a.hostedZoneId, "allowed: hostedZoneName or hostedZoneId, not both");
    }
    if (a.hostedZoneName !== undefined) {
      for (const [path, domain] of [
        [["domainName"], a.domainName],
        ...a.subjectAlternativeNames.map((san, i) => [["subjectAlternativeNames", i], san] as const),
      ] as const) {
        if (domain !== undefined && domain !== a.hostedZoneName && !domain.endsWith(`.${a.hostedZoneName}`)) {
          issue([...path], domain, `allowed: a name inside the hosted zone ${a.hostedZoneName}`);
        }
      }
    }

    // Routing (WEB-12).
    if (a.existingListener && a.domainName !== undefined) {
      issue(
        ["domainName"],
        a.domainName,
        "allowed: no domain with existingListener (the listener's own ALB owns DNS and TLS)",
      );
    }
    const priorities = new Map<number, string>();
    if (a.existingListener) priorities.set(a.existingListener.priority, "existingListener");
    for (const [key, route] of Object.entries(a.pathRoutes)) {
      const other = priorities.get(route.priority);
      if (other)
        issue(
          ["pathRoutes", key, "priority"],
          route.priority,
          `allowed: a priority unique per listener (${other} has it)`,
        );
      priorities.set(route.priority, `pathRoutes.${key}`);
    }
  });

/** The arguments with every default applied. */
export type WebFleetConfig = Omit<z.output<typeof webFleetSchema>, "healthCheckGracePeriodSeconds"> & {
  /** Given, or derived from the boot script's worst case (`bootGracePeriodSeconds`). */
  readonly healthCheckGracePeriodSeconds: number;
};

/**
 * Validates the component name and its arguments before anything is created (ALL-1). The name is part of the
 * auto-generated ALB and target group names, which Elastic Load Balancing limits to 32 characters.
 */
export function parseWebFleetArgs(name: string, args: WebFleetArgs): WebFleetConfig {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || name.length > MAX_ELB_LOGICAL_NAME - "-alb".length) {
    rejectArg(
      COMPONENT,
      "name",
      name,
      `allowed: 1 to ${MAX_ELB_LOGICAL_NAME - "-alb".length} lowercase letters, digits and '-', starting with a letter (it prefixes ALB and target group names, max 32 characters with Pulumi's 8-character suffix)`,
    );
  }
  const parsed = validateArgs(COMPONENT, webFleetSchema, args);
  // The grace period follows from the boot: its worst case (every step running into its timeout) plus the
  // target group's first healthy checks. A shorter one would replace instances that are still booting.
  const needed = bootGracePeriodSeconds({
    logGroups: { app: "app", webAccess: "web-access", webError: "web-error", boot: "boot" },
    accessLogPath: parsed.accessLogPath,
    errorLogPath: parsed.errorLogPath,
    appLogPath: parsed.appLogPath,
    fileSystemId: parsed.sharedFileSystem ? "fs" : undefined,
    accessPointId: parsed.sharedFileSystem ? "fsap" : undefined,
    appBootstrap: parsed.appBootstrap,
    healthCheckPath: parsed.healthCheckPath,
  });
  if (parsed.healthCheckGracePeriodSeconds !== undefined && parsed.healthCheckGracePeriodSeconds < needed) {
    rejectArg(
      COMPONENT,
      "args.healthCheckGracePeriodSeconds",
      parsed.healthCheckGracePeriodSeconds,
      `allowed: at least ${needed} seconds (the boot script's worst case plus ${HEALTHY_MARGIN_SECONDS} s for the first health checks)`,
    );
  }
  const config: WebFleetConfig = {
    ...parsed,
    healthCheckGracePeriodSeconds: parsed.healthCheckGracePeriodSeconds ?? needed,
  };
  const problems = Object.keys(config.pathRoutes).filter(
    (key) => `${name}-tg-${key}`.length > MAX_ELB_LOGICAL_NAME,
  );
  if (problems.length > 0) {
    rejectArg(
      COMPONENT,
      `args.pathRoutes.${problems[0]}`,
      problems[0],
      `allowed: a key of at most ${MAX_ELB_LOGICAL_NAME - `${name}-tg-`.length} characters for a fleet named "${name}" (target group names are limited to 32 characters)`,
    );
  }
  return config;
}
