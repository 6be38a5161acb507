// The AWS services these tests use, one import each (see ../src/aws.ts for why not `@pulumi/aws` whole).
export * as acm from "@pulumi/aws/acm";
export * as autoscaling from "@pulumi/aws/autoscaling";
export * as cfg from "@pulumi/aws/cfg";
export * as cloudtrail from "@pulumi/aws/cloudtrail";
export * as cloudwatch from "@pulumi/aws/cloudwatch";
export * as ec2 from "@pulumi/aws/ec2";
export * as efs from "@pulumi/aws/efs";
export * as iam from "@pulumi/aws/iam";
export * as kms from "@pulumi/aws/kms";
export * as lambda from "@pulumi/aws/lambda";
export * as lb from "@pulumi/aws/lb";
export * as rds from "@pulumi/aws/rds";
export * as s3 from "@pulumi/aws/s3";
export * as sns from "@pulumi/aws/sns";
export * as sqs from "@pulumi/aws/sqs";
export * as vpc from "@pulumi/aws/vpc";
export { Provider } from "@pulumi/aws/provider";
