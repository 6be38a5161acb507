import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { amazonLinux2023, hardenedInstanceBasics, ssmInstanceProfile } from "./ssm-instance-profile";

export interface BastionArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly publicSubnetId: pulumi.Input<string>;
  readonly allowedCidrs: readonly string[];
  readonly instanceType: string;
  readonly keyName?: string;
}

/** A stable child-name key for a CIDR: `203.0.113.0/24` → `203-0-113-0-24`. */
export function cidrKey(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/** NET-7 (seed 003): a bastion host in a public subnet, SSH only from the given networks. */
export function createBastion(
  name: string,
  args: BastionArgs,
  parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
  const securityGroup = new aws.ec2.SecurityGroup(
    `${name}-bastion-sg`,
    { vpcId: args.vpcId, description: "Bastion host: SSH from allowed networks only" },
    { parent },
  );
  for (const cidr of args.allowedCidrs) {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-bastion-ssh-${cidrKey(cidr)}`,
      {
        securityGroupId: securityGroup.id,
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: cidr,
        description: `SSH from ${cidr}`,
      },
      { parent },
    );
  }
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-bastion-egress`,
    {
      securityGroupId: securityGroup.id,
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
      description: "updates, SSM and onward SSH",
    },
    { parent },
  );
  new aws.ec2.Instance(
    `${name}-bastion`,
    {
      ami: amazonLinux2023(args.instanceType, parent),
      instanceType: args.instanceType,
      subnetId: args.publicSubnetId,
      vpcSecurityGroupIds: [securityGroup.id],
      associatePublicIpAddress: true,
      keyName: args.keyName,
      iamInstanceProfile: ssmInstanceProfile(`${name}-bastion`, parent).name,
      ...hardenedInstanceBasics,
    },
    { parent, ignoreChanges: ["ami"] },
  );
  return securityGroup;
}
