import type * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmingPipeline } from "@cloudblocks/alarming-pipeline";
import type { MonitoredDatabase } from "@cloudblocks/monitored-database";
import { webFleetSchema, type WebFleet } from "@cloudblocks/web-fleet";
import type { StackConfig } from "../config-schema";

export interface VerifiedParts {
  readonly fleet: WebFleet;
  readonly alarms: AlarmingPipeline;
  readonly database: MonitoredDatabase;
  /** The ALM-3 alarm on ERROR lines in the app log (the chaos run injects into it). */
  readonly appErrorsAlarm: aws.cloudwatch.MetricAlarm;
  /** Alarms added after construction that also notify the topic (the ops report's, issue 12). @default [] */
  readonly laterAlarms?: readonly aws.cloudwatch.MetricAlarm[];
}

/**
 * The stack outputs `npm run verify` reads (issue #13): the ids of what it probes and the configured values it
 * compares the live resources against. `sslPolicy` is the fleet's config with its default applied, so the
 * check compares the listener against what the stack asked for, not against itself.
 */
export function verifyOutputs(
  config: StackConfig,
  parts: VerifiedParts,
): Record<string, pulumi.Input<unknown>> {
  const { fleet, alarms, database, appErrorsAlarm, laterAlarms = [] } = parts;
  const domain = config.fleet.domainName;
  return {
    albArn: fleet.albArn,
    targetGroupArn: fleet.targetGroupArn,
    autoScalingGroupName: fleet.autoScalingGroupName,
    appLogGroupName: fleet.logGroupName,
    fileSystemId: fleet.fileSystemId,
    domainName: domain,
    sslPolicy: domain ? webFleetSchema.shape.sslPolicy.parse(config.fleet.sslPolicy) : undefined,
    healthCheckId: alarms.healthCheckId,
    appErrorsAlarmArn: appErrorsAlarm.arn,
    alarmArns: pulumi
      .all([
        alarms.alarmArns,
        appErrorsAlarm.arn,
        fleet.alarmArns,
        database.alarmArns,
        pulumi.all(laterAlarms.map((a) => a.arn)),
      ])
      .apply(([pipeline, appErrors, fleetAlarms, db, later]) => [
        ...pipeline,
        appErrors,
        ...fleetAlarms,
        ...Object.values(db),
        ...later,
      ]),
  };
}
