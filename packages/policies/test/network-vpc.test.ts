import * as aws from "./aws";
import { expect } from "chai";
import {
  defaultSecurityGroupClosed,
  isolatedDataSubnets,
  natPerAz,
  noAutoAssignedPublicIps,
  vpcFlowLogs,
} from "../src/rules/network-vpc";
import type { CloudblocksPolicy } from "../src/types";
import { check } from "./harness";

/** A subnet in `az` of `tier`, with its own route table and a default route to `target` (if any). */
function tieredSubnet(
  name: string,
  vpc: aws.ec2.Vpc,
  az: string,
  tier: string,
  target?: { natGatewayId?: aws.ec2.NatGateway; gatewayId?: aws.ec2.InternetGateway },
) {
  const subnet = new aws.ec2.Subnet(name, {
    vpcId: vpc.id,
    availabilityZone: az,
    cidrBlock: "10.0.0.0/24",
    tags: { Tier: tier },
  });
  const table = new aws.ec2.RouteTable(name, { vpcId: vpc.id });
  new aws.ec2.RouteTableAssociation(name, { routeTableId: table.id, subnetId: subnet.id });
  if (target) {
    new aws.ec2.Route(name, {
      routeTableId: table.id,
      destinationCidrBlock: "0.0.0.0/0",
      natGatewayId: target.natGatewayId?.id,
      gatewayId: target.gatewayId?.id,
    });
  }
  return subnet;
}

/** A NAT gateway in the public subnet of AZ `ap-northeast-2<az>`. */
function natGatewayIn(vpc: aws.ec2.Vpc, az: "a" | "c"): aws.ec2.NatGateway {
  const cidr = az === "a" ? "10.0.1.0/24" : "10.0.2.0/24";
  const subnet = new aws.ec2.Subnet(`public-${az}`, {
    vpcId: vpc.id,
    availabilityZone: `ap-northeast-2${az}`,
    cidrBlock: cidr,
  });
  return new aws.ec2.NatGateway(`nat-${az}`, { subnetId: subnet.id });
}

describe("policy default-security-group-closed (EC2.2)", () => {
  it("passes a VPC whose default group is managed and empty", async () => {
    const report = await check(defaultSecurityGroupClosed, () => {
      const vpc = new aws.ec2.Vpc("v", {});
      new aws.ec2.DefaultSecurityGroup("v-default", { vpcId: vpc.id, ingress: [], egress: [] });
    });
    expect(report.violations).to.deep.equal([]);
  });

  it("flags a default group with rules, and a VPC whose default group is not managed", async () => {
    const report = await check(defaultSecurityGroupClosed, () => {
      const vpc = new aws.ec2.Vpc("v", {});
      new aws.ec2.DefaultSecurityGroup("v-default", {
        vpcId: vpc.id,
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
      });
      new aws.ec2.Vpc("unmanaged", {});
    });
    expect(report.violations.map((v) => v.message)).to.have.members([
      'default security group "v-default" holds 1 rule(s); it must hold none.',
      'VPC "unmanaged" leaves its default security group unmanaged (and open inside the VPC).',
    ]);
  });
});

describe("policy vpc-flow-logs (EC2.6)", () => {
  it("passes a VPC with a flow log of ALL traffic and flags one that logs only rejects", async () => {
    const report = await check(vpcFlowLogs, () => {
      const good = new aws.ec2.Vpc("good", {});
      new aws.ec2.FlowLog("good", {
        vpcId: good.id,
        trafficType: "ALL",
        logDestination: "arn:aws:logs:ap-northeast-2:123456789012:log-group:x",
      });
      const partial = new aws.ec2.Vpc("partial", {});
      new aws.ec2.FlowLog("partial", {
        vpcId: partial.id,
        trafficType: "REJECT",
        logDestination: "arn:aws:logs:ap-northeast-2:123456789012:log-group:y",
      });
    });
    expect(report.violations.map((v) => v.message)).to.deep.equal([
      'VPC "partial" has no flow log of ALL traffic.',
    ]);
  });
});

describe("policy subnet-no-auto-public-ip (EC2.15)", () => {
  it("flags only the subnet that maps public IPs on launch", async () => {
    const report = await check(noAutoAssignedPublicIps, () => {
      new aws.ec2.Subnet("quiet", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false });
      new aws.ec2.Subnet("loud", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24", mapPublicIpOnLaunch: true });
    });
    expect(report.violations.map((v) => v.message)).to.deep.equal([
      'subnet "loud" assigns public IPs on launch (mapPublicIpOnLaunch is true).',
    ]);
  });
});

/** Runs both NET-4 policies together. */
const net4: CloudblocksPolicy = {
  name: "net-4",
  description: "both NET-4 policies",
  enforcementLevel: "mandatory",
  validateStack: async (args, report) => {
    await natPerAz.validateStack(args, report);
    await isolatedDataSubnets.validateStack(args, report);
  },
};

describe("policies nat-per-az and data-subnets-isolated (NET-4)", () => {
  it("passes app subnets that leave through the NAT of their own AZ and data subnets without internet routes", async () => {
    const report = await check(net4, () => {
      const vpc = new aws.ec2.Vpc("v", {});
      const natA = natGatewayIn(vpc, "a");
      const natC = natGatewayIn(vpc, "c");
      tieredSubnet("app-a", vpc, "ap-northeast-2a", "app", { natGatewayId: natA });
      tieredSubnet("app-c", vpc, "ap-northeast-2c", "app", { natGatewayId: natC });
      tieredSubnet("data-a", vpc, "ap-northeast-2a", "data");
    });
    expect(report.violations).to.deep.equal([]);
  });

  it("flags an app subnet using another AZ's NAT and a data subnet with an internet route", async () => {
    const report = await check(net4, () => {
      const vpc = new aws.ec2.Vpc("v", {});
      const natA = natGatewayIn(vpc, "a");
      const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
      tieredSubnet("app-c", vpc, "ap-northeast-2c", "app", { natGatewayId: natA });
      tieredSubnet("data-a", vpc, "ap-northeast-2a", "data", { gatewayId: igw });
    });
    expect(report.violations.map((v) => v.message)).to.have.members([
      'app subnet "app-c" (ap-northeast-2c) sends its internet traffic through ap-northeast-2a; losing that AZ cuts its egress.',
      'data subnet "data-a" has a route to the internet.',
    ]);
  });
});
