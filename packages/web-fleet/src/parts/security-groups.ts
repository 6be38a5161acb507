import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { WebFleetConfig } from "../schema";

export interface FleetSecurityGroups {
  /** The ALB's group: this fleet's own, or the joined listener's. */
  readonly albSecurityGroupId: pulumi.Output<string>;
  readonly appSecurityGroupId: pulumi.Output<string>;
  /** Undefined when the fleet has no shared file system. */
  readonly efsSecurityGroupId?: pulumi.Output<string>;
}

const WORLD = "0.0.0.0/0";

/**
 * The security group chain (WEB-5): internet → ALB (80/443 only) → app (instance ports only from the ALB
 * group, SSH only from the bastion group) → EFS (2049 only from the app group). Rules are separate resources
 * so groups can reference each other without a cycle; a group created without inline rules has AWS's default
 * allow-all egress removed by the provider, so only the rules below exist.
 */
export function createSecurityGroups(
  name: string,
  config: WebFleetConfig,
  parent: pulumi.Resource,
  httpsEnabled: boolean,
): FleetSecurityGroups {
  const opts = { parent };
  const vpcId = config.network.vpcId;
  const instancePorts = [...new Set([80, ...Object.values(config.pathRoutes).map((r) => r.port)])].sort(
    (a, b) => a - b,
  );

  let albSecurityGroupId: pulumi.Output<string>;
  if (config.existingListener) {
    albSecurityGroupId = pulumi.output(config.existingListener.albSecurityGroupId);
  } else {
    const albSg = new aws.ec2.SecurityGroup(
      `${name}-alb-sg`,
      {
        vpcId,
        description: `WebFleet ${name} load balancer: HTTP/HTTPS from the internet`,
        tags: { Name: `${name}-alb` },
      },
      opts,
    );
    albSecurityGroupId = albSg.id;
    // Only the ports a listener uses are open; 443 exists only when there is a certificate.
    for (const port of httpsEnabled ? [80, 443] : [80]) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-alb-in-${port}`,
        {
          securityGroupId: albSg.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          cidrIpv4: WORLD,
          description: `${port === 443 ? "HTTPS" : "HTTP"} from the internet`,
        },
        opts,
      );
    }
  }

  const appSg = new aws.ec2.SecurityGroup(
    `${name}-app-sg`,
    {
      vpcId,
      description: `WebFleet ${name} instances: HTTP only from the load balancer`,
      tags: { Name: `${name}-app` },
    },
    opts,
  );

  for (const port of instancePorts) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-app-in-${port}`,
      {
        securityGroupId: appSg.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: albSecurityGroupId,
        description: "HTTP from the load balancer",
      },
      opts,
    );
    // The ALB's egress is per target: a fleet that joins another fleet's ALB opens the way to itself only.
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-alb-out-${port}`,
      {
        securityGroupId: albSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: appSg.id,
        description: `HTTP to the ${name} instances`,
      },
      opts,
    );
  }
  if (config.bastionSecurityGroupId !== undefined) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-app-in-ssh`,
      {
        securityGroupId: appSg.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        referencedSecurityGroupId: config.bastionSecurityGroupId,
        description: "SSH from the bastion",
      },
      opts,
    );
  }
  // Instances reach package repositories, Systems Manager, CloudWatch and the app's own backends (database,
  // caches) whose groups restrict who may connect; egress is open so the app needs no change here.
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-app-out-all`,
    {
      securityGroupId: appSg.id,
      ipProtocol: "-1",
      cidrIpv4: WORLD,
      description: "Outbound through NAT (repositories, AWS APIs, app backends)",
    },
    opts,
  );

  let efsSecurityGroupId: pulumi.Output<string> | undefined;
  if (config.sharedFileSystem) {
    const efsSg = new aws.ec2.SecurityGroup(
      `${name}-efs-sg`,
      {
        vpcId,
        description: `WebFleet ${name} shared files: NFS only from the instances`,
        tags: { Name: `${name}-efs` },
      },
      opts,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-efs-in-nfs`,
      {
        securityGroupId: efsSg.id,
        ipProtocol: "tcp",
        fromPort: 2049,
        toPort: 2049,
        referencedSecurityGroupId: appSg.id,
        description: "NFS from the instances",
      },
      opts,
    );
    efsSecurityGroupId = efsSg.id;
  }

  return { albSecurityGroupId, appSecurityGroupId: appSg.id, efsSecurityGroupId };
}
