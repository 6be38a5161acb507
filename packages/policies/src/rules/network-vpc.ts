import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { CloudblocksPolicy } from "../types";
import { egressAz, INTERNET_TARGETS, refersTo, SUBNET, subnetsWithDefaultRoutes, tierOf } from "./topology";

const VPC = "aws:ec2/vpc:Vpc";

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
