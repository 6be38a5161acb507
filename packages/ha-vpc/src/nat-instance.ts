import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { azSuffix } from "@cloudblocks/component-kit";
import { amazonLinux2023, hardenedInstanceBasics, ssmInstanceProfile } from "./ssm-instance-profile";

export interface NatInstanceArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  readonly instanceType: string;
  /** The public subnet (and its AZ) the instance lives in. */
  readonly publicSubnetId: pulumi.Input<string>;
  readonly availabilityZone: string;
  /** App route tables by AZ: each gets its default route through the instance. */
  readonly appRouteTables: readonly {
    readonly availabilityZone: string;
    readonly routeTableId: pulumi.Input<string>;
  }[];
}

/**
 * Turns Amazon Linux 2023 into a NAT: forwarding on, masquerade out of the default interface, persisted so a
 * reboot keeps it (the procedure of the VPC user guide's "NAT instances" chapter).
 */
export const natUserData = `#!/bin/bash
set -euo pipefail
dnf install -y iptables-services
systemctl enable --now iptables
echo "net.ipv4.ip_forward = 1" > /etc/sysctl.d/90-nat.conf
sysctl -p /etc/sysctl.d/90-nat.conf
iface=$(ip route show default | awk '{print $5; exit}')
iptables -t nat -A POSTROUTING -o "$iface" -j MASQUERADE
iptables -F FORWARD
service iptables save
`;

/**
 * The cheap egress of seed 003 ("NAT instance to save cost"): one small instance in a public subnet, source/dest
 * check off, its own security group (all traffic from the VPC in, anything out), reachable by Session Manager.
 */
export function createNatInstance(
  name: string,
  args: NatInstanceArgs,
  parent: pulumi.Resource,
): aws.ec2.Instance {
  const securityGroup = new aws.ec2.SecurityGroup(
    `${name}-nat-sg`,
    { vpcId: args.vpcId, description: "NAT instance: forwards traffic from the VPC to the internet" },
    { parent },
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-nat-from-vpc`,
    {
      securityGroupId: securityGroup.id,
      ipProtocol: "-1",
      cidrIpv4: args.vpcCidr,
      description: "everything the VPC sends out",
    },
    { parent },
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-nat-to-internet`,
    {
      securityGroupId: securityGroup.id,
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
      description: "forwarded egress",
    },
    { parent },
  );
  const instance = new aws.ec2.Instance(
    `${name}-nat`,
    {
      ami: amazonLinux2023(args.instanceType, parent),
      instanceType: args.instanceType,
      subnetId: args.publicSubnetId,
      availabilityZone: args.availabilityZone,
      vpcSecurityGroupIds: [securityGroup.id],
      associatePublicIpAddress: true,
      sourceDestCheck: false,
      iamInstanceProfile: ssmInstanceProfile(`${name}-nat`, parent).name,
      userData: natUserData,
      ...hardenedInstanceBasics,
    },
    // A newer AMI must not silently replace the only NAT of the environment: roll it on purpose.
    { parent, ignoreChanges: ["ami"] },
  );
  for (const table of args.appRouteTables) {
    new aws.ec2.Route(
      `${name}-app-nat-${azSuffix(table.availabilityZone)}`,
      {
        routeTableId: table.routeTableId,
        destinationCidrBlock: "0.0.0.0/0",
        networkInterfaceId: instance.primaryNetworkInterfaceId,
      },
      { parent },
    );
  }
  return instance;
}
