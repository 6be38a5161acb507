/** An IAM policy document, typed so mocks and policies read it as data (DESIGN: typed objects, then JSON.stringify). */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: { readonly Service: string | readonly string[] };
    readonly Action: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  }[];
}

/** Only RDS enhanced monitoring, acting for this account, may assume the monitoring role (confused-deputy guard). */
export function monitoringAssumeRolePolicy(accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "RdsEnhancedMonitoring",
        Effect: "Allow",
        Principal: { Service: "monitoring.rds.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/** AWS managed policy that lets enhanced monitoring publish OS metrics to CloudWatch Logs (RDSOSMetrics). */
export function enhancedMonitoringPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`;
}
