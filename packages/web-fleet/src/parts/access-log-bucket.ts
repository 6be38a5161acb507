import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../iam-document";
import type { WebFleetConfig } from "../schema";

/** Key prefix of the ALB's access logs in the bucket. */
export const ACCESS_LOG_PREFIX = "alb";

export interface AccessLogBucket {
  readonly bucket: aws.s3.Bucket;
  /** The ALB must wait for it: Elastic Load Balancing checks write access when access logging is enabled. */
  readonly policy: aws.s3.BucketPolicy;
}

/**
 * WEB-11 / ELB.5: the bucket for ALB access logs — SSE-S3 (ELB cannot write with SSE-KMS), every public access
 * blocked (S3.8), no ACLs (S3.12), TLS only (S3.5), logs expire (S3.13). Named by prefix, so a replacement
 * never collides with the bucket it replaces.
 */
export function createAccessLogBucket(
  name: string,
  config: WebFleetConfig,
  parent: pulumi.Resource,
): AccessLogBucket {
  const opts = { parent };
  const bucket = new aws.s3.Bucket(
    `${name}-alb-logs`,
    { bucketPrefix: `${name}-alb-logs-`, forceDestroy: config.accessLogsForceDestroy },
    opts,
  );
  const ownership = new aws.s3.BucketOwnershipControls(
    `${name}-alb-logs-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    `${name}-alb-logs-public-access`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-alb-logs-encryption`,
    { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
    opts,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-alb-logs-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: { prefix: "" },
          expiration: { days: config.accessLogsExpirationDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    opts,
  );

  const account = aws.getCallerIdentityOutput({}, opts).accountId;
  const elbAccount = aws.elb.getServiceAccountOutput({}, opts).arn;
  const logObjects = pulumi.interpolate`${bucket.arn}/${ACCESS_LOG_PREFIX}/AWSLogs/${account}/*`;
  const document: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      // Regions older than August 2022 (ap-northeast-2 among them) deliver as the regional ELB account.
      {
        Sid: "ElbAccountWritesAccessLogs",
        Effect: "Allow",
        Principal: { AWS: elbAccount },
        Action: "s3:PutObject",
        Resource: logObjects,
      },
      // Newer regions deliver as this service principal.
      {
        Sid: "LogDeliveryWritesAccessLogs",
        Effect: "Allow",
        Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: logObjects,
      },
    ],
  };
  // A bucket policy is rejected while public-access settings are still being applied: order them.
  const policy = new aws.s3.BucketPolicy(
    `${name}-alb-logs-policy`,
    { bucket: bucket.id, policy: pulumi.jsonStringify(document) },
    { parent, dependsOn: [publicAccess, ownership] },
  );
  return { bucket, policy };
}
