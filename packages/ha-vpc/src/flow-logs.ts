import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { assumedBy, type PolicyDocument } from "@cloudblocks/component-kit";

export interface FlowLogsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly retentionInDays: number;
  readonly s3BucketArn?: string;
}

/**
 * NET-5 / EC2.6: flow logs of ALL traffic to CloudWatch Logs through a delivery role that can only write to
 * that log group, optionally also to S3 as Parquet partitioned for Athena.
 */
export function createFlowLogs(
  name: string,
  args: FlowLogsArgs,
  parent: pulumi.Resource,
): aws.cloudwatch.LogGroup {
  const identity = aws.getCallerIdentityOutput({}, { parent });
  const partition = aws.getPartitionOutput({}, { parent });
  const region = aws.getRegionOutput({}, { parent });
  const logGroup = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    { retentionInDays: args.retentionInDays },
    { parent },
  );

  // Confused-deputy protection: only flow logs of this account may assume the role.
  const role = new aws.iam.Role(
    `${name}-flow-logs-role`,
    {
      assumeRolePolicy: pulumi
        .all([identity.accountId, partition.partition, region.region])
        .apply(([account, part, reg]) =>
          JSON.stringify(
            assumedBy("vpc-flow-logs.amazonaws.com", {
              StringEquals: { "aws:SourceAccount": account },
              ArnLike: { "aws:SourceArn": `arn:${part}:ec2:${reg}:${account}:vpc-flow-log/*` },
            }),
          ),
        ),
    },
    { parent },
  );
  const writePolicy = new aws.iam.RolePolicy(
    `${name}-flow-logs-write`,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) => {
        const document: PolicyDocument = {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "WriteFlowLogs",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [arn, `${arn}:*`],
            },
            {
              Sid: "FindLogGroup",
              Effect: "Allow",
              Action: "logs:DescribeLogGroups",
              Resource: arn.replace(/:log-group:.*$/, ":log-group:*"),
            },
          ],
        };
        return JSON.stringify(document);
      }),
    },
    { parent },
  );
  new aws.ec2.FlowLog(
    `${name}-flow-log`,
    {
      vpcId: args.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    },
    // The role can write only once its policy exists: without the ordering the first deliveries can fail.
    { parent, dependsOn: [writePolicy] },
  );
  if (args.s3BucketArn) {
    new aws.ec2.FlowLog(
      `${name}-flow-log-s3`,
      {
        vpcId: args.vpcId,
        trafficType: "ALL",
        logDestinationType: "s3",
        logDestination: args.s3BucketArn,
        destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
      },
      { parent },
    );
  }
  return logGroup;
}
