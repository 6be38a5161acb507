import type { PolicyResource } from "@pulumi/policy";
import type { Props } from "../types";

/** Type tokens the network topology is read from. */
export const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE = "aws:ec2/route:Route";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";

/** The first resource an input refers to (by id or ARN), as the engine's property dependencies say. */
export function referenced(resource: PolicyResource, key: string): PolicyResource | undefined {
  return resource.propertyDependencies[key]?.[0];
}

/** Every resource an input refers to (a list of ids, such as `subnets` or `vpcZoneIdentifiers`). */
export function referencedAll(resource: PolicyResource, key: string): PolicyResource[] {
  return [...(resource.propertyDependencies[key] ?? [])];
}

export function refersTo(resource: PolicyResource, key: string, target: PolicyResource): boolean {
  return (resource.propertyDependencies[key] ?? []).includes(target);
}

/** A subnet's tier (public / app / data): HaVpc's `Tier` tag, or awsx's `SubnetType` tag. */
export function tierOf(subnet: PolicyResource): string | undefined {
  const tags = (subnet.props["tags"] as Props | undefined) ?? {};
  return (
    (tags["Tier"] as string | undefined) ??
    ({ Private: "app", Isolated: "data", Public: "public" } as Record<string, string>)[
      String(tags["SubnetType"])
    ]
  );
}

/** The AZ a subnet is in, when known. */
export function azOf(subnet: PolicyResource | undefined): string | undefined {
  return subnet?.props["availabilityZone"] as string | undefined;
}

/** The AZ the egress target of a default route lives in (NAT gateway or NAT instance → its subnet's AZ). */
export function egressAz(route: PolicyResource): string | undefined {
  const target =
    referenced(route, "natGatewayId") ??
    referenced(route, "networkInterfaceId") ??
    referenced(route, "instanceId");
  if (!target) return undefined;
  return azOf(referenced(target, "subnetId")) ?? (target.props["availabilityZone"] as string | undefined);
}

/** Default-route targets that reach the internet. */
export const INTERNET_TARGETS = [
  "gatewayId",
  "natGatewayId",
  "networkInterfaceId",
  "instanceId",
  "transitGatewayId",
  "egressOnlyGatewayId",
];

/** Each association of a subnet with its route table, and the table's default routes. */
export function subnetsWithDefaultRoutes(resources: readonly PolicyResource[]) {
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
