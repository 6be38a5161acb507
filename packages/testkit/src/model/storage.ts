import { ec2Id, hex } from "../ids";
import { arn } from "./arn";
import { physicalName } from "./physical-name";
import type { ResourceModel } from "./types";

const bucket: ResourceModel = (m) => {
  const name = physicalName(m, 63);
  return {
    id: name,
    state: {
      ...m.inputs,
      id: name,
      bucket: name,
      arn: `arn:${m.account.partition}:s3:::${name}`,
      bucketDomainName: `${name}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${name}.s3.${m.region}.amazonaws.com`,
      region: m.region,
      hostedZoneId: "Z3W03O7B5YMIYP",
    },
  };
};

/** S3 bucket sub-resources are identified by their bucket. */
const bucketPart: ResourceModel = (m) => {
  const id = String(m.inputs["bucket"] ?? m.name);
  return { id, state: { ...m.inputs, id } };
};

export const storageModels: Record<string, ResourceModel> = {
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:s3/bucketPolicy:BucketPolicy": bucketPart,
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucketPart,
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": bucketPart,
  "aws:s3/bucketVersioning:BucketVersioning": bucketPart,
  "aws:s3/bucketVersioningV2:BucketVersioningV2": bucketPart,
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": bucketPart,
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2": bucketPart,
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucketPart,
  "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2": bucketPart,
  "aws:s3/bucketLogging:BucketLogging": bucketPart,
  "aws:s3/bucketLoggingV2:BucketLoggingV2": bucketPart,
  "aws:efs/fileSystem:FileSystem": (m) => {
    const id = ec2Id("fs", m.seed);
    return {
      id,
      state: {
        ...m.inputs,
        id,
        arn: arn(m, "elasticfilesystem", `file-system/${id}`),
        dnsName: `${id}.efs.${m.region}.amazonaws.com`,
        ownerId: m.account.accountId,
      },
    };
  },
  "aws:efs/mountTarget:MountTarget": (m) => {
    const id = ec2Id("fsmt", m.seed);
    const b = Buffer.from(hex(m.seed, 4), "hex");
    return {
      id,
      state: {
        ...m.inputs,
        id,
        ipAddress: `172.31.${b[0]}.${4 + (b[1] % 250)}`,
        networkInterfaceId: ec2Id("eni", `${m.seed}:eni`),
        dnsName: `${String(m.inputs["fileSystemId"])}.efs.${m.region}.amazonaws.com`,
      },
    };
  },
  "aws:efs/backupPolicy:BackupPolicy": (m) => ({
    id: String(m.inputs["fileSystemId"] ?? m.name),
    state: { ...m.inputs },
  }),
  "aws:efs/fileSystemPolicy:FileSystemPolicy": (m) => ({
    id: String(m.inputs["fileSystemId"] ?? m.name),
    state: { ...m.inputs },
  }),
  "aws:efs/accessPoint:AccessPoint": (m) => {
    const id = ec2Id("fsap", m.seed);
    return { id, state: { ...m.inputs, id, arn: arn(m, "elasticfilesystem", `access-point/${id}`) } };
  },
};
