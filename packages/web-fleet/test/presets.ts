import type * as pulumi from "@pulumi/pulumi";
import type { NetworkRef } from "@cloudblocks/component-kit";
import type { WebFleetArgs } from "../src";

export type WebFleetEnvironment = "dev" | "prod";

export interface WebFleetEnvironmentOptions {
  readonly network: NetworkRef;
  /** The alarm topic (AlarmingPipeline.alarmTopicArn). prod without it has no alarms: pass it. */
  readonly alarmTopicArn?: pulumi.Input<string>;
  /** Security group of the bastion, when the network has one (SSH only from it). */
  readonly bastionSecurityGroupId?: pulumi.Input<string>;
  /** The app's bootstrap script; unset serves the default page. */
  readonly appBootstrap?: string;
  /** prod domain. @default "buddyverse.link" */
  readonly domainName?: string;
}

/**
 * Test presets: a prod-like and a cheap fleet, as a stack would configure WebFleet (the BUDDYVERSE stack sets its
 * own in `Pulumi.<stack>.yaml`; the component ships no presets):
 * - `prod`: `buddyverse.link` (zone looked up by name), HTTPS with the TLS 1.3 policy, 2/2/4 instances,
 *   deletion protection, alarms to the topic, logs kept 90 days.
 * - `dev`: small instances, 1/1/2, plain HTTP on the ALB's DNS name, no deletion protection, logs kept 7 days,
 *   access logs deleted with the stack. Policies dev violates on purpose: see the package README.
 */
export function webFleetArgsFor(
  environment: WebFleetEnvironment,
  options: WebFleetEnvironmentOptions,
): WebFleetArgs {
  const common = {
    network: options.network,
    alarmTopicArn: options.alarmTopicArn,
    bastionSecurityGroupId: options.bastionSecurityGroupId,
    appBootstrap: options.appBootstrap,
  };
  if (environment === "prod") {
    const domainName = options.domainName ?? "buddyverse.link";
    return {
      ...common,
      instanceType: "t3.small",
      minSize: 2,
      desiredCapacity: 2,
      maxSize: 4,
      domainName,
      hostedZoneName: domainName.split(".").slice(-2).join("."),
      deletionProtection: true,
      logRetentionDays: 90,
      accessLogsExpirationDays: 365,
    };
  }
  return {
    ...common,
    instanceType: "t3.micro",
    minSize: 1,
    desiredCapacity: 1,
    maxSize: 2,
    deletionProtection: false,
    logRetentionDays: 7,
    accessLogsExpirationDays: 7,
    accessLogsForceDestroy: true,
  };
}

/**
 * Policy-pack configuration the cheap preset needs (`pulumi preview --policy-pack-config`, or `runPolicies(..., { config })`):
 * plain HTTP without a certificate (ELB.1), no deletion protection (ELB.6). Everything else holds in dev too.
 */
export const DEV_POLICY_EXCEPTIONS = {
  "alb-http-redirects-to-https": "advisory",
  "alb-deletion-protection": "advisory",
} as const;
