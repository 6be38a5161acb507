// The AWS services this package uses, one import each: `import * as aws from "@pulumi/aws"` makes TypeScript
// read all 250 services (3,100 declaration files) in each build of this package and of every program that
// imports it, and Node load every service's index; one by one, only what is used is read.
export * as autoscaling from "@pulumi/aws/autoscaling";
export * as budgets from "@pulumi/aws/budgets";
export * as cfg from "@pulumi/aws/cfg";
export * as cloudtrail from "@pulumi/aws/cloudtrail";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as lambda from "@pulumi/aws/lambda";
export * as route53 from "@pulumi/aws/route53";
export * as s3 from "@pulumi/aws/s3";
export * as scheduler from "@pulumi/aws/scheduler";
export * as secretsmanager from "@pulumi/aws/secretsmanager";
export * as sns from "@pulumi/aws/sns";
export * as sqs from "@pulumi/aws/sqs";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { getPartitionOutput } from "@pulumi/aws/getPartition";
export { getRegionOutput } from "@pulumi/aws/getRegion";
