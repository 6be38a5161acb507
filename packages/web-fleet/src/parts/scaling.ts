import * as aws from "../aws";
import type * as pulumi from "@pulumi/pulumi";
import type { WebFleetConfig } from "../schema";

/** Scheduled actions treat -1 as "leave unchanged"; the provider's default (0) would empty the group. */
const UNCHANGED = -1;

/**
 * WEB-6: target tracking on average CPU, or step policies driven by two CPU alarms (add at ≥ 75 %, remove at
 * ≤ 50 %), plus scheduled actions and optional predictive scaling.
 */
export function createScaling(
  name: string,
  config: WebFleetConfig,
  group: aws.autoscaling.Group,
  parent: pulumi.Resource,
): void {
  const opts = { parent };
  const autoscalingGroupName = group.name;

  if (config.scalingMode === "target-tracking") {
    new aws.autoscaling.Policy(
      `${name}-cpu-target`,
      {
        autoscalingGroupName,
        policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
          targetValue: config.cpuTargetPercent,
        },
      },
      opts,
    );
  } else if (config.scalingMode === "step") {
    const step = (
      role: string,
      adjustment: number,
      bound: "metricIntervalLowerBound" | "metricIntervalUpperBound",
    ) =>
      new aws.autoscaling.Policy(
        `${name}-${role}`,
        {
          autoscalingGroupName,
          policyType: "StepScaling",
          adjustmentType: "ChangeInCapacity",
          metricAggregationType: "Average",
          estimatedInstanceWarmup: config.healthCheckGracePeriodSeconds,
          stepAdjustments: [{ scalingAdjustment: adjustment, [bound]: "0" }],
        },
        opts,
      );
    const scaleOut = step("scale-out", 1, "metricIntervalLowerBound");
    const scaleIn = step("scale-in", -1, "metricIntervalUpperBound");
    const cpuAlarm = (
      role: string,
      operator: string,
      threshold: number,
      policy: aws.autoscaling.Policy,
      what: string,
    ) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${role}`,
        {
          alarmDescription: `WebFleet ${name}: ${what}`,
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          dimensions: { AutoScalingGroupName: autoscalingGroupName },
          statistic: "Average",
          period: 60,
          // Two consecutive minutes (seed 000), so a single spike does not scale.
          evaluationPeriods: 2,
          comparisonOperator: operator,
          threshold,
          treatMissingData: "notBreaching",
          actionsEnabled: true,
          alarmActions: [policy.arn],
        },
        opts,
      );
    cpuAlarm(
      "cpu-high",
      "GreaterThanOrEqualToThreshold",
      config.scaleOutCpuPercent,
      scaleOut,
      `add an instance at CPU ≥ ${config.scaleOutCpuPercent} %`,
    );
    cpuAlarm(
      "cpu-low",
      "LessThanOrEqualToThreshold",
      config.scaleInCpuPercent,
      scaleIn,
      `remove an instance at CPU ≤ ${config.scaleInCpuPercent} %`,
    );
  }

  if (config.predictiveScaling) {
    new aws.autoscaling.Policy(
      `${name}-predictive`,
      {
        autoscalingGroupName,
        policyType: "PredictiveScaling",
        predictiveScalingConfiguration: {
          mode: config.predictiveScaling.mode,
          metricSpecification: {
            targetValue: config.predictiveScaling.cpuTargetPercent,
            predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
          },
        },
      },
      opts,
    );
  }

  for (const [key, action] of Object.entries(config.scheduledActions)) {
    new aws.autoscaling.Schedule(
      `${name}-schedule-${key}`,
      {
        autoscalingGroupName,
        scheduledActionName: key,
        recurrence: action.recurrence,
        timeZone: action.timeZone,
        minSize: action.minSize ?? UNCHANGED,
        maxSize: action.maxSize ?? UNCHANGED,
        desiredCapacity: action.desiredCapacity ?? UNCHANGED,
      },
      opts,
    );
  }
}
