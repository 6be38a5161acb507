import type * as pulumi from "@pulumi/pulumi";
import { ec2Id } from "../ids";
import { blockSize, formatCidr, parseCidr, type Ipv4Block } from "@cloudblocks/component-kit";
import type { Props } from "./types";

/** One resource awsx would create inside its out-of-process `awsx:ec2:Vpc` component. */
export interface VirtualChild {
  readonly type: string;
  readonly name: string;
  /** Name of the virtual child this one is parented to, or undefined for the component itself. */
  readonly parentName?: string;
  readonly parentType?: string;
  readonly inputs: Props;
  readonly id: string;
}

export interface AwsxVpcModel {
  readonly state: Props;
  readonly children: VirtualChild[];
}

type SubnetType = "Public" | "Private" | "Isolated" | "Unused";

interface SubnetSpecInput {
  type: SubnetType;
  name?: string;
  cidrMask?: number;
  cidrBlocks?: string[];
  tags?: Record<string, string>;
}

interface PlannedSubnet {
  spec: SubnetSpecInput;
  az: string;
  azIndex: number;
  name: string;
  cidrBlock: string;
}

const typeOrder: Record<SubnetType, number> = { Public: 0, Private: 1, Isolated: 2, Unused: 3 };

function specsOf(inputs: Props): SubnetSpecInput[] {
  const given = inputs["subnetSpecs"];
  if (Array.isArray(given) && given.length > 0) return given as SubnetSpecInput[];
  return [{ type: "Private" }, { type: "Public" }];
}

/**
 * Approximates awsx's "Auto" allocator: the VPC is split into one block per AZ, and each AZ block is filled
 * in spec order with aligned subnets of the spec's mask. Explicit `cidrBlocks` (one per AZ) win, as in awsx.
 */
function planSubnets(
  vpcName: string,
  vpcCidr: string,
  azs: string[],
  specs: SubnetSpecInput[],
): PlannedSubnet[] {
  const vpc = parseCidr(vpcCidr) ?? { base: 0, mask: 16 };
  const azMask = vpc.mask + Math.ceil(Math.log2(Math.max(azs.length, 1)));
  const defaultMask = azMask + Math.ceil(Math.log2(Math.max(specs.length, 1)));
  const planned: PlannedSubnet[] = [];
  azs.forEach((az, azIndex) => {
    const azBlock: Ipv4Block = { base: vpc.base + azIndex * blockSize(azMask), mask: azMask };
    let cursor = azBlock.base;
    for (const spec of specs) {
      const mask = spec.cidrMask ?? defaultMask;
      const size = blockSize(mask);
      cursor = Math.ceil(cursor / size) * size;
      const auto = formatCidr({ base: cursor, mask });
      cursor += size;
      if (spec.type === "Unused") continue;
      const cidrBlock = spec.cidrBlocks?.[azIndex] ?? auto;
      const specName = spec.name ?? spec.type.toLowerCase();
      planned.push({ spec, az, azIndex, name: `${vpcName}-${specName}-${azIndex + 1}`, cidrBlock });
    }
  });
  return planned;
}

type Transform = pulumi.ResourceTransform;

async function applyTransforms(child: VirtualChild, transforms: readonly Transform[]): Promise<VirtualChild> {
  let props = child.inputs;
  for (const transform of transforms) {
    const result = await transform({ custom: true, type: child.type, name: child.name, props, opts: {} });
    if (result) props = result.props as Props;
  }
  return { ...child, inputs: props };
}

/**
 * What `awsx.ec2.Vpc` would create and output for the given inputs: the same child types, names, parents,
 * NAT placement per strategy and routes as awsx's own implementation, with ids the resource models would give.
 * Transforms passed to the component are applied to the children, as the engine does for remote components.
 */
export async function modelAwsxVpc(
  name: string,
  inputs: Props,
  transforms: readonly Transform[] = [],
): Promise<AwsxVpcModel> {
  const azs = (inputs["availabilityZoneNames"] as string[] | undefined) ?? [];
  const cidr = String(inputs["cidrBlock"] ?? "10.0.0.0/16");
  const strategy = String((inputs["natGateways"] as Props | undefined)?.["strategy"] ?? "OnePerAz");
  const tags = (inputs["tags"] as Record<string, string> | undefined) ?? {};
  const sharedTags = { Name: name, ...tags };
  const seed = (childName: string, type: string) => `${type}::${childName}`;
  const vpcType = "aws:ec2/vpc:Vpc";
  const vpcId = ec2Id("vpc", seed(name, vpcType));
  const igwId = ec2Id("igw", seed(name, "igw"));

  const children: VirtualChild[] = [
    {
      type: vpcType,
      name,
      inputs: {
        cidrBlock: cidr,
        enableDnsHostnames: inputs["enableDnsHostnames"],
        enableDnsSupport: inputs["enableDnsSupport"],
        tags: sharedTags,
      },
      id: vpcId,
    },
    {
      type: "aws:ec2/internetGateway:InternetGateway",
      name,
      parentName: name,
      parentType: vpcType,
      inputs: { vpcId, tags: sharedTags },
      id: igwId,
    },
  ];
  const ids: Record<"Public" | "Private" | "Isolated", string[]> = { Public: [], Private: [], Isolated: [] };
  const natIds: string[] = [];
  const subnets = planSubnets(name, cidr, azs, specsOf(inputs)).sort(
    (a, b) => a.azIndex - b.azIndex || typeOrder[a.spec.type] - typeOrder[b.spec.type],
  );

  for (const subnet of subnets) {
    const type = subnet.spec.type as "Public" | "Private" | "Isolated";
    const subnetId = ec2Id("subnet", seed(subnet.name, "subnet"));
    const routeTableId = ec2Id("rtb", `route-table-of:${subnetId}`);
    ids[type].push(subnetId);
    const subnetType = "aws:ec2/subnet:Subnet";
    const rtType = "aws:ec2/routeTable:RouteTable";
    children.push(
      {
        type: subnetType,
        name: subnet.name,
        parentName: name,
        parentType: vpcType,
        id: subnetId,
        inputs: {
          vpcId,
          availabilityZone: subnet.az,
          mapPublicIpOnLaunch: type === "Public",
          cidrBlock: subnet.cidrBlock,
          tags: { ...sharedTags, ...subnet.spec.tags, Name: subnet.name, SubnetType: type },
        },
      },
      {
        type: rtType,
        name: subnet.name,
        parentName: subnet.name,
        parentType: subnetType,
        id: routeTableId,
        inputs: { vpcId, tags: { ...sharedTags, Name: subnet.name, SubnetType: type } },
      },
      {
        type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
        name: subnet.name,
        parentName: subnet.name,
        parentType: rtType,
        id: ec2Id("rtbassoc", seed(subnet.name, "assoc")),
        inputs: { routeTableId, subnetId },
      },
    );
    const wantsNat =
      strategy === "OnePerAz"
        ? natIds.length < subnet.azIndex + 1
        : strategy === "Single" && natIds.length < 1;
    if (type === "Public" && wantsNat) {
      const natName = `${name}-${subnet.azIndex + 1}`;
      const eipId = ec2Id("eipalloc", seed(natName, "eip"));
      const natId = ec2Id("nat", seed(natName, "nat"));
      natIds.push(natId);
      children.push(
        {
          type: "aws:ec2/eip:Eip",
          name: natName,
          parentName: subnet.name,
          parentType: subnetType,
          id: eipId,
          inputs: { tags: { ...tags, Name: natName } },
        },
        {
          type: "aws:ec2/natGateway:NatGateway",
          name: natName,
          parentName: subnet.name,
          parentType: subnetType,
          id: natId,
          inputs: { subnetId, allocationId: eipId, tags: { ...tags, Name: natName } },
        },
      );
    }
    const routeType = "aws:ec2/route:Route";
    if (type === "Public") {
      children.push({
        type: routeType,
        name: subnet.name,
        parentName: subnet.name,
        parentType: rtType,
        id: `r-${routeTableId}1080289494`,
        inputs: { routeTableId, gatewayId: igwId, destinationCidrBlock: "0.0.0.0/0" },
      });
    } else if (type === "Private" && strategy !== "None") {
      const natGatewayId = strategy === "Single" ? natIds[0] : natIds[subnet.azIndex];
      children.push({
        type: routeType,
        name: subnet.name,
        parentName: subnet.name,
        parentType: rtType,
        id: `r-${routeTableId}1080289494`,
        inputs: { routeTableId, natGatewayId, destinationCidrBlock: "0.0.0.0/0" },
      });
    }
  }

  const transformed = await Promise.all(children.map((child) => applyTransforms(child, transforms)));
  const subnetLayout = specsOf(inputs).map((spec) => ({
    type: spec.type,
    name: spec.name,
    cidrMask: spec.cidrMask,
    cidrBlocks: spec.cidrBlocks,
  }));
  return {
    children: transformed,
    state: {
      ...inputs,
      vpcId,
      publicSubnetIds: ids.Public,
      privateSubnetIds: ids.Private,
      isolatedSubnetIds: ids.Isolated,
      subnetLayout,
    },
  };
}
