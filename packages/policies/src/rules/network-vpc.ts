import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { CloudblocksPolicy, Props } from "../types";

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";

/** The first resource an input refers to (by id or ARN), as the engine's property dependencies say. */
function referenced(resource: PolicyResource, key: string): PolicyResource | undefined {
  return resource.propertyDependencies[key]?.[0];
}

function refersTo(resource: PolicyResource, key: string, target: PolicyResource): boolean {
  return (resource.propertyDependencies[key] ?? []).includes(target);
}

export const defaultSecurityGroupClosed: StackValidationPolicy = {
  name: "default-security-group-closed",
  description: "EC2.2 / NET-6: every VPC's default security group is managed and holds no rules.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const defaults = args.resources.filter(
      (r) => r.type === "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    );
    for (const group of defaults) {
      const rules = [
        ...((group.props["ingress"] as unknown[]) ?? []),
        ...((group.props["egress"] as unknown[]) ?? []),
      ];
      if (rules.length > 0)
        reportViolation(
          `default security group "${group.name}" holds ${rules.length} rule(s); it must hold none.`,
          group.urn,
        );
    }
    for (const vpc of args.resources.filter((r) => r.type === VPC)) {
      if (!defaults.some((g) => refersTo(g, "vpcId", vpc)))
        reportViolation(
          `VPC "${vpc.name}" leaves its default security group unmanaged (and open inside the VPC).`,
          vpc.urn,
        );
    }
  },
};

export const vpcFlowLogs: StackValidationPolicy = {
  name: "vpc-flow-logs",
  description: "EC2.6 / NET-5: every VPC has a flow log capturing ALL traffic.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const flowLogs = args.resources.filter((r) => r.type === "aws:ec2/flowLog:FlowLog");
    for (const vpc of args.resources.filter((r) => r.type === VPC)) {
      const all = flowLogs.filter((f) => refersTo(f, "vpcId", vpc) && f.props["trafficType"] === "ALL");
      if (all.length === 0) reportViolation(`VPC "${vpc.name}" has no flow log of ALL traffic.`, vpc.urn);
    }
  },
};

export const noAutoAssignedPublicIps: ResourceValidationPolicy = {
  name: "subnet-no-auto-public-ip",
  description: "EC2.15: subnets do not assign public IPv4 addresses automatically.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === SUBNET && args.props["mapPublicIpOnLaunch"] === true) {
      reportViolation(`subnet "${args.name}" assigns public IPs on launch (mapPublicIpOnLaunch is true).`);
    }
  },
};

function tierOf(subnet: PolicyResource): string | undefined {
  const tags = (subnet.props["tags"] as Props | undefined) ?? {};
  return (
    (tags["Tier"] as string | undefined) ??
    ({ Private: "app", Isolated: "data", Public: "public" } as Record<string, string>)[
      String(tags["SubnetType"])
    ]
  );
}

/** The AZ the egress target of a default route lives in (NAT gateway or NAT instance → its subnet's AZ). */
function egressAz(route: PolicyResource): string | undefined {
  const target =
    referenced(route, "natGatewayId") ??
    referenced(route, "networkInterfaceId") ??
    referenced(route, "instanceId");
  if (!target) return undefined;
  const subnet = referenced(target, "subnetId");
  return (
    (subnet?.props["availabilityZone"] as string | undefined) ??
    (target.props["availabilityZone"] as string | undefined)
  );
}

const INTERNET_TARGETS = [
  "gatewayId",
  "natGatewayId",
  "networkInterfaceId",
  "instanceId",
  "transitGatewayId",
  "egressOnlyGatewayId",
];

/** Each association of a subnet with its route table, and the table's default routes. */
function subnetsWithDefaultRoutes(resources: readonly PolicyResource[]) {
  const defaultRoutes = resources.filter(
    (r) =>
      r.type === ROUTE &&
      (r.props["destinationCidrBlock"] === "0.0.0.0/0" || r.props["destinationIpv6CidrBlock"] === "::/0"),
  );
  return resources
    .filter((r) => r.type === ASSOCIATION)
    .map((association) => ({
      subnet: referenced(association, "subnetId"),
      table: referenced(association, "routeTableId"),
    }))
    .filter(
      (link): link is { subnet: PolicyResource; table: PolicyResource } =>
        link.subnet !== undefined && link.table !== undefined,
    ) // ids unknown at a first preview: nothing to prove
    .map(({ subnet, table }) => ({
      subnet,
      routes: defaultRoutes.filter((route) => refersTo(route, "routeTableId", table)),
    }));
}

export const natPerAz: StackValidationPolicy = {
  name: "nat-per-az",
  description:
    "NET-4 / REL10-BP01: each app subnet leaves through egress (NAT gateway or instance) in its own AZ.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const { subnet, routes } of subnetsWithDefaultRoutes(args.resources)) {
      if (tierOf(subnet) !== "app") continue;
      for (const route of routes) {
        const az = egressAz(route);
        if (az !== undefined && az !== subnet.props["availabilityZone"]) {
          reportViolation(
            `app subnet "${subnet.name}" (${String(subnet.props["availabilityZone"])}) sends its internet traffic through ${az}; losing that AZ cuts its egress.`,
            subnet.urn,
          );
        }
      }
    }
  },
};

export const isolatedDataSubnets: StackValidationPolicy = {
  name: "data-subnets-isolated",
  description:
    "NET-4: data subnets have no route to the internet (no gateway, NAT or instance target for 0.0.0.0/0).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const { subnet, routes } of subnetsWithDefaultRoutes(args.resources)) {
      if (
        tierOf(subnet) === "data" &&
        routes.some((route) => INTERNET_TARGETS.some((key) => route.props[key] !== undefined))
      ) {
        reportViolation(`data subnet "${subnet.name}" has a route to the internet.`, subnet.urn);
      }
    }
  },
};

export const networkVpcPolicies: readonly CloudblocksPolicy[] = [
  defaultSecurityGroupClosed,
  vpcFlowLogs,
  noAutoAssignedPublicIps,
  natPerAz,
  isolatedDataSubnets,
];
