import type { RecordedResource } from "@cloudblocks/testkit";

export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a JSON policy input. */
export function statementsOf(resource: RecordedResource, property = "policy"): Statement[] {
  return (JSON.parse(String(resource.inputs[property])) as { Statement: Statement[] }).Statement;
}

export const SECRET_ARN =
  "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:buddyverse/prod/chat-webhook-AbCdEf";

/** The seed 004 fleet-CPU alarm (> 80 % for 2 periods of 5 minutes), as a metric alarm spec. */
export const webCpuAlarm = {
  id: "web-cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { AutoScalingGroupName: "web" },
  statistic: "Average",
  period: 300,
  evaluationPeriods: 2,
  threshold: 80,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "missing",
} as const;
