import { ec2Id, hex, publicIp } from "../ids";
import { arn } from "./arn";
import type { ModelInput, ResourceModel } from "./types";

/** An EC2 resource whose ARN is `…:ec2:<region>:<account>:<kind>/<id>`. */
function ec2Resource(
  prefix: string,
  arnKind: string,
  extra?: (m: ModelInput, id: string) => object,
): ResourceModel {
  return (m) => {
    const id = ec2Id(prefix, m.seed);
    return {
      id,
      state: {
        ...m.inputs,
        id,
        arn: arn(m, "ec2", `${arnKind}/${id}`),
        ownerId: m.account.accountId,
        ...extra?.(m, id),
      },
    };
  };
}

function privateIp(m: ModelInput): string {
  const b = Buffer.from(hex(m.seed, 4), "hex");
  return `172.31.${b[0]}.${4 + (b[1] % 250)}`;
}

export const networkModels: Record<string, ResourceModel> = {
  "aws:ec2/vpc:Vpc": ec2Resource("vpc", "vpc", (m) => ({
    defaultSecurityGroupId: ec2Id("sg", `${m.seed}:default-sg`),
    defaultRouteTableId: ec2Id("rtb", `${m.seed}:default-rtb`),
    mainRouteTableId: ec2Id("rtb", `${m.seed}:default-rtb`),
    defaultNetworkAclId: ec2Id("acl", `${m.seed}:default-acl`),
    enableDnsSupport: m.inputs["enableDnsSupport"] ?? true,
  })),
  "aws:ec2/subnet:Subnet": ec2Resource("subnet", "subnet", (m) => ({
    mapPublicIpOnLaunch: m.inputs["mapPublicIpOnLaunch"] ?? false,
  })),
  "aws:ec2/securityGroup:SecurityGroup": ec2Resource("sg", "security-group", (m) => ({
    name: m.inputs["name"] ?? `${m.name}-${hex(m.seed, 7)}`,
  })),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2Resource("sg", "security-group"),
  "aws:ec2/securityGroupRule:SecurityGroupRule": ec2Resource("sgrule", "security-group-rule"),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2Resource("sgr", "security-group-rule"),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2Resource("sgr", "security-group-rule"),
  "aws:ec2/routeTable:RouteTable": ec2Resource("rtb", "route-table"),
  "aws:ec2/route:Route": (m) => {
    const id = `r-${String(m.inputs["routeTableId"] ?? "rtb")}${hex(m.seed, 6)}`;
    return { id, state: { ...m.inputs, id, state: "active", origin: "CreateRoute" } };
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2Resource("rtbassoc", "route-table-association"),
  "aws:ec2/internetGateway:InternetGateway": ec2Resource("igw", "internet-gateway"),
  "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment": ec2Resource(
    "igw-attach",
    "internet-gateway",
  ),
  "aws:ec2/natGateway:NatGateway": ec2Resource("nat", "natgateway", (m) => ({
    privateIp: privateIp(m),
    publicIp: publicIp(m.seed),
    networkInterfaceId: ec2Id("eni", `${m.seed}:eni`),
  })),
  "aws:ec2/eip:Eip": (m) => {
    const id = ec2Id("eipalloc", m.seed);
    return {
      id,
      state: {
        ...m.inputs,
        id,
        allocationId: id,
        publicIp: publicIp(m.seed),
        domain: "vpc",
        arn: arn(m, "ec2", `elastic-ip/${id}`),
      },
    };
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": ec2Resource("vpce", "vpc-endpoint", (m) => ({
    prefixListId: ec2Id("pl", `${m.seed}:pl`).slice(0, 11),
    state: "available",
  })),
  "aws:ec2/flowLog:FlowLog": ec2Resource("fl", "vpc-flow-log"),
  "aws:ec2/networkAcl:NetworkAcl": ec2Resource("acl", "network-acl"),
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ec2Resource("acl", "network-acl"),
  "aws:ec2/networkInterface:NetworkInterface": ec2Resource("eni", "network-interface", (m) => ({
    privateIp: privateIp(m),
  })),
  "aws:ec2/instance:Instance": ec2Resource("i", "instance", (m, id) => ({
    privateIp: privateIp(m),
    privateDns: `ip-${privateIp(m).replace(/\./g, "-")}.${m.region}.compute.internal`,
    primaryNetworkInterfaceId: ec2Id("eni", `${m.seed}:eni`),
    publicIp: m.inputs["associatePublicIpAddress"] ? publicIp(m.seed) : "",
    instanceState: "running",
    availabilityZone: m.inputs["availabilityZone"] ?? `${m.region}a`,
    hostId: "",
    id,
  })),
  "aws:ec2/launchTemplate:LaunchTemplate": ec2Resource("lt", "launch-template", (m) => ({
    name: m.inputs["name"] ?? `${m.inputs["namePrefix"] ?? `${m.name}-`}${hex(m.seed, 26)}`,
    latestVersion: 1,
    defaultVersion: 1,
  })),
  "aws:ec2/keyPair:KeyPair": ec2Resource("key", "key-pair"),
};
