import type { Props } from "../model";

/** What the diagram needs of a resource (a recorded resource fits). */
export interface DiagramResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string | null;
  readonly custom: boolean;
  readonly inputs: Props;
  readonly outputs: Props;
}

type PlanResource = DiagramResource;

/**
 * A Mermaid architecture picture of a plan: one box per top-level component, inside it one box per AZ (and a
 * regional one) listing what the component creates there, subnets by tier, and arrows for the data that
 * flows between components (an input of one holding an id or ARN the other created).
 */
export function renderDiagram(resources: readonly PlanResource[], title = "architecture"): string {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const topOf = (r: PlanResource): PlanResource => {
    let current = r;
    while (
      current.parent &&
      byUrn.has(current.parent) &&
      !byUrn.get(current.parent)!.type.startsWith("pulumi:pulumi:Stack")
    ) {
      current = byUrn.get(current.parent)!;
    }
    return current;
  };
  const components = resources.filter((r) => !r.custom && topOf(r) === r);
  const owner = new Map(resources.map((r) => [r.urn, topOf(r)]));
  const azOf = azResolver(resources, byUrn);

  const lines = ["flowchart LR", `  %% ${title}`];
  components.forEach((component, ci) => {
    lines.push(`  subgraph c${ci}["${component.type.split(":").pop()}: ${component.name}"]`);
    const groups = new Map<string, PlanResource[]>();
    for (const r of resources) {
      if (!r.custom || owner.get(r.urn) !== component) continue;
      const az = azOf(r) ?? "regional";
      groups.set(az, [...(groups.get(az) ?? []), r]);
    }
    [...groups.entries()]
      .sort(([a], [b]) => (a === "regional" ? 1 : b === "regional" ? -1 : a.localeCompare(b)))
      .forEach(([az, members], gi) => {
        lines.push(`    c${ci}g${gi}["${az}<br/>${summarize(members)}"]`);
      });
    lines.push("  end");
  });

  for (const [from, to, labels] of componentEdges(resources, components, owner)) {
    lines.push(`  c${from} -->|${[...labels].slice(0, 3).join(", ")}| c${to}`);
  }
  return lines.join("\n") + "\n";
}

function shortType(type: string): string {
  return type.split(":").pop() ?? type;
}

function tierOf(r: PlanResource): string | undefined {
  const tags = r.inputs["tags"] as Record<string, string> | undefined;
  const tier = tags?.["Tier"] ?? tags?.["SubnetType"];
  return tier ? tier.toLowerCase() : undefined;
}

/** Glue that says nothing about the architecture: left out of the picture (it stays in the plan's tree). */
const PLUMBING = new Set([
  "RouteTable",
  "RouteTableAssociation",
  "Route",
  "Eip",
  "RolePolicy",
  "RolePolicyAttachment",
  "InstanceProfile",
  "SecurityGroupIngressRule",
  "SecurityGroupEgressRule",
  "SecurityGroupRule",
  "Permission",
  "TopicPolicy",
  "BucketPolicy",
  "BucketPublicAccessBlock",
  "BucketOwnershipControls",
  "BucketVersioning",
  "BucketServerSideEncryptionConfiguration",
  "BucketLifecycleConfiguration",
  "BucketLogging",
  "CertificateValidation",
  "EventTarget",
  "BackupPolicy",
  "Alias",
]);

function summarize(members: PlanResource[]): string {
  const counts = new Map<string, number>();
  for (const r of members) {
    const type = shortType(r.type);
    if (PLUMBING.has(type)) continue;
    const tier = r.type === "aws:ec2/subnet:Subnet" ? tierOf(r) : undefined;
    const label = tier ? `${tier} subnet ${String(r.inputs["cidrBlock"] ?? "")}`.trim() : type;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label)).join("<br/>");
}

/** AZ of a resource: its availabilityZone input, its subnet's AZ, or its parent's. */
function azResolver(resources: readonly PlanResource[], byUrn: Map<string, PlanResource>) {
  const subnetAz = new Map<string, string>();
  const subnetIds = new Map<string, string>();
  for (const r of resources) {
    const az = r.inputs["availabilityZone"];
    if (typeof az === "string") subnetAz.set(r.urn, az);
  }
  const idOf = (r: PlanResource) => r.outputs["id"] as string | undefined;
  for (const r of resources) {
    const az = subnetAz.get(r.urn);
    const id = idOf(r);
    if (az && id) subnetIds.set(id, az);
  }
  const resolve = (r: PlanResource, depth = 0): string | undefined => {
    if (subnetAz.has(r.urn)) return subnetAz.get(r.urn);
    const subnetId = r.inputs["subnetId"];
    if (typeof subnetId === "string" && subnetIds.has(subnetId)) return subnetIds.get(subnetId);
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    return parent && parent.custom && depth < 5 ? resolve(parent, depth + 1) : undefined;
  };
  return (r: PlanResource) => resolve(r);
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => collectStrings(v, out));
}

function componentEdges(
  resources: readonly PlanResource[],
  components: PlanResource[],
  owner: Map<string, PlanResource>,
): [number, number, Set<string>][] {
  // A resource's own id first, then its ARN; the first resource to claim a value keeps it (an EventTarget's
  // `arn` is its target's, not its own).
  const index = new Map<string, PlanResource>();
  for (const key of ["id", "arn"]) {
    for (const r of resources) {
      const value = r.outputs[key];
      if (r.custom && typeof value === "string" && value.length > 8 && !index.has(value)) index.set(value, r);
    }
  }
  const edges = new Map<string, [number, number, Set<string>]>();
  for (const r of resources) {
    const strings: string[] = [];
    collectStrings(r.inputs, strings);
    for (const s of strings) {
      const target = index.get(s);
      if (!target) continue;
      const from = components.indexOf(owner.get(target.urn)!);
      const to = components.indexOf(owner.get(r.urn)!);
      if (from < 0 || to < 0 || from === to) continue;
      const key = `${from}->${to}`;
      const edge = edges.get(key) ?? [from, to, new Set<string>()];
      edge[2].add(shortType(target.type));
      edges.set(key, edge);
    }
  }
  return [...edges.values()];
}
