import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsConfigArgs } from "./args";
import { hardenedBucket } from "./bucket";
import type { AccountContext } from "./context";

/**
 * AWS managed Config rules that re-check, on the deployed account, controls the policy pack already checks
 * offline on the plan (policy name → managed rule identifier), so the same control holds before and after deploy.
 * Identifiers from AWS's list of managed rules (config/latest/developerguide/managed-rules-by-aws-config.html).
 */
export const MIRRORED_RULES: Readonly<Record<string, string>> = {
  "cloudtrail-multi-region-management-events": "MULTI_REGION_CLOUD_TRAIL_ENABLED",
  "cloudtrail-log-file-validation": "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
  "vpc-flow-logs": "VPC_FLOW_LOGS_ENABLED",
  "default-security-group-closed": "VPC_DEFAULT_SECURITY_GROUP_CLOSED",
  "ec2-imdsv2-required": "EC2_IMDSV2_CHECK",
  "rds-storage-encrypted": "RDS_STORAGE_ENCRYPTED",
  "kms-key-rotation": "CMK_BACKING_KEY_ROTATION_ENABLED",
};

// By hour count, the values the schema allows (snapshotDeliveryHours is checked at construction).
const DELIVERY_FREQUENCY: Readonly<Record<number, string>> = {
  1: "One_Hour",
  3: "Three_Hours",
  6: "Six_Hours",
  12: "Twelve_Hours",
  24: "TwentyFour_Hours",
};

export interface AwsConfigMonitor {
  readonly recorder: aws.cfg.Recorder;
  readonly bucket: aws.s3.Bucket;
  readonly rules: readonly aws.cfg.Rule[];
}

/**
 * The audit monitor: a configuration recorder for all supported resource types (global ones included: this is
 * the account's one recorder in its home region), using Config's service-linked role; a delivery channel to a
 * hardened bucket whose policy is the one AWS documents for Config, limited to this account
 * (aws:SourceAccount); and the managed rules of {@link MIRRORED_RULES}.
 */
export function createAwsConfig(
  prefix: string,
  args: AwsConfigArgs,
  ctx: AccountContext,
  parent: pulumi.Resource,
): AwsConfigMonitor {
  // An account holds Config's service-linked role once; creating it again fails, so an account that already
  // has it (Config enabled before) names it instead.
  const serviceRoleArn = args.serviceLinkedRoleExists
    ? pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`
    : new aws.iam.ServiceLinkedRole(
        `${prefix}-service-role`,
        { awsServiceName: "config.amazonaws.com", description: "AWS Config records resource configurations" },
        { parent },
      ).arn;
  const { bucket, policy } = hardenedBucket(`${prefix}-bucket`, {
    parent,
    encryption: "AES256",
    transitionToInfrequentAccessDays: args.transitionToInfrequentAccessDays ?? 30,
    transitionToGlacierDays: args.transitionToGlacierDays ?? 90,
    expireAfterDays: args.expireAfterDays ?? 730,
    forceDestroy: args.forceDestroy ?? false,
    protect: args.protect ?? false,
    grants: (arn, accountId) => {
      const fromThisAccount = { StringEquals: { "AWS:SourceAccount": accountId } };
      const config = { Service: "config.amazonaws.com" };
      return [
        {
          Sid: "AWSConfigBucketPermissionsCheck",
          Effect: "Allow",
          Principal: config,
          Action: "s3:GetBucketAcl",
          Resource: arn,
          Condition: fromThisAccount,
        },
        {
          Sid: "AWSConfigBucketExistenceCheck",
          Effect: "Allow",
          Principal: config,
          Action: "s3:ListBucket",
          Resource: arn,
          Condition: fromThisAccount,
        },
        {
          Sid: "AWSConfigBucketDelivery",
          Effect: "Allow",
          Principal: config,
          Action: "s3:PutObject",
          Resource: `${arn}/AWSLogs/${accountId}/Config/*`,
          Condition: {
            StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": accountId },
          },
        },
      ];
    },
  });
  const recorder = new aws.cfg.Recorder(
    `${prefix}-recorder`,
    {
      roleArn: serviceRoleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    },
    { parent },
  );
  const channel = new aws.cfg.DeliveryChannel(
    `${prefix}-delivery`,
    {
      s3BucketName: bucket.bucket,
      snapshotDeliveryProperties: { deliveryFrequency: DELIVERY_FREQUENCY[args.snapshotDeliveryHours ?? 24] },
    },
    // Config checks the bucket policy when the channel is created; the channel needs the recorder.
    { parent, dependsOn: [recorder, policy] },
  );
  new aws.cfg.RecorderStatus(
    `${prefix}-recorder-status`,
    { name: recorder.name, isEnabled: true },
    { parent, dependsOn: [channel] },
  );
  const rules = Object.entries(MIRRORED_RULES).map(
    ([control, identifier]) =>
      new aws.cfg.Rule(
        `${prefix}-rule-${control}`,
        {
          description: `Deployed-account check of the policy pack's ${control} control`,
          source: { owner: "AWS", sourceIdentifier: identifier },
        },
        { parent, dependsOn: [recorder] },
      ),
  );
  return { recorder, bucket, rules };
}
