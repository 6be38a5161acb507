// The AWS services this package uses, one import each: `import * as aws from "@pulumi/aws"` makes TypeScript
// read all 250 services (3,100 declaration files) in each build of this package and of every program that
// imports it, and Node load every service's index; one by one, only what is used is read.
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as iam from "@pulumi/aws/iam";
export * as ssm from "@pulumi/aws/ssm";
export * as vpc from "@pulumi/aws/vpc";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { getPartitionOutput } from "@pulumi/aws/getPartition";
export { getRegionOutput } from "@pulumi/aws/getRegion";
