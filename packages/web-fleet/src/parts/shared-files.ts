import * as aws from "../aws";
import type * as pulumi from "@pulumi/pulumi";
import { azSuffix } from "@cloudblocks/component-kit";
import type { WebFleetConfig } from "../schema";
import { APP_UID } from "../app-boot";

export { APP_UID };

export interface SharedFiles {
  readonly fileSystem: aws.efs.FileSystem;
  readonly accessPoint: aws.efs.AccessPoint;
  readonly mountTargets: readonly aws.efs.MountTarget[];
}

/**
 * The POSIX identity every instance uses on the shared files, enforced by the access point whatever the local
 * user: the `app` user's (the app boot creates it with this uid and gid).
 */
export const APP_GID = APP_UID;
/** The directory of the file system the fleet sees as /mnt/efs. */
export const ACCESS_POINT_ROOT = "/web-fleet";

const iaTransition = (days: number) => (days === 1 ? "AFTER_1_DAY" : `AFTER_${days}_DAYS`);

/**
 * WEB-8: one encrypted, general-purpose file system with automatic backups (EFS.1, EFS.2), files moved to
 * Infrequent Access after 30 days and back on first access, and a mount target in the app subnet of every AZ
 * (EFS.6: private subnets only), reachable on 2049 from the app security group only.
 */
export function createSharedFiles(
  name: string,
  config: WebFleetConfig,
  efsSecurityGroupId: pulumi.Input<string>,
  parent: pulumi.Resource,
): SharedFiles {
  const opts = { parent };
  const fileSystem = new aws.efs.FileSystem(
    `${name}-efs`,
    {
      encrypted: true,
      performanceMode: "generalPurpose",
      // Elastic throughput: pay per use, no burst credits to run out of under a traffic peak.
      throughputMode: "elastic",
      lifecyclePolicies: [
        { transitionToIa: iaTransition(config.efsTransitionToIaDays) },
        { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
      ],
      tags: { Name: `${name}-shared` },
    },
    { parent, protect: config.protect },
  );
  new aws.efs.BackupPolicy(
    `${name}-efs-backup`,
    { fileSystemId: fileSystem.id, backupPolicy: { status: "ENABLED" } },
    opts,
  );

  const mountTargets = config.network.availabilityZones.map(
    (az, i) =>
      new aws.efs.MountTarget(
        `${name}-efs-mt-${azSuffix(az)}`,
        {
          fileSystemId: fileSystem.id,
          subnetId: config.network.appSubnetIds[i]!,
          securityGroups: [efsSecurityGroupId],
        },
        opts,
      ),
  );
  // WEB-8: instances mount through this access point, so every file operation is done as APP_UID:APP_GID and
  // the app can write media/ whatever uid it runs as locally; EFS creates the root directory, owned by that
  // identity, on first use.
  const accessPoint = new aws.efs.AccessPoint(
    `${name}-efs-ap`,
    {
      fileSystemId: fileSystem.id,
      posixUser: { uid: APP_UID, gid: APP_GID },
      rootDirectory: {
        path: ACCESS_POINT_ROOT,
        creationInfo: { ownerUid: APP_UID, ownerGid: APP_GID, permissions: "0755" },
      },
      tags: { Name: `${name}-shared` },
    },
    opts,
  );
  return { fileSystem, accessPoint, mountTargets };
}
