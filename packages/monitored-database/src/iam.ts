import { assumedBy, type PolicyDocument } from "@cloudblocks/component-kit";

/** Only RDS enhanced monitoring, acting for this account, may assume the monitoring role (confused-deputy guard). */
export function monitoringAssumeRolePolicy(accountId: string): PolicyDocument {
  return assumedBy(
    "monitoring.rds.amazonaws.com",
    { StringEquals: { "aws:SourceAccount": accountId } },
    "RdsEnhancedMonitoring",
  );
}

/** AWS managed policy that lets enhanced monitoring publish OS metrics to CloudWatch Logs (RDSOSMetrics). */
export function enhancedMonitoringPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;
}
