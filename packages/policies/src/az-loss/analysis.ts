import type { PolicyResource } from "@pulumi/policy";
import {
  azOf,
  egressAz,
  referenced,
  referencedAll,
  SUBNET,
  subnetsWithDefaultRoutes,
  tierOf,
} from "../rules/topology";

/** The tiers a request crosses, in the order the AZ-loss table lists them. */
export const AZ_LOSS_TIERS = ["public entry", "app capacity", "egress", "data", "shared files"] as const;
export type AzLossTier = (typeof AZ_LOSS_TIERS)[number];

/** Whether one tier keeps serving when one AZ is lost, and why. */
export interface AzLossRow {
  readonly az: string;
  readonly tier: AzLossTier;
  /** `null` when the stack has nothing in this tier (no load balancer, no database, …). */
  readonly survives: boolean | null;
  readonly reason: string;
  /** The resource the verdict is about, for policy reports. */
  readonly urn?: string;
}

export interface AzLossReport {
  readonly availabilityZones: readonly string[];
  readonly rows: readonly AzLossRow[];
}

const LOAD_BALANCERS = new Set(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"]);
const GROUP = "aws:autoscaling/group:Group";
const DB_INSTANCE = "aws:rds/instance:Instance";
const DB_CLUSTER = "aws:rds/cluster:Cluster";
const DB_CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const FILE_SYSTEM = "aws:efs/fileSystem:FileSystem";
const MOUNT_TARGET = "aws:efs/mountTarget:MountTarget";

type Verdict = Omit<AzLossRow, "az" | "tier">;

const distinct = (values: readonly (string | undefined)[]): string[] =>
  [...new Set(values.filter((v): v is string => v !== undefined))].sort();
const list = (azs: readonly string[]) => azs.join(", ");
const ofType = (resources: readonly PolicyResource[], type: string) =>
  resources.filter((r) => r.type === type);
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

function subnetAzs(resource: PolicyResource, key: string): string[] {
  return distinct(referencedAll(resource, key).map(azOf));
}

/** Public entry: an internet-facing load balancer keeps nodes in the AZs of its other subnets. */
function publicEntry(resources: readonly PolicyResource[], az: string): Verdict[] {
  return resources
    .filter((r) => LOAD_BALANCERS.has(r.type) && r.props["internal"] !== true)
    .map((lb) => {
      const left = subnetAzs(lb, "subnets").filter((a) => a !== az);
      return left.length > 0
        ? { survives: true, reason: `load balancer "${lb.name}" keeps nodes in ${list(left)}`, urn: lb.urn }
        : {
            survives: false,
            reason: `load balancer "${lb.name}" has public subnets only in ${az}`,
            urn: lb.urn,
          };
    });
}

/**
 * App capacity: an Auto Scaling group spreads its instances evenly over its AZs, so in the worst case the lost
 * AZ held ceil(desired / AZs) of them; the rest keep serving while the group relaunches in the AZs left.
 */
function appCapacity(resources: readonly PolicyResource[], az: string): Verdict[] {
  return ofType(resources, GROUP).map((group) => {
    const azs = subnetAzs(group, "vpcZoneIdentifiers");
    const min = num(group.props["minSize"]) ?? 0;
    const desired = num(group.props["desiredCapacity"]) ?? min;
    const left = azs.filter((a) => a !== az);
    const urn = group.urn;
    if (!azs.includes(az))
      return { survives: true, reason: `group "${group.name}" has no subnet in ${az}`, urn };
    if (left.length === 0)
      return { survives: false, reason: `every subnet of group "${group.name}" is in ${az}`, urn };
    const serving = desired - Math.ceil(desired / azs.length);
    if (serving < 1)
      return {
        survives: false,
        reason: `all ${desired} instance(s) of "${group.name}" may be in ${az}: nothing serves until the group relaunches in ${list(left)}`,
        urn,
      };
    const relaunch = Math.max(0, min - serving);
    return {
      survives: true,
      reason: `${serving} of ${desired} instance(s) keep serving in ${list(left)} (min ${min})${relaunch > 0 ? `; the group relaunches ${relaunch} there` : ""}`,
      urn,
    };
  });
}

/** Egress: every app subnet outside the lost AZ must leave through a NAT that is not in it (NET-4). */
function egress(resources: readonly PolicyResource[], az: string): Verdict[] {
  const appLinks = subnetsWithDefaultRoutes(resources).filter(({ subnet }) => tierOf(subnet) === "app");
  if (appLinks.length === 0) return [];
  const others = appLinks.filter(({ subnet }) => azOf(subnet) !== az);
  const cut = others.filter(({ routes }) => routes.some((route) => egressAz(route) === az));
  if (cut.length > 0)
    return cut.map(({ subnet }) => ({
      survives: false,
      reason: `app subnet "${subnet.name}" (${azOf(subnet)}) leaves through a NAT in ${az}`,
      urn: subnet.urn,
    }));
  const natted = others.filter(({ routes }) => routes.some((route) => egressAz(route) !== undefined));
  if (natted.length === 0) return [{ survives: null, reason: "no app subnet egress through NAT" }];
  return [
    {
      survives: true,
      reason: `app subnets in ${list(distinct(natted.map(({ subnet }) => azOf(subnet))))} keep a NAT in their own AZ`,
    },
  ];
}

/** Data: a primary survives through a Multi-AZ standby, or an Aurora cluster through a reader in another AZ. */
function data(resources: readonly PolicyResource[], az: string): Verdict[] {
  const instances = ofType(resources, DB_INSTANCE);
  const replicas = instances.filter((r) => r.props["replicateSourceDb"] !== undefined);
  const replicaNote = (primary: PolicyResource) => {
    const inOtherAzs = distinct(
      replicas
        .filter(
          (r) =>
            referenced(r, "replicateSourceDb") === primary ||
            r.props["replicateSourceDb"] === primary.props["identifier"],
        )
        .map((r) => r.props["availabilityZone"] as string | undefined),
    ).filter((a) => a !== az);
    return inOtherAzs.length > 0 ? `; reads go on on the replica in ${list(inOtherAzs)}` : "";
  };
  const primaries = instances
    .filter((r) => r.props["replicateSourceDb"] === undefined)
    .map((primary): Verdict => {
      const urn = primary.urn;
      if (primary.props["multiAz"] === true)
        return {
          survives: true,
          reason: `"${primary.name}" is Multi-AZ: RDS fails over to the standby${replicaNote(primary)}`,
          urn,
        };
      const home = primary.props["availabilityZone"] as string | undefined;
      if (home !== undefined && home !== az)
        return { survives: true, reason: `single-AZ "${primary.name}" is in ${home}`, urn };
      return {
        survives: false,
        reason: `single-AZ "${primary.name}" ${home ? "is" : "may be"} in ${az}, with no standby to fail over to${replicaNote(primary)}`,
        urn,
      };
    });
  const clusters = ofType(resources, DB_CLUSTER).map((cluster): Verdict => {
    const members = ofType(resources, DB_CLUSTER_INSTANCE).filter(
      (i) => referenced(i, "clusterIdentifier") === cluster,
    );
    const elsewhere = distinct(members.map((m) => m.props["availabilityZone"] as string | undefined)).filter(
      (a) => a !== az,
    );
    return elsewhere.length > 0
      ? {
          survives: true,
          reason: `cluster "${cluster.name}" promotes an instance in ${list(elsewhere)}`,
          urn: cluster.urn,
        }
      : {
          survives: false,
          reason: `cluster "${cluster.name}" has no instance outside ${az}`,
          urn: cluster.urn,
        };
  });
  return [...primaries, ...clusters];
}

/** Shared files: every AZ the fleet keeps serving from needs a mount target of its own; One Zone EFS dies with its AZ. */
function sharedFiles(resources: readonly PolicyResource[], az: string): Verdict[] {
  const appAzs = distinct(ofType(resources, GROUP).flatMap((g) => subnetAzs(g, "vpcZoneIdentifiers"))).filter(
    (a) => a !== az,
  );
  return ofType(resources, FILE_SYSTEM).map((fs): Verdict => {
    const urn = fs.urn;
    const oneZone = fs.props["availabilityZoneName"] as string | undefined;
    if (oneZone === az)
      return { survives: false, reason: `One Zone file system "${fs.name}" lives in ${az}`, urn };
    const targets = distinct(
      ofType(resources, MOUNT_TARGET)
        .filter((mt) => referenced(mt, "fileSystemId") === fs)
        .map((mt) => azOf(referenced(mt, "subnetId"))),
    ).filter((a) => a !== az);
    const missing = appAzs.filter((a) => !targets.includes(a));
    if (targets.length === 0)
      return { survives: false, reason: `"${fs.name}" has no mount target outside ${az}`, urn };
    if (missing.length > 0)
      return {
        survives: false,
        reason: `"${fs.name}" has no mount target in ${list(missing)}, where the fleet keeps serving`,
        urn,
      };
    return { survives: true, reason: `"${fs.name}" keeps mount targets in ${list(targets)}`, urn };
  });
}

const TIER_CHECKS: Record<AzLossTier, (resources: readonly PolicyResource[], az: string) => Verdict[]> = {
  "public entry": publicEntry,
  "app capacity": appCapacity,
  egress,
  data,
  "shared files": sharedFiles,
};

const NOTHING: Record<AzLossTier, string> = {
  "public entry": "no internet-facing load balancer",
  "app capacity": "no Auto Scaling group",
  egress: "no app subnet with a route to the internet",
  data: "no database",
  "shared files": "no shared file system",
};

/**
 * For each AZ the stack's subnets use: does every tier keep serving if that AZ is lost? One row per AZ and tier
 * (the worst verdict of the tier's resources, with every failing reason), from the resources' inputs and the
 * links between them — what a reader would otherwise check by hand in the plan.
 */
export function analyseAzLoss(resources: readonly PolicyResource[]): AzLossReport {
  const availabilityZones = distinct(ofType(resources, SUBNET).map(azOf));
  const rows: AzLossRow[] = [];
  for (const az of availabilityZones) {
    for (const tier of AZ_LOSS_TIERS) {
      const verdicts = TIER_CHECKS[tier](resources, az);
      const failing = verdicts.filter((v) => v.survives === false);
      const known = verdicts.filter((v) => v.survives !== null);
      if (failing.length > 0) failing.forEach((v) => rows.push({ az, tier, ...v }));
      else if (known.length > 0)
        rows.push({ az, tier, survives: true, reason: known.map((v) => v.reason).join("; ") });
      else rows.push({ az, tier, survives: null, reason: verdicts[0]?.reason ?? NOTHING[tier] });
    }
  }
  return { availabilityZones, rows };
}
