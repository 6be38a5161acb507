// The AWS services this package uses, one import each: `import * as aws from "@pulumi/aws"` makes TypeScript
// read all 250 services (3,100 declaration files) in each build of this package and of every program that
// imports it, and Node load every service's index; one by one, only what is used is read.
export * as acm from "@pulumi/aws/acm";
export * as autoscaling from "@pulumi/aws/autoscaling";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as efs from "@pulumi/aws/efs";
export * as elb from "@pulumi/aws/elb";
export * as iam from "@pulumi/aws/iam";
export * as lb from "@pulumi/aws/lb";
export * as route53 from "@pulumi/aws/route53";
export * as s3 from "@pulumi/aws/s3";
export * as ssm from "@pulumi/aws/ssm";
export * as vpc from "@pulumi/aws/vpc";
export { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
export { getDefaultTagsOutput } from "@pulumi/aws/getDefaultTags";
export { getPartitionOutput } from "@pulumi/aws/getPartition";
export { getRegionOutput } from "@pulumi/aws/getRegion";
