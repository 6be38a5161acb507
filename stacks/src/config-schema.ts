import { alarmingPipelineSchema, opsReportSchema } from "@cloudblocks/alarming-pipeline";
import { argsObject } from "@cloudblocks/component-kit";
import { haVpcArgsSchema } from "@cloudblocks/ha-vpc";
import type { MonitoredDatabaseArgs } from "@cloudblocks/monitored-database";
import type { WebFleetArgs } from "@cloudblocks/web-fleet";
import { z } from "zod";

const kebab = /^[a-z][a-z0-9-]{1,30}$/;

/**
 * The alarms section (`buddyverse:alarms`): the AlarmingPipeline arguments a stack sets from config, validated
 * with the pipeline's own rules so errors name `buddyverse:alarms.<path>`. Alarms on the fleet and the database
 * are added by the program once those exist.
 */
export const alarmsConfigSchema = alarmingPipelineSchema
  .pick({
    emailAddresses: true,
    chatNotifier: true,
    logAlarms: true,
    metricAlarms: true,
    schedules: true,
    webhookSecretArn: true,
    webhookSecretKmsKeyArn: true,
    logRetentionDays: true,
    auditTrail: true,
    costBudget: true,
    securityEvents: true,
    awsConfig: true,
  })
  .extend({
    /** The scheduled ops report (issue 12); the program gives it the fleet's group. @default undefined (none) */
    opsReport: opsReportSchema.omit({ autoScalingGroupNames: true }).optional(),
    /** Watch the site's public URL with a Route 53 health check (needs a domain). @default false */
    slaMonitor: z.boolean().default(false),
    /**
     * Log alarms on the fleet's log group (ALM-3), e.g. seed 004's "3 or more WARN lines": AlarmingPipeline log
     * alarms without `logGroupName`, which the program sets (each is validated by the pipeline). @default []
     */
    fleetLogAlarms: z
      .array(
        z
          .record(z.string(), z.unknown(), { message: "allowed: a log alarm (id, pattern, threshold, …)" })
          .superRefine((alarm, ctx) => {
            if ("logGroupName" in alarm)
              ctx.addIssue({
                code: "custom",
                path: ["logGroupName"],
                input: alarm["logGroupName"],
                message: "allowed: nothing; the program sets the fleet's log group",
              });
          }),
      )
      .default([]),
  })
  .strict();

/**
 * A component's arguments taken from config as they are: the program validates them with the component's own
 * exported validator before it creates anything (`validateSections` in config.ts), so errors name the config
 * key. Keys the program sets are refused here.
 */
function componentSection<T>(programOwned: readonly string[]) {
  return z
    .record(z.string(), z.unknown(), { error: "allowed: a map of the component's arguments" })
    .superRefine((section, ctx) => {
      for (const key of programOwned.filter((k) => k in section)) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          input: section[key],
          message: "allowed: nothing; the program sets this from the other components",
        });
      }
    })
    .transform((section) => section as T);
}

/** What the program wires into WebFleet itself (refused in `buddyverse:fleet`). */
export const FLEET_PROGRAM_KEYS = ["network", "alarmTopicArn", "bastionSecurityGroupId", "database"] as const;
/** What the program wires into MonitoredDatabase itself (refused in `buddyverse:database`). */
export const DATABASE_PROGRAM_KEYS = ["network", "alarmTopicArn", "allowedSecurityGroups"] as const;

/** WebFleet arguments from config (`buddyverse:fleet`): everything but what the program wires. */
export type FleetConfig = Omit<WebFleetArgs, (typeof FLEET_PROGRAM_KEYS)[number]>;
/** MonitoredDatabase arguments from config (`buddyverse:database`). */
export type DatabaseConfig = Omit<MonitoredDatabaseArgs, (typeof DATABASE_PROGRAM_KEYS)[number]>;

/** Everything `Pulumi.<stack>.yaml` may say, with the defaults of the `prod` stack. Strict: an unknown key is refused. */
const stackSectionsSchema = argsObject({
  environment: z.enum(["dev", "prod"], { error: "allowed: dev, prod" }),
  owner: z
    .string({ error: "allowed: 2-64 letters, digits, spaces or . _ @ + -" })
    .regex(/^[A-Za-z0-9 ._@+-]{2,64}$/, "allowed: 2-64 letters, digits, spaces or . _ @ + -"),
  costCenter: z
    .string({ error: "allowed: 2-64 letters, digits or . _ -" })
    .regex(/^[A-Za-z0-9._-]{2,64}$/, "allowed: 2-64 letters, digits or . _ -"),
  /** Prefix of every top-level component name, e.g. `buddyverse` → `buddyverse-prod-network`. */
  namePrefix: z
    .string({
      error: "allowed: lower-case letters, digits and dashes, starting with a letter, 2-31 characters",
    })
    .regex(kebab, "allowed: lower-case letters, digits and dashes, starting with a letter, 2-31 characters")
    .default("buddyverse"),
  region: z
    .string({ error: "allowed: an AWS region such as ap-northeast-2" })
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "allowed: an AWS region such as ap-northeast-2"),
  /** HaVpc's arguments, validated with HaVpc's own schema so errors name `buddyverse:network.<path>`. */
  network: haVpcArgsSchema,
  alarms: alarmsConfigSchema,
  fleet: componentSection<FleetConfig>(FLEET_PROGRAM_KEYS),
  database: componentSection<DatabaseConfig>(DATABASE_PROGRAM_KEYS),
});

/** The stack config with the rules that span sections. */
export const stackConfigSchema = stackSectionsSchema.superRefine((config, ctx) => {
  // ALM-8 probes the site's public name: asking for it without a domain would silently do nothing.
  if (config.alarms.slaMonitor && !config.fleet.domainName) {
    ctx.addIssue({
      code: "custom",
      path: ["alarms", "slaMonitor"],
      input: true,
      message:
        "allowed: true only when buddyverse:fleet.domainName is set (the check probes https://<domain>/)",
    });
  }
});

export type StackConfig = z.output<typeof stackConfigSchema> & {
  /**
   * Values set with `pulumi config set --secret`, read with `Config.requireSecret`: used instead of the plain
   * copy wherever they reach a resource, so they stay secret in inputs, state and plans.
   */
  readonly secretValues?: Partial<Record<SecretableKey, import("@pulumi/pulumi").Output<string>>>;
};

/**
 * The keys a stack may keep secret: they only ever reach tag values. Every other key shapes resource names,
 * counts or policies, which a secret cannot (see {@link secretRefusal}).
 */
export const SECRETABLE_KEYS = ["owner", "costCenter"] as const;
export type SecretableKey = (typeof SECRETABLE_KEYS)[number];

/** Project config keys the program reads: every section of the schema (`region` comes from `aws:region`). */
export const projectConfigKeys: readonly string[] = Object.keys(stackSectionsSchema.shape).filter(
  (key) => key !== "region",
);
