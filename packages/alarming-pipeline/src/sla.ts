import * as aws from "./aws";
import type * as pulumi from "@pulumi/pulumi";
import type { SlaMonitorArgs } from "./args";
import { GLOBAL_METRICS_REGION } from "./context";

export interface SlaMonitor {
  readonly healthCheck: aws.route53.HealthCheck;
  readonly alarm: aws.cloudwatch.MetricAlarm;
}

/**
 * ALM-8: a Route 53 health check of the public URL and an alarm on it. Route 53 publishes `HealthCheckStatus`
 * only in us-east-1, so the alarm is created there (per-resource region) and notifies the us-east-1 topic.
 */
export function createSlaMonitor(
  prefix: string,
  args: SlaMonitorArgs,
  globalTopicArn: pulumi.Input<string>,
  parent: pulumi.Resource,
): SlaMonitor {
  const url = new URL(args.url);
  const https = url.protocol === "https:";
  const healthCheck = new aws.route53.HealthCheck(
    `${prefix}-check`,
    {
      type: https ? "HTTPS" : "HTTP",
      fqdn: url.hostname,
      port: url.port ? Number(url.port) : https ? 443 : 80,
      resourcePath: `${url.pathname}${url.search}`,
      requestInterval: args.requestInterval ?? 30,
      failureThreshold: args.failureThreshold ?? 3,
      measureLatency: true,
      ...(https ? { enableSni: true } : {}),
    },
    { parent },
  );
  const evaluationPeriods = args.evaluationPeriods ?? 2;
  const alarm = new aws.cloudwatch.MetricAlarm(
    `${prefix}-alarm`,
    {
      region: GLOBAL_METRICS_REGION,
      alarmDescription: `${args.url} failed its Route 53 health check for ${evaluationPeriods} consecutive minute(s)`,
      namespace: "AWS/Route53",
      metricName: "HealthCheckStatus",
      dimensions: { HealthCheckId: healthCheck.id },
      statistic: "Minimum",
      period: 60,
      evaluationPeriods,
      datapointsToAlarm: evaluationPeriods,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      // No data means the check itself is gone or broken: treat it as down.
      treatMissingData: "breaching",
      actionsEnabled: true,
      alarmActions: [globalTopicArn],
      okActions: [globalTopicArn],
    },
    { parent },
  );
  return { healthCheck, alarm };
}
