import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmingPipeline } from "@cloudblocks/alarming-pipeline";
import { HaVpc } from "@cloudblocks/ha-vpc";
import type { StackConfig } from "./config-schema";

/** STK-3: the standard tags, set once on the provider so every taggable resource inherits them. */
export function standardTags(config: StackConfig): Record<string, string> {
  return {
    Project: config.namePrefix,
    Environment: config.environment,
    Owner: config.owner,
    CostCenter: config.costCenter,
    ManagedBy: "pulumi",
  };
}

export interface PlatformOutputs {
  readonly environment: string;
  readonly region: string;
  readonly [key: string]: pulumi.Input<unknown>;
}

/**
 * The BUDDYVERSE platform for one environment. Takes the config explicitly (rather than reading Pulumi config)
 * so tests can build dev and prod in one run.
 */
export function buildPlatform(config: StackConfig): PlatformOutputs {
  const provider = new aws.Provider(`${config.namePrefix}-${config.environment}`, {
    region: config.region as aws.Region,
    defaultTags: { tags: standardTags(config) },
  });
  const name = `${config.namePrefix}-${config.environment}`;
  const opts = { providers: [provider] };
  // First, so every other component can send its alarms to the topic.
  const alarms = new AlarmingPipeline(`${name}-alarms`, { ...config.alarms, slaMonitor: undefined }, opts);
  const network = new HaVpc(`${name}-network`, config.network, opts);

  return {
    environment: config.environment,
    region: config.region,
    vpcId: network.vpcId,
    availabilityZones: network.availabilityZones,
    publicSubnetIds: network.subnetsByAz("public"),
    appSubnetIds: network.subnetsByAz("app"),
    dataSubnetIds: network.subnetsByAz("data"),
    natMode: network.natMode,
    flowLogGroupName: network.flowLogGroupName,
    alarmTopicArn: alarms.alarmTopicArn,
    trailArn: alarms.trailArn,
  };
}
