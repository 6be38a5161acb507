import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { bastionUserData } from "./boot-scripts";
import { amazonLinux2023, hardenedInstanceBasics, ssmInstanceProfile } from "./ssm-instance-profile";

export interface BastionArgs {
  readonly vpcId: pulumi.Input<string>;
  /** One bastion per entry; `suffix` is undefined for the single bastion. */
  readonly hosts: readonly { readonly suffix?: string; readonly publicSubnetId: pulumi.Input<string> }[];
  readonly allowedCidrs: readonly string[];
  readonly instanceType: string;
  readonly keyName?: string;
}

/** A stable child-name key for a CIDR: `203.0.113.0/24` → `203-0-113-0-24`. */
export function cidrKey(cidr: string): string {
  return cidr.replace(/[./]/g, "-");
}

/**
 * NET-7 (seed 003): bastion hosts in public subnets (one, or one per AZ), SSH only from the given networks,
 * sharing one security group, which the database can trust (DB-4).
 */
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
  const profile = ssmInstanceProfile(`${name}-bastion`, parent);
  const userData = bastionUserData();
  for (const host of args.hosts) {
    const role = host.suffix ? `${name}-bastion-${host.suffix}` : `${name}-bastion`;
    new aws.ec2.Instance(
      role,
      {
        ami: amazonLinux2023(args.instanceType, parent),
        instanceType: args.instanceType,
        subnetId: host.publicSubnetId,
        vpcSecurityGroupIds: [securityGroup.id],
        associatePublicIpAddress: true,
        keyName: args.keyName,
        iamInstanceProfile: profile.name,
        userData,
        maintenanceOptions: { autoRecovery: "default" },
        tags: { Name: role },
        ...hardenedInstanceBasics,
      },
      { parent, ignoreChanges: ["ami"] },
    );
  }
  return securityGroup;
}
