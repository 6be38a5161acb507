import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, type PolicyStatement } from "@cloudblocks/component-kit";

export interface HardenedBucketOptions {
  readonly parent: pulumi.Resource;
  /** `AES256` (SSE-S3) or a KMS key ARN (SSE-KMS with a bucket key). */
  readonly encryption: "AES256" | pulumi.Input<string>;
  readonly transitionToInfrequentAccessDays: number;
  readonly transitionToGlacierDays: number;
  readonly expireAfterDays: number;
  readonly forceDestroy: boolean;
  /** Pulumi `protect` on the bucket itself. @default false */
  readonly protect?: boolean;
  /** Service grants, given the bucket's ARN and the account it belongs to (for confused-deputy conditions). */
  readonly grants: (bucketArn: string, accountId: string) => PolicyStatement[];
}

export interface HardenedBucket {
  readonly bucket: aws.s3.Bucket;
  readonly policy: aws.s3.BucketPolicy;
}

/**
 * An S3 bucket for logs: versioned, every public-access flag blocked (S3.8), ACLs disabled (S3.12), TLS-only
 * (S3.5), lifecycle to cheaper storage and expiry (S3.13), default encryption.
 */
export function hardenedBucket(name: string, options: HardenedBucketOptions): HardenedBucket {
  const { parent } = options;
  const bucket = new aws.s3.Bucket(
    name,
    { forceDestroy: options.forceDestroy },
    { parent, protect: options.protect },
  );
  const publicAccess = new aws.s3.BucketPublicAccessBlock(
    name,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    { parent },
  );
  new aws.s3.BucketOwnershipControls(
    name,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    { parent },
  );
  new aws.s3.BucketVersioning(
    name,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    { parent },
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        options.encryption === "AES256"
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
          : {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: "aws:kms",
                kmsMasterKeyId: options.encryption,
              },
              bucketKeyEnabled: true,
            },
      ],
    },
    { parent },
  );
  new aws.s3.BucketLifecycleConfiguration(
    name,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "archive-then-expire",
          status: "Enabled",
          // Every object, as an explicit empty prefix: an empty `filter: {}` reads back differently and shows
          // a diff on every preview (the provider's documented "all objects" form is `filter.prefix = ""`).
          filter: { prefix: "" },
          transitions: [
            { days: options.transitionToInfrequentAccessDays, storageClass: "STANDARD_IA" },
            { days: options.transitionToGlacierDays, storageClass: "GLACIER" },
          ],
          expiration: { days: options.expireAfterDays },
          noncurrentVersionExpiration: { noncurrentDays: 30 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    { parent },
  );
  const policy = new aws.s3.BucketPolicy(
    name,
    {
      bucket: bucket.id,
      policy: pulumi
        .all([bucket.arn, aws.getCallerIdentityOutput({}, { parent }).accountId])
        .apply(([arn, accountId]) =>
          policyDocument(
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: [arn, `${arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            ...options.grants(arn, accountId),
          ),
        ),
    },
    // A policy put before the public-access block could be judged public and refused.
    { parent, dependsOn: [publicAccess] },
  );
  return { bucket, policy };
}
