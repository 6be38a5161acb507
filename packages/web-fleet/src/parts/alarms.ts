import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { MetricDescriptor } from "@cloudblocks/component-kit";
import type { WebFleetConfig } from "../schema";
import { AGENT_NAMESPACE } from "../cloudwatch-agent";
import { BOOT_FAILED_PATTERN } from "../log-patterns";

/** Namespace of the fleet's log-derived metrics. */
export const FLEET_LOG_NAMESPACE = "Cloudblocks/WebFleet";

export interface FleetDimensions {
  readonly albArnSuffix: pulumi.Input<string>;
  readonly targetGroupArnSuffix: pulumi.Input<string>;
  readonly autoScalingGroupName: pulumi.Input<string>;
}

/** CloudWatch metrics of the fleet, described for a dashboard (ALM-7) that does not know the component. */
export function fleetMetrics(d: FleetDimensions): MetricDescriptor[] {
  const lb = { LoadBalancer: d.albArnSuffix };
  const tg = { LoadBalancer: d.albArnSuffix, TargetGroup: d.targetGroupArnSuffix };
  const asg = { AutoScalingGroupName: d.autoScalingGroupName };
  return [
    {
      id: "fleet.cpu",
      title: "Fleet CPU (average %)",
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      dimensions: asg,
      stat: "Average",
    },
    {
      id: "fleet.memory",
      title: "Fleet memory used (%)",
      namespace: AGENT_NAMESPACE,
      metricName: "mem_used_percent",
      dimensions: asg,
      stat: "Average",
    },
    {
      id: "fleet.disk",
      title: "Fleet root disk used (%)",
      namespace: AGENT_NAMESPACE,
      metricName: "disk_used_percent",
      dimensions: asg,
      stat: "Maximum",
    },
    {
      id: "fleet.requests",
      title: "Requests",
      namespace: "AWS/ApplicationELB",
      metricName: "RequestCount",
      dimensions: tg,
      stat: "Sum",
    },
    {
      id: "fleet.latency",
      title: "Target response time (p95, s)",
      namespace: "AWS/ApplicationELB",
      metricName: "TargetResponseTime",
      dimensions: tg,
      stat: "p95",
    },
    {
      id: "fleet.target5xx",
      title: "Target 5xx",
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_Target_5XX_Count",
      dimensions: tg,
      stat: "Sum",
    },
    {
      id: "fleet.elb5xx",
      title: "Load balancer 5xx",
      namespace: "AWS/ApplicationELB",
      metricName: "HTTPCode_ELB_5XX_Count",
      dimensions: lb,
      stat: "Sum",
    },
    {
      id: "fleet.healthyHosts",
      title: "Healthy hosts",
      namespace: "AWS/ApplicationELB",
      metricName: "HealthyHostCount",
      dimensions: tg,
      stat: "Minimum",
    },
    {
      id: "fleet.unhealthyHosts",
      title: "Unhealthy hosts",
      namespace: "AWS/ApplicationELB",
      metricName: "UnHealthyHostCount",
      dimensions: tg,
      stat: "Maximum",
    },
  ];
}

interface AlarmSpec {
  readonly role: string;
  readonly description: string;
  readonly metric: MetricDescriptor;
  readonly comparisonOperator: string;
  readonly threshold: number;
  readonly period: number;
  readonly evaluationPeriods: number;
  /** Counts are absent when nothing happens (no 5xx): that is good news, not a breach. */
  readonly treatMissingData: "notBreaching" | "breaching" | "missing";
}

/**
 * ALM-4 / CloudWatch.15/17: the fleet's alarms, each with an explicit period, evaluation periods and
 * missing-data treatment, notifying the topic on ALARM and on OK.
 */
export function createFleetAlarms(
  name: string,
  config: WebFleetConfig,
  topicArn: pulumi.Input<string>,
  metrics: readonly MetricDescriptor[],
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
  const t = config.alarmThresholds;
  const metric = (id: string) => metrics.find((m) => m.id === id)!;
  const specs: AlarmSpec[] = [
    {
      role: "target-5xx",
      description: `target 5xx ≥ ${t.target5xxPerMinute}/min for 3 minutes`,
      metric: metric("fleet.target5xx"),
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: t.target5xxPerMinute,
      period: 60,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching",
    },
    {
      role: "elb-5xx",
      description: `load balancer 5xx ≥ ${t.elb5xxPerMinute}/min for 3 minutes`,
      metric: metric("fleet.elb5xx"),
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: t.elb5xxPerMinute,
      period: 60,
      evaluationPeriods: 3,
      treatMissingData: "notBreaching",
    },
    {
      role: "response-time",
      description: `p95 response time > ${t.responseTimeSeconds} s for 5 minutes`,
      metric: metric("fleet.latency"),
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.responseTimeSeconds,
      period: 60,
      evaluationPeriods: 5,
      treatMissingData: "notBreaching",
    },
    {
      role: "unhealthy-hosts",
      description: `${t.unhealthyHosts} or more unhealthy targets for 2 minutes`,
      metric: metric("fleet.unhealthyHosts"),
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: t.unhealthyHosts,
      period: 60,
      evaluationPeriods: 2,
      treatMissingData: "notBreaching",
    },
    // Seed 004: web CPU above 80 %; two consecutive 5-minute periods (seed 000). No data means no instances
    // reporting, which the unhealthy-hosts alarm covers; keep the last state rather than guess.
    {
      role: "cpu-above",
      description: `average CPU > ${t.cpuPercent} % for 10 minutes`,
      metric: metric("fleet.cpu"),
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.cpuPercent,
      period: 300,
      evaluationPeriods: 2,
      treatMissingData: "missing",
    },
    // The agent's metrics: no data means no agent reporting anywhere in the fleet (agent stopped, instances
    // unable to reach CloudWatch, e.g. behind a broken NAT): an alarm, not a blank graph.
    {
      role: "memory",
      description: `memory used > ${t.memoryPercent} % on the fullest instance for 5 minutes, or no agent reporting`,
      metric: { ...metric("fleet.memory"), stat: "Maximum" },
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.memoryPercent,
      period: 60,
      evaluationPeriods: 5,
      treatMissingData: "breaching",
    },
    {
      role: "disk",
      description: `root disk used > ${t.diskPercent} % on the fullest instance, or no agent reporting for 10 minutes`,
      metric: metric("fleet.disk"),
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.diskPercent,
      period: 300,
      evaluationPeriods: 2,
      treatMissingData: "breaching",
    },
  ];
  return specs.map((spec) => {
    const percentile = /^p\d/.test(spec.metric.stat);
    return new aws.cloudwatch.MetricAlarm(
      `${name}-alarm-${spec.role}`,
      {
        alarmDescription: `WebFleet ${name}: ${spec.description}`,
        namespace: spec.metric.namespace,
        metricName: spec.metric.metricName,
        dimensions: { ...spec.metric.dimensions },
        ...(percentile ? { extendedStatistic: spec.metric.stat } : { statistic: spec.metric.stat }),
        period: spec.period,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.evaluationPeriods,
        comparisonOperator: spec.comparisonOperator,
        threshold: spec.threshold,
        treatMissingData: spec.treatMissingData,
        actionsEnabled: true,
        alarmActions: [topicArn],
        okActions: [topicArn],
      },
      { parent },
    );
  });
}

/**
 * A boot that ended `BOOT FAILED: <step>` (the boot log's last line, shipped by the agent, which the boot starts
 * first): one is an alarm. No data means no failed boot.
 */
export function createBootFailureAlarm(
  name: string,
  bootLogGroupName: pulumi.Input<string>,
  topicArn: pulumi.Input<string>,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  const metricName = `BootFailures-${name}`;
  const filter = new aws.cloudwatch.LogMetricFilter(
    `${name}-boot-failed`,
    {
      logGroupName: bootLogGroupName,
      pattern: BOOT_FAILED_PATTERN,
      metricTransformation: {
        name: metricName,
        namespace: FLEET_LOG_NAMESPACE,
        value: "1",
        defaultValue: "0",
      },
    },
    { parent },
  );
  return new aws.cloudwatch.MetricAlarm(
    `${name}-alarm-boot-failed`,
    {
      alarmDescription: `WebFleet ${name}: an instance's boot ended "BOOT FAILED: <step>" (its boot log stream names the step)`,
      namespace: FLEET_LOG_NAMESPACE,
      metricName,
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      threshold: 1,
      treatMissingData: "notBreaching",
      actionsEnabled: true,
      alarmActions: [topicArn],
      okActions: [topicArn],
    },
    { parent, dependsOn: [filter] },
  );
}
