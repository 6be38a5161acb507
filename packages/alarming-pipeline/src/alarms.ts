import * as aws from "./aws";
import type * as pulumi from "@pulumi/pulumi";
import type { LogAlarmArgs, MetricAlarmArgs } from "./args";

const PERCENTILE = /^p\d/;

/** Default metric name of a log alarm: the id's letters and digits, e.g. `app-errors` → `AppErrorsCount`. */
export function logMetricName(id: string): string {
  return `${id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("")}Count`;
}

export const DEFAULT_LOG_NAMESPACE = "Cloudblocks/Logs";

/** Metric filter + alarm for one log pattern (ALM-3). Alarms notify on ALARM and OK (ALM-1). */
export function createLogAlarm(
  prefix: string,
  spec: LogAlarmArgs,
  topicArn: pulumi.Input<string>,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  const pattern = spec.pattern ?? "ERROR";
  const metricName = spec.metricName ?? logMetricName(spec.id);
  const namespace = spec.namespace ?? DEFAULT_LOG_NAMESPACE;
  const threshold = spec.threshold ?? 2;
  const period = spec.period ?? 60;
  const evaluationPeriods = spec.evaluationPeriods ?? 1;
  const filter = new aws.cloudwatch.LogMetricFilter(
    `${prefix}-log-${spec.id}`,
    {
      logGroupName: spec.logGroupName,
      pattern,
      metricTransformation: { name: metricName, namespace, value: "1", defaultValue: "0" },
    },
    { parent },
  );
  return new aws.cloudwatch.MetricAlarm(
    `${prefix}-log-${spec.id}`,
    {
      alarmDescription:
        spec.description ?? `"${pattern}" in the log ≥ ${threshold} within ${period} s (${metricName})`,
      namespace,
      metricName,
      statistic: "Sum",
      period,
      evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm ?? evaluationPeriods,
      threshold,
      comparisonOperator: spec.comparisonOperator ?? "GreaterThanOrEqualToThreshold",
      treatMissingData: spec.treatMissingData ?? "notBreaching",
      actionsEnabled: true,
      alarmActions: [topicArn],
      okActions: [topicArn],
    },
    { parent, dependsOn: [filter] },
  );
}

/** An alarm on any metric with explicit period, evaluation and missing-data settings (ALM-4). */
export function createMetricAlarm(
  prefix: string,
  spec: MetricAlarmArgs,
  topicArn: pulumi.Input<string>,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm {
  const percentile = PERCENTILE.test(spec.statistic);
  return new aws.cloudwatch.MetricAlarm(
    `${prefix}-metric-${spec.id}`,
    {
      alarmDescription:
        spec.description ??
        `${spec.namespace}/${spec.metricName} ${spec.statistic} ${spec.comparisonOperator} ${spec.threshold} for ${spec.datapointsToAlarm ?? spec.evaluationPeriods} of ${spec.evaluationPeriods} × ${spec.period} s`,
      namespace: spec.namespace,
      metricName: spec.metricName,
      dimensions: spec.dimensions ?? {},
      ...(percentile ? { extendedStatistic: spec.statistic } : { statistic: spec.statistic }),
      period: spec.period,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods,
      threshold: spec.threshold,
      comparisonOperator: spec.comparisonOperator,
      treatMissingData: spec.treatMissingData,
      actionsEnabled: true,
      alarmActions: [topicArn],
      okActions: [topicArn],
    },
    { parent },
  );
}
