import type { NetworkRef } from "@cloudblocks/component-kit";
import type { MonitoredDatabaseArgs } from "../src";

export const network: NetworkRef = {
  vpcId: "vpc-0a1b2c3d4e5f60718",
  availabilityZones: ["ap-northeast-2a", "ap-northeast-2c"],
  publicSubnetIds: ["subnet-pub-a", "subnet-pub-c"],
  appSubnetIds: ["subnet-app-a", "subnet-app-c"],
  dataSubnetIds: ["subnet-0data00000000000a", "subnet-0data00000000000c"],
};

export const ALARM_TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:buddyverse-prod-alarms";
export const APP_SG = "sg-0app000000000000a";
export const BASTION_SG = "sg-0bastion00000000b";

/** The prod configuration the stack should pass: Multi-AZ, one replica, 7-day backups, protections, alarms. */
export const prodArgs: MonitoredDatabaseArgs = {
  network,
  allowedSecurityGroups: { app: APP_SG, bastion: BASTION_SG },
  alarmTopicArn: ALARM_TOPIC,
  instanceClass: "db.m6g.large",
  allocatedStorageGiB: 100,
  maxAllocatedStorageGiB: 500,
  multiAz: true,
  readReplicaCount: 1,
  backupRetentionDays: 7,
  deletionProtection: true,
  protect: true,
  databaseName: "django_db",
};

/** The dev configuration: small class, single AZ, no replica, 1-day backups, no deletion protection. */
export const devArgs: MonitoredDatabaseArgs = {
  network,
  allowedSecurityGroups: { app: APP_SG },
  alarmTopicArn: ALARM_TOPIC,
  instanceClass: "db.t4g.micro",
  allocatedStorageGiB: 20,
  maxAllocatedStorageGiB: 50,
  multiAz: false,
  readReplicaCount: 0,
  backupRetentionDays: 1,
  deletionProtection: false,
  skipFinalSnapshot: true,
};
