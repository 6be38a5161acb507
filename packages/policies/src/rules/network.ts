import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { Props } from "../types";

const WORLD = new Set(["0.0.0.0/0", "::/0"]);
const WEB_PORTS = new Set([80, 443]);

interface OpenRule {
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly sources: readonly string[];
}

/** Ingress rules of any of the three shapes AWS resources use, normalised. */
function ingressRules(type: string, props: Props): OpenRule[] {
  const asRule = (r: Props, sources: unknown[]): OpenRule => ({
    protocol: String(r["protocol"] ?? r["ipProtocol"] ?? "-1"),
    fromPort: Number(r["fromPort"] ?? 0),
    toPort: Number(r["toPort"] ?? 65535),
    sources: sources.filter((s): s is string => typeof s === "string"),
  });
  switch (type) {
    case "aws:ec2/securityGroup:SecurityGroup":
      return ((props["ingress"] as Props[] | undefined) ?? []).map((r) =>
        asRule(r, [...((r["cidrBlocks"] as string[]) ?? []), ...((r["ipv6CidrBlocks"] as string[]) ?? [])]),
      );
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      return props["type"] === "ingress"
        ? [
            asRule(props, [
              ...((props["cidrBlocks"] as string[]) ?? []),
              ...((props["ipv6CidrBlocks"] as string[]) ?? []),
            ]),
          ]
        : [];
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return [asRule(props, [props["cidrIpv4"], props["cidrIpv6"]])];
    default:
      return [];
  }
}

export const noWorldOpenPorts: ResourceValidationPolicy = {
  name: "no-world-open-ports",
  description: "EC2.18/EC2.19: security groups accept traffic from 0.0.0.0/0 or ::/0 only on TCP 80 and 443.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    for (const rule of ingressRules(args.type, args.props)) {
      if (!rule.sources.some((s) => WORLD.has(s))) continue;
      const webOnly =
        rule.protocol === "tcp" && rule.fromPort === rule.toPort && WEB_PORTS.has(rule.fromPort);
      if (!webOnly) {
        reportViolation(
          `"${args.name}" opens ${rule.protocol} ${rule.fromPort}-${rule.toPort} to the world; only TCP 80 and 443 may be.`,
        );
      }
    }
  },
};
