import type * as pulumi from "@pulumi/pulumi";
import type { DatabaseRef, NetworkRef } from "@cloudblocks/component-kit";

/** Scaling driven by average fleet CPU (WEB-6). */
export type ScalingMode = "target-tracking" | "step" | "none";

/* eslint-disable @typescript-eslint/no-explicit-any -- fields that take a string or a list (see below) */
/**
 * An IAM policy statement for the instance role. `Action`, `Resource`, `Principal` and `Condition` take a
 * string or a list, a union Pulumi's package schema cannot express, so they are `any` here and checked at
 * construction; every `PolicyStatement` fits.
 */
export interface InstancePolicyStatement {
  /** Statement id. */
  readonly Sid?: string;
  /** `Allow` or `Deny`. */
  readonly Effect: string;
  /** An IAM action or a list of them, e.g. `"s3:GetObject"`; never `*`. */
  readonly Action: any;
  /** A resource ARN or a list of them. */
  readonly Resource?: any;
  /** Who the statement applies to (rarely needed in a role's own policy). */
  readonly Principal?: any;
  /** IAM condition operators to keys to values. */
  readonly Condition?: any;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A recurring capacity change for a predictable peak (WEB-6), e.g. weekday evenings. */
export interface ScheduledAction {
  /** Cron expression in the given time zone, e.g. `"0 18 * * 1-5"`. */
  readonly recurrence: string;
  /** IANA time zone of `recurrence`. @default "Asia/Seoul" */
  readonly timeZone?: string;
  /** New minimum size; unset keeps the current one. */
  readonly minSize?: number;
  /** New maximum size; unset keeps the current one. */
  readonly maxSize?: number;
  /** New desired capacity; unset keeps the current one. */
  readonly desiredCapacity?: number;
}

/** Predictive scaling on CPU (WEB-6, optional). */
export interface PredictiveScalingArgs {
  /** `ForecastOnly` to evaluate forecasts without acting on them, or `ForecastAndScale`. @default "ForecastOnly" */
  readonly mode?: string;
  /** Average CPU the forecast plans capacity for. @default 75 */
  readonly cpuTargetPercent?: number;
}

/** A mix of on-demand and spot instances (WEB-7, cost). Without it every instance is on-demand. */
export interface SpotMixArgs {
  /** On-demand instances always kept, before any spot. @default 1 */
  readonly onDemandBaseCapacity?: number;
  /** Share of on-demand above the base, 0–100. @default 50 */
  readonly onDemandPercentageAboveBase?: number;
  /** Instance types spot may use (more types, fewer interruptions). @default [instanceType] */
  readonly instanceTypes?: string[];
}

/** An extra target group on the fleet's instances, reached by path patterns (WEB-12). */
export interface PathRoute {
  /** Listener path patterns, e.g. `["/members/*"]` (1–5 values). */
  readonly pathPatterns: string[];
  /** Listener rule priority, 1–50000, unique per listener. */
  readonly priority: number;
  /** Port the instances serve this route on. @default 80 */
  readonly port?: number;
  /** Health check path of this route's target group. @default "/" */
  readonly healthCheckPath?: string;
}

/** Join an existing ALB listener with a path rule instead of creating an ALB (WEB-12). */
export interface ExistingListenerArgs {
  /** ARN of the listener (usually another fleet's HTTPS listener). */
  readonly listenerArn: pulumi.Input<string>;
  /** The ALB's security group: the only source allowed into this fleet's app security group. */
  readonly albSecurityGroupId: pulumi.Input<string>;
  /** Path patterns routed to this fleet, e.g. `["/orders/*"]` (1–5 values). */
  readonly pathPatterns: string[];
  /** Listener rule priority, 1–50000, unique per listener. */
  readonly priority: number;
}

/** Alarm thresholds (ALM-4). Every alarm also has a fixed period, evaluation periods and missing-data rule. */
export interface FleetAlarmThresholds {
  /** Target 5xx responses per minute. @default 10 */
  readonly target5xxPerMinute?: number;
  /** Load balancer 5xx responses per minute. @default 10 */
  readonly elb5xxPerMinute?: number;
  /** p95 target response time in seconds. @default 1 */
  readonly responseTimeSeconds?: number;
  /** Unhealthy targets that raise the alarm. @default 1 */
  readonly unhealthyHosts?: number;
  /** Average fleet CPU, percent (seed 004). @default 80 */
  readonly cpuPercent?: number;
  /** Memory used on the fullest instance, percent (CloudWatch agent). @default 90 */
  readonly memoryPercent?: number;
  /** Root disk used on the fullest instance, percent (CloudWatch agent). @default 85 */
  readonly diskPercent?: number;
}

/**
 * Arguments of {@link WebFleet}. Defaults are the `prod` values of the requirements (secure, highly
 * available); the cheap choices `dev` makes are explicit (`deletionProtection: false`, no domain, 1/1/2).
 */
export interface WebFleetArgs {
  /** Where the fleet runs: ALB in the public subnets, instances and EFS mount targets in the app subnets. */
  readonly network: NetworkRef;

  // ---- instances (WEB-1)
  /** EC2 instance type. @default "t3.micro" */
  readonly instanceType?: string;
  /**
   * Explicit AMI id (pins the image: changing it rolls the fleet). When unset, EC2 resolves `amiSsmParameter` at
   * each instance launch, so AWS's image updates reach new instances without rolling the running ones.
   */
  readonly amiId?: pulumi.Input<string>;
  /**
   * Public SSM parameter naming a maintained AMI.
   * @default "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" (`…-arm64` for Graviton types)
   */
  readonly amiSsmParameter?: string;
  /** Root volume size in GiB (gp3, encrypted). @default 8 */
  readonly rootVolumeSizeGiB?: number;
  /** EC2 key pair for SSH through the bastion. Unset: no key, use Session Manager. */
  readonly keyName?: string;
  /** Security group of a bastion host allowed to SSH (22) into the fleet. Unset: no SSH at all. */
  readonly bastionSecurityGroupId?: pulumi.Input<string>;
  /**
   * The caller's bash bootstrap, run as root after the fleet's own parts (EFS mounted, agent running, the app
   * user `app` and `/etc/app/database.env` in place). Without it the fleet runs the reference app
   * (`@cloudblocks/reference-app`) behind Apache httpd. Never put secrets here: read them at boot
   * from Secrets Manager or SSM with `instancePolicyStatements`.
   */
  readonly appBootstrap?: string;
  /**
   * The database the app uses (`MonitoredDatabase.connection`, or any `DatabaseRef`). Instances get
   * `/etc/app/database.env` (writer and reader hosts, port, secret ARN, region, CA bundle path — never the
   * password) and the RDS CA bundle; the instance role may read that one secret and decrypt with that one key
   * through Secrets Manager only. @default undefined (no database)
   */
  readonly database?: DatabaseRef;
  /** Web server access log shipped by the CloudWatch agent. @default "/var/log/httpd/access_log" */
  readonly accessLogPath?: string;
  /** Web server error log shipped by the CloudWatch agent. @default "/var/log/httpd/error_log" */
  readonly errorLogPath?: string;
  /** Application log shipped by the CloudWatch agent. @default "/var/log/app/app.log" */
  readonly appLogPath?: string;
  /** Extra managed policies for the instance role, by a stable key. @default {} */
  readonly instancePolicyArns?: Readonly<Record<string, pulumi.Input<string>>>;
  /** Extra inline statements for the instance role (e.g. read one secret). @default [] */
  readonly instancePolicyStatements?: InstancePolicyStatement[];

  // ---- capacity (WEB-2, WEB-7)
  /** Smallest fleet. @default 2 */
  readonly minSize?: number;
  /** Capacity at creation; later deploys never reset it (scaling owns it). @default 2 */
  readonly desiredCapacity?: number;
  /** Largest fleet. @default 4 */
  readonly maxSize?: number;
  /**
   * Seconds a new instance has before failed ELB health checks replace it; at least the boot script's worst
   * case plus 60 s. @default derived from the boot script (`bootGracePeriodSeconds`)
   */
  readonly healthCheckGracePeriodSeconds?: number;
  /**
   * Share of the desired capacity kept in service while an instance refresh rolls the fleet. With 100 (and a
   * maximum above 100) Auto Scaling launches each replacement before terminating the instance it replaces, so
   * a one-instance fleet stays up. @default 100
   */
  readonly instanceRefreshMinHealthyPercentage?: number;
  /**
   * Capacity the refresh may run at, in service or pending, as a share of the desired capacity (100–200, at
   * most 100 above the minimum): the room for launching replacements first. @default 200
   */
  readonly instanceRefreshMaxHealthyPercentage?: number;
  /** On-demand/spot mix. @default undefined (all on-demand) */
  readonly spot?: SpotMixArgs;

  // ---- scaling (WEB-6)
  /** CPU scaling: `target-tracking`, `step` or `none` (`ScalingMode`). @default "target-tracking" */
  readonly scalingMode?: string;
  /** Average CPU target tracking holds. @default 75 */
  readonly cpuTargetPercent?: number;
  /** Step mode: add an instance at CPU ≥ this. @default 75 */
  readonly scaleOutCpuPercent?: number;
  /** Step mode: remove an instance at CPU ≤ this. @default 50 */
  readonly scaleInCpuPercent?: number;
  /** Scheduled actions by a stable key. @default {} */
  readonly scheduledActions?: Readonly<Record<string, ScheduledAction>>;
  /** Predictive scaling. @default undefined (off) */
  readonly predictiveScaling?: PredictiveScalingArgs;

  // ---- target group (WEB-4)
  /** Target group health check path. @default "/" */
  readonly healthCheckPath?: string;
  /** Seconds between health checks. @default 10 */
  readonly healthCheckIntervalSeconds?: number;
  /** Seconds a health check may take. @default 5 */
  readonly healthCheckTimeoutSeconds?: number;
  /** Passed checks in a row that make a target healthy. @default 2 */
  readonly healthyThreshold?: number;
  /** Failed checks in a row that make a target unhealthy. @default 5 */
  readonly unhealthyThreshold?: number;
  /** HTTP codes that count as healthy. @default "200" */
  readonly healthCheckMatcher?: string;
  /** Seconds the ALB drains a deregistering instance. @default 30 */
  readonly deregistrationDelaySeconds?: number;
  /** Lifetime of the `lb_cookie` stickiness cookie, seconds. @default 86400 */
  readonly stickinessDurationSeconds?: number;

  // ---- load balancer (WEB-3, WEB-11)
  /** ALB deletion protection. @default true */
  readonly deletionProtection?: boolean;
  /** ALB HTTP desync mitigation: `defensive` or `strictest`. @default "defensive" */
  readonly desyncMitigationMode?: string;
  /** TLS policy of the HTTPS listener. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
  readonly sslPolicy?: string;
  /** ALB idle timeout, seconds. @default 60 */
  readonly idleTimeoutSeconds?: number;
  /** Days ALB access logs are kept in S3. @default 90 */
  readonly accessLogsExpirationDays?: number;
  /** Let `pulumi destroy` delete a non-empty access-log bucket. @default false */
  readonly accessLogsForceDestroy?: boolean;

  // ---- DNS and TLS (WEB-9)
  /** Site domain, e.g. `buddyverse.link`. Unset: plain HTTP on the ALB's DNS name. */
  readonly domainName?: string;
  /** Public hosted zone looked up by name (e.g. `buddyverse.link`). One of this or `hostedZoneId` with a domain. */
  readonly hostedZoneName?: string;
  /** Hosted zone id, instead of a lookup by name. */
  readonly hostedZoneId?: pulumi.Input<string>;
  /** More names on the certificate, each with an alias record, e.g. `["www.buddyverse.link"]`. @default [] */
  readonly subjectAlternativeNames?: string[];

  // ---- routing (WEB-12)
  /** Extra target groups on the fleet's instances, reached by path, by a stable key. @default {} */
  readonly pathRoutes?: Readonly<Record<string, PathRoute>>;
  /** Join an existing listener instead of creating an ALB. @default undefined (own ALB) */
  readonly existingListener?: ExistingListenerArgs;

  // ---- shared files (WEB-8)
  /** Create the shared EFS and mount it at `/mnt/efs`. @default true */
  readonly sharedFileSystem?: boolean;
  /** Days without access before files move to EFS Infrequent Access. @default 30 */
  readonly efsTransitionToIaDays?: number;
  /**
   * Pulumi `protect` on the shared file system (the site's `static/` and `media/`), so `pulumi destroy` or a
   * replacement refuses to delete it until it is unprotected on purpose (STK-1 prod). @default false
   */
  readonly protect?: boolean;

  // ---- observability (WEB-10, ALM-4)
  /** Retention of the fleet's log group, days. @default 30 */
  readonly logRetentionDays?: number;
  /** SNS topic for the fleet alarms (ALARM and OK). Unset: no alarms. */
  readonly alarmTopicArn?: pulumi.Input<string>;
  /** Alarm thresholds. @default see `FleetAlarmThresholds` */
  readonly alarmThresholds?: FleetAlarmThresholds;
}
