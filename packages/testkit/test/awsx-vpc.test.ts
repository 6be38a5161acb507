import * as awsx from "@pulumi/awsx";
import { expect } from "chai";
import { outputOf, setupMocks, type MockEnvironment } from "../src";

const azs = ["ap-northeast-2a", "ap-northeast-2c"];
const seedPlan = [
  { type: awsx.ec2.SubnetType.Public, name: "public", cidrBlocks: ["172.31.10.0/24", "172.31.20.0/24"] },
  { type: awsx.ec2.SubnetType.Private, name: "app", cidrBlocks: ["172.31.11.0/24", "172.31.21.0/24"] },
  { type: awsx.ec2.SubnetType.Isolated, name: "data", cidrBlocks: ["172.31.12.0/24", "172.31.22.0/24"] },
];

function build(strategy: awsx.types.enums.ec2.NatGatewayStrategy): {
  env: MockEnvironment;
  vpc: awsx.ec2.Vpc;
} {
  const env = setupMocks();
  const vpc = new awsx.ec2.Vpc("net", {
    cidrBlock: "172.31.0.0/16",
    availabilityZoneNames: azs,
    subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
    subnetSpecs: seedPlan,
    natGateways: { strategy },
  });
  return { env, vpc };
}

describe("testkit model of awsx:ec2:Vpc", () => {
  it("outputs one subnet id per spec per AZ, in AZ order", async () => {
    const { env, vpc } = build(awsx.ec2.NatGatewayStrategy.OnePerAz);
    const [publicIds, privateIds, isolatedIds] = await Promise.all([
      outputOf(vpc.publicSubnetIds),
      outputOf(vpc.privateSubnetIds),
      outputOf(vpc.isolatedSubnetIds),
    ]);
    await env.settle();
    expect([publicIds.length, privateIds.length, isolatedIds.length]).to.deep.equal([2, 2, 2]);
    const subnets = env.recorder.ofType("aws:ec2/subnet:Subnet");
    const byId = new Map(subnets.map((s) => [s.id, s]));
    expect(publicIds.map((id) => byId.get(id)!.inputs["cidrBlock"])).to.deep.equal([
      "172.31.10.0/24",
      "172.31.20.0/24",
    ]);
    expect(privateIds.map((id) => byId.get(id)!.inputs["availabilityZone"])).to.deep.equal(azs);
    expect(isolatedIds.map((id) => byId.get(id)!.name)).to.deep.equal(["net-data-1", "net-data-2"]);
    expect(
      subnets.every((s) => s.virtual && s.parent!.endsWith("awsx:ec2:Vpc$aws:ec2/vpc:Vpc::net")),
    ).to.equal(true);
  });

  it("OnePerAz: a NAT gateway in each public subnet, each app subnet routed to the NAT of its own AZ", async () => {
    const { env, vpc } = build(awsx.ec2.NatGatewayStrategy.OnePerAz);
    const privateIds = await outputOf(vpc.privateSubnetIds);
    await env.settle();
    const nats = env.recorder.ofType("aws:ec2/natGateway:NatGateway");
    expect(nats.map((n) => n.name)).to.deep.equal(["net-1", "net-2"]);
    const subnetAz = new Map(
      env.recorder.ofType("aws:ec2/subnet:Subnet").map((s) => [s.id, s.inputs["availabilityZone"]]),
    );
    const natAz = new Map(nats.map((n) => [n.id, subnetAz.get(n.inputs["subnetId"] as string)]));
    const associations = env.recorder.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation");
    for (const subnetId of privateIds) {
      const table = associations.find((a) => a.inputs["subnetId"] === subnetId)!.inputs["routeTableId"];
      const route = env.recorder
        .ofType("aws:ec2/route:Route")
        .find((r) => r.inputs["routeTableId"] === table)!;
      expect(natAz.get(route.inputs["natGatewayId"] as string)).to.equal(subnetAz.get(subnetId));
    }
  });

  it("Single: one NAT gateway shared by every app subnet", async () => {
    const { env } = build(awsx.ec2.NatGatewayStrategy.Single);
    await env.settle();
    const nats = env.recorder.ofType("aws:ec2/natGateway:NatGateway");
    expect(nats).to.have.length(1);
    const natRoutes = env.recorder.ofType("aws:ec2/route:Route").filter((r) => r.inputs["natGatewayId"]);
    expect(natRoutes.map((r) => r.inputs["natGatewayId"])).to.deep.equal([nats[0]!.id, nats[0]!.id]);
  });

  it("None: no NAT gateway and no internet route outside the public subnets", async () => {
    const { env } = build(awsx.ec2.NatGatewayStrategy.None);
    await env.settle();
    expect(env.recorder.ofType("aws:ec2/natGateway:NatGateway")).to.have.length(0);
    const routes = env.recorder.ofType("aws:ec2/route:Route");
    expect(routes.map((r) => r.name).sort()).to.deep.equal(["net-public-1", "net-public-2"]);
    expect(routes.every((r) => typeof r.inputs["gatewayId"] === "string")).to.equal(true);
  });

  it("applies the component's transforms to the children it models", async () => {
    const env = setupMocks();
    new awsx.ec2.Vpc(
      "net",
      {
        cidrBlock: "172.31.0.0/16",
        availabilityZoneNames: azs,
        subnetStrategy: "Auto",
        subnetSpecs: seedPlan,
        natGateways: { strategy: "None" },
      },
      {
        transforms: [
          (args) =>
            args.type === "aws:ec2/subnet:Subnet"
              ? { props: { ...args.props, mapPublicIpOnLaunch: false }, opts: args.opts }
              : undefined,
        ],
      },
    );
    await env.settle();
    const flags = env.recorder.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs["mapPublicIpOnLaunch"]);
    expect(flags).to.deep.equal([false, false, false, false, false, false]);
  });

  it("allocates subnets automatically from masks when no CIDR blocks are given", async () => {
    const env = setupMocks();
    const vpc = new awsx.ec2.Vpc("auto", {
      cidrBlock: "10.0.0.0/16",
      availabilityZoneNames: azs,
      subnetStrategy: "Auto",
      subnetSpecs: [
        { type: "Public", cidrMask: 24 },
        { type: "Private", cidrMask: 22 },
      ],
    });
    const [publicIds, privateIds] = await Promise.all([
      outputOf(vpc.publicSubnetIds),
      outputOf(vpc.privateSubnetIds),
    ]);
    await env.settle();
    const cidrOf = new Map(
      env.recorder.ofType("aws:ec2/subnet:Subnet").map((s) => [s.id, s.inputs["cidrBlock"]]),
    );
    expect(publicIds.map((id) => cidrOf.get(id))).to.deep.equal(["10.0.0.0/24", "10.0.128.0/24"]);
    expect(privateIds.map((id) => cidrOf.get(id))).to.deep.equal(["10.0.4.0/22", "10.0.132.0/22"]);
  });
});
