import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuditTrailArgs } from "./args";
import { hardenedBucket } from "./bucket";
import { CIS_METRIC_FILTERS, CIS_NAMESPACE } from "./cis";
import type { AccountContext } from "./context";
import {
  assumedBy,
  policyDocument,
  type PolicyStatement,
  accountAdministersKey,
} from "@cloudblocks/component-kit";

export interface AuditTrail {
  readonly trail: aws.cloudtrail.Trail;
  readonly logGroup: aws.cloudwatch.LogGroup;
  readonly alarms: readonly aws.cloudwatch.MetricAlarm[];
}

/**
 * ALM-6: a multi-region trail (CloudTrail.1) with read and write management events, log file validation
 * (CloudTrail.4), KMS encryption (CloudTrail.2), delivery to a hardened, access-logged bucket and to CloudWatch
 * Logs through a role that may only write there (CloudTrail.5), and the CIS section-4 filters and alarms.
 */
export function createAuditTrail(
  prefix: string,
  args: AuditTrailArgs,
  topicArn: pulumi.Input<string>,
  ctx: AccountContext,
  parent: pulumi.Resource,
): AuditTrail {
  const lifecycle = {
    transitionToInfrequentAccessDays: args.transitionToInfrequentAccessDays ?? 30,
    transitionToGlacierDays: args.transitionToGlacierDays ?? 90,
    expireAfterDays: args.expireAfterDays ?? 730,
    forceDestroy: args.forceDestroy ?? false,
  };

  const key = new aws.kms.Key(
    `${prefix}-key`,
    {
      description: "Encrypts the CloudTrail log files and the trail's CloudWatch log group",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi.all([ctx.accountId, ctx.partition, ctx.region]).apply(([account, partition, region]) =>
        policyDocument(
          accountAdministersKey(account, partition),
          {
            Sid: "CloudTrailEncryptsLogs",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
              StringLike: {
                "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${partition}:cloudtrail:*:${account}:trail/*`,
              },
            },
          },
          {
            // The trail bucket uses SSE-KMS with an S3 Bucket Key: CloudTrail then needs kms:Decrypt on the key
            // to create or update the trail (CloudTrail User Guide, "Configure AWS KMS key policies for
            // CloudTrail", required element 2). Only for this account's trails.
            Sid: "CloudTrailDecryptsForBucketKey",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: {
              StringEquals: { "aws:SourceAccount": account },
              ArnLike: { "aws:SourceArn": `arn:${partition}:cloudtrail:*:${account}:trail/*` },
            },
          },
          {
            Sid: "CloudTrailDescribesKey",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:DescribeKey",
            Resource: "*",
          },
          {
            Sid: "CloudWatchLogsEncryptsTrailLogGroup",
            Effect: "Allow",
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: [
              "kms:Encrypt*",
              "kms:Decrypt*",
              "kms:ReEncrypt*",
              "kms:GenerateDataKey*",
              "kms:Describe*",
            ],
            Resource: "*",
            Condition: {
              ArnLike: {
                "kms:EncryptionContext:aws:logs:arn": `arn:${partition}:logs:${region}:${account}:log-group:*`,
              },
            },
          },
        ),
      ),
    },
    { parent, protect: args.protect ?? false },
  );

  // Server access logs of the trail bucket. S3 log delivery only supports SSE-S3 targets.
  const accessLogs = hardenedBucket(`${prefix}-access-logs`, {
    parent,
    encryption: "AES256",
    ...lifecycle,
    // Only server access logs of this account's buckets may land here (confused-deputy guard).
    grants: (arn, accountId): PolicyStatement[] => [
      {
        Sid: "S3ServerAccessLogsDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${arn}/*`,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  });

  const logs = hardenedBucket(`${prefix}-bucket`, {
    parent,
    protect: args.protect ?? false,
    encryption: key.arn,
    ...lifecycle,
    // Only trails of this account may use the bucket (confused-deputy guard; the trail's own ARN is not
    // known before the trail exists, and the trail needs this policy first).
    grants: (arn, accountId): PolicyStatement[] => [
      {
        Sid: "CloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: arn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
      {
        Sid: "CloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${arn}/AWSLogs/${accountId}/*`,
        Condition: {
          StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": accountId },
        },
      },
    ],
  });
  new aws.s3.BucketLogging(
    `${prefix}-bucket`,
    { bucket: logs.bucket.id, targetBucket: accessLogs.bucket.id, targetPrefix: "trail-bucket/" },
    { parent, dependsOn: [accessLogs.policy] },
  );

  const logGroup = new aws.cloudwatch.LogGroup(
    `${prefix}-logs`,
    { retentionInDays: args.logRetentionDays ?? 365, kmsKeyId: key.arn },
    { parent },
  );
  const role = new aws.iam.Role(
    `${prefix}-logs-role`,
    {
      description: "CloudTrail delivery to CloudWatch Logs",
      assumeRolePolicy: JSON.stringify(assumedBy("cloudtrail.amazonaws.com")),
    },
    { parent },
  );
  const rolePolicy = new aws.iam.RolePolicy(
    `${prefix}-logs-role`,
    {
      role: role.id,
      policy: logGroup.arn.apply((arn) =>
        policyDocument({
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${arn}:log-stream:*`,
        }),
      ),
    },
    { parent },
  );

  const dataResources = [
    ...((args.s3DataEventBucketArns ?? []).length > 0
      ? [{ type: "AWS::S3::Object", values: [...(args.s3DataEventBucketArns ?? [])] }]
      : []),
    ...(args.lambdaDataEvents ? [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }] : []),
  ];
  const trail = new aws.cloudtrail.Trail(
    prefix,
    {
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogging: true,
      enableLogFileValidation: true,
      kmsKeyId: key.arn,
      s3BucketName: logs.bucket.id,
      cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
      cloudWatchLogsRoleArn: role.arn,
      eventSelectors: [
        {
          readWriteType: "All",
          includeManagementEvents: true,
          ...(dataResources.length > 0 ? { dataResources } : {}),
        },
      ],
    },
    { parent, dependsOn: [logs.policy, rolePolicy] },
  );

  const alarms = args.cisAlarms === false ? [] : cisAlarms(prefix, logGroup, topicArn, parent);
  return { trail, logGroup, alarms };
}

/** The 15 CIS metric filters with their exact patterns, and an alarm on each: Sum, 300 s, ≥ 1, notBreaching. */
function cisAlarms(
  prefix: string,
  logGroup: aws.cloudwatch.LogGroup,
  topicArn: pulumi.Input<string>,
  parent: pulumi.Resource,
): aws.cloudwatch.MetricAlarm[] {
  return CIS_METRIC_FILTERS.map((cis) => {
    const filter = new aws.cloudwatch.LogMetricFilter(
      `${prefix}-cis-${cis.metricName}`,
      {
        logGroupName: logGroup.name,
        pattern: cis.pattern,
        metricTransformation: { name: cis.metricName, namespace: CIS_NAMESPACE, value: "1" },
      },
      { parent },
    );
    return new aws.cloudwatch.MetricAlarm(
      `${prefix}-cis-${cis.metricName}`,
      {
        alarmDescription: `CIS ${cis.cis}${cis.securityHub ? ` / ${cis.securityHub}` : ""}: ${cis.metricName} in CloudTrail`,
        namespace: CIS_NAMESPACE,
        metricName: cis.metricName,
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        actionsEnabled: true,
        alarmActions: [topicArn],
        okActions: [topicArn],
      },
      { parent, dependsOn: [filter] },
    );
  });
}
