import * as aws from "./aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import {
  ArgsValidationError,
  azSuffix,
  regionOfAz,
  withCostAllocationTag,
  type NetworkRef,
} from "@cloudblocks/component-kit";
import type { HaVpcArgs, NatMode, ValidHaVpcArgs } from "./args";
import { validateHaVpcArgs } from "./validate";
import { createBastion } from "./bastion";
import { createFlowLogs } from "./flow-logs";
import { createNatInstances } from "./nat-instance";

const natStrategy: Record<NatMode, awsx.types.enums.ec2.NatGatewayStrategy> = {
  perAz: "OnePerAz",
  single: "Single",
  instance: "None",
  instancePerAz: "None",
  none: "None",
};

/** EC2.15: awsx turns on public-IP auto-assignment in public subnets; nothing here needs it, so it is turned off. */
const noAutoAssignedPublicIps: pulumi.ResourceTransform = (args) =>
  args.type === "aws:ec2/subnet:Subnet"
    ? { props: { ...args.props, mapPublicIpOnLaunch: false }, opts: args.opts }
    : undefined;

function awsProviderOf(
  component: pulumi.ComponentResource,
): Record<string, pulumi.ProviderResource> | undefined {
  const provider = component.getProvider("aws:ec2/vpc:Vpc");
  return provider ? { aws: provider } : undefined;
}

function subnetSpecs(args: ValidHaVpcArgs): awsx.types.input.ec2.SubnetSpecArgs[] {
  const tiers = [
    { type: "Public", name: "public", key: "public" },
    { type: "Private", name: "app", key: "app" },
    { type: "Isolated", name: "data", key: "data" },
  ] as const;
  return tiers.map(({ type, name, key }) =>
    args.subnetCidrs
      ? { type, name, cidrBlocks: [...args.subnetCidrs[key]], tags: { Tier: name } }
      : { type, name, cidrMask: args.subnetMasks[key], tags: { Tier: name } },
  );
}

/**
 * A highly available three-tier VPC (NET-1 … NET-8): public, app (egress through NAT) and data (no internet)
 * subnets in every AZ, on `awsx.ec2.Vpc`, plus what awsx lacks: flow logs, a locked default security group,
 * a NAT-instance mode for cheap environments, an S3 gateway endpoint, an optional bastion, and per-AZ outputs.
 * Satisfies `NetworkRef`, so WebFleet and MonitoredDatabase take it as is.
 */
export class HaVpc extends pulumi.ComponentResource implements NetworkRef {
  readonly vpcId: pulumi.Output<string>;
  readonly cidrBlock: pulumi.Output<string>;
  readonly availabilityZones: string[];
  /** Per AZ, index-aligned with `availabilityZones`. */
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly appSubnetIds: pulumi.Output<string>[];
  readonly dataSubnetIds: pulumi.Output<string>[];
  readonly appRouteTableIds: pulumi.Output<string>[];
  readonly dataRouteTableIds: pulumi.Output<string>[];
  readonly natMode: pulumi.Output<string>;
  readonly flowLogGroupName: pulumi.Output<string>;
  /** Present only with a bastion: give it to WebFleet and MonitoredDatabase as a trusted SSH/MySQL source. */
  readonly bastionSecurityGroupId?: pulumi.Output<string>;
  /** The (first) NAT instance, with `natMode: "instance"` or `"instancePerAz"`. */
  readonly natInstanceId?: pulumi.Output<string>;
  /** Every NAT instance, index-aligned with `availabilityZones` in `instancePerAz` mode. */
  readonly natInstanceIds?: pulumi.Output<string>[];

  constructor(name: string, args: HaVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything exists: a bad argument must not leave half a network behind (ALL-1).
    const valid = validateHaVpcArgs(name, args);
    super("cloudblocks:index:HaVpc", name, {}, withCostAllocationTag(name, opts));
    const azs = valid.availabilityZones;

    const vpc = new awsx.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: valid.cidrBlock,
        availabilityZoneNames: [...azs],
        enableDnsHostnames: true,
        enableDnsSupport: true,
        subnetStrategy: "Auto",
        subnetSpecs: subnetSpecs(valid),
        natGateways: { strategy: natStrategy[valid.natMode] },
      },
      // The SDK does not hand a parent's providers down to a remote component: pass ours explicitly, or awsx
      // would build the VPC with the default provider (another region or account, and no default tags).
      { parent: this, transforms: [noAutoAssignedPublicIps], providers: awsProviderOf(this) },
    );

    // The AZs must belong to the provider's region; only the provider knows it, so this is checked at preview.
    const region = aws.getRegionOutput({}, { parent: this }).region.apply((providerRegion) => {
      if (regionOfAz(azs[0]!) !== providerRegion) {
        throw new ArgsValidationError("HaVpc", [
          `args.availabilityZones: got ${JSON.stringify(azs)}; allowed: AZs of the provider's region ${providerRegion}`,
        ]);
      }
      return providerRegion;
    });
    this.vpcId = pulumi.all([vpc.vpcId, region]).apply(([id]) => id);
    this.cidrBlock = pulumi.output(valid.cidrBlock);
    this.availabilityZones = azs;
    const perAz = (ids: pulumi.Output<string[]>) => azs.map((_, i) => ids.apply((list) => list[i]!));
    this.publicSubnetIds = perAz(vpc.publicSubnetIds);
    this.appSubnetIds = perAz(vpc.privateSubnetIds);
    this.dataSubnetIds = perAz(vpc.isolatedSubnetIds);
    // awsx creates the route tables out of process; waiting for the whole component means the associations exist.
    const routeTableOf = (subnetId: pulumi.Output<string>) =>
      aws.ec2.getRouteTableOutput({ subnetId }, { parent: this, dependsOn: [vpc] }).routeTableId;
    this.appRouteTableIds = this.appSubnetIds.map(routeTableOf);
    this.dataRouteTableIds = this.dataSubnetIds.map(routeTableOf);
    this.natMode = pulumi.output(valid.natMode);

    // EC2.2 / NET-6: adopt the default security group and strip every rule from it.
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: this.vpcId, ingress: [], egress: [] },
      { parent: this },
    );

    this.flowLogGroupName = createFlowLogs(name, { vpcId: this.vpcId, ...valid.flowLogs }, this).name;

    if (valid.s3GatewayEndpoint) {
      new aws.ec2.VpcEndpoint(
        `${name}-s3-endpoint`,
        {
          vpcId: this.vpcId,
          serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
          vpcEndpointType: "Gateway",
          routeTableIds: [...this.appRouteTableIds, ...this.dataRouteTableIds],
        },
        { parent: this },
      );
    }

    if (valid.natMode === "instance" || valid.natMode === "instancePerAz") {
      const appRouteTable = (i: number) => ({
        availabilityZone: azs[i]!,
        routeTableId: this.appRouteTableIds[i]!,
      });
      const nats = createNatInstances(
        name,
        {
          vpcId: this.vpcId,
          vpcCidr: valid.cidrBlock,
          instanceType: valid.natInstance?.instanceType ?? "t4g.nano",
          // instance: one NAT in the first AZ for every app subnet; instancePerAz: each AZ its own.
          instances:
            valid.natMode === "instance"
              ? [
                  {
                    availabilityZone: azs[0]!,
                    publicSubnetId: this.publicSubnetIds[0]!,
                    appRouteTables: azs.map((_, i) => appRouteTable(i)),
                  },
                ]
              : azs.map((az, i) => ({
                  suffix: azSuffix(az),
                  availabilityZone: az,
                  publicSubnetId: this.publicSubnetIds[i]!,
                  appRouteTables: [appRouteTable(i)],
                })),
          alarmTopicArn: valid.alarmTopicArn,
          region,
        },
        this,
      );
      this.natInstanceIds = nats.map((n) => n.id);
      this.natInstanceId = this.natInstanceIds[0];
    }

    if (valid.bastion) {
      const { perAz, ...bastion } = valid.bastion;
      this.bastionSecurityGroupId = createBastion(
        name,
        {
          vpcId: this.vpcId,
          hosts: perAz
            ? azs.map((az, i) => ({ suffix: azSuffix(az), publicSubnetId: this.publicSubnetIds[i]! }))
            : [{ publicSubnetId: this.publicSubnetIds[0]! }],
          ...bastion,
        },
        this,
      ).id;
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      cidrBlock: this.cidrBlock,
      availabilityZones: this.availabilityZones,
      publicSubnetIds: this.publicSubnetIds,
      appSubnetIds: this.appSubnetIds,
      dataSubnetIds: this.dataSubnetIds,
      natMode: this.natMode,
      flowLogGroupName: this.flowLogGroupName,
      bastionSecurityGroupId: this.bastionSecurityGroupId,
    });
  }

  /** Per-AZ subnet ids keyed by AZ suffix (`{ a: "subnet-…", c: "subnet-…" }`), handy for stack outputs. */
  subnetsByAz(tier: "public" | "app" | "data"): Record<string, pulumi.Output<string>> {
    const ids = { public: this.publicSubnetIds, app: this.appSubnetIds, data: this.dataSubnetIds }[tier];
    return Object.fromEntries(this.availabilityZones.map((az, i) => [azSuffix(az), ids[i]!]));
  }
}
