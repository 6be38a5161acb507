import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { azSuffix } from "@cloudblocks/component-kit";
import type { WebFleetConfig } from "../schema";

export interface SharedFiles {
  readonly fileSystem: aws.efs.FileSystem;
  readonly mountTargets: readonly aws.efs.MountTarget[];
}

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
  return { fileSystem, mountTargets };
}
