// The resource types the stacks use: Pulumi token ↔ terraform-provider-aws resource, its source file and schema
// function, and the attribute renames pulumi-aws makes (provider/resources.go `Fields`), checked against the SDK.
export const RESOURCES = [
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    tf: "aws_cloudwatch_metric_alarm",
    file: "internal/service/cloudwatch/metric_alarm.go",
    func: "resourceMetricAlarm",
    renames: { alarm_name: "name" },
    enums: ["aws-sdk-go-v2/service/cloudwatch"],
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    tf: "aws_cloudwatch_log_group",
    file: "internal/service/logs/group.go",
    func: "resourceGroup",
  },
];
