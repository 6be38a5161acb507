import {
  blockSize,
  cidrContains,
  cidrsOverlap,
  isEc2InstanceType,
  parseCidr,
  regionOfAz,
  unknownAvailabilityZone,
  LOG_RETENTION_DAYS,
} from "@cloudblocks/component-kit";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/**
 * How app subnets reach the internet.
 * - `perAz`: a NAT gateway in every AZ, each app subnet through its own AZ's (losing an AZ never cuts another's egress).
 * - `single`: one NAT gateway for all AZs (cheaper; egress depends on one AZ).
 * - `instance`: one small EC2 NAT instance (cheapest; for dev: no managed failover, bandwidth of one instance).
 * - `instancePerAz`: a NAT instance in every AZ, each app subnet through its own AZ's (seed 003's Buddy-NAT1 and
 *   Buddy-NAT2: losing an AZ never cuts another's egress, for the price of one small instance per AZ).
 * - `none`: no egress at all (use VPC endpoints).
 */
export type NatMode = "perAz" | "single" | "instance" | "instancePerAz" | "none";

/** Per-tier CIDR blocks, index-aligned with `availabilityZones`. */
export interface SubnetCidrs {
  /** One public subnet block per AZ (load balancers, NAT, bastion). */
  readonly public: string[];
  /** One app subnet block per AZ (egress through NAT). */
  readonly app: string[];
  /** One data subnet block per AZ (no route to the internet). */
  readonly data: string[];
}

/** Subnet prefix lengths for automatic planning, 16 to 28. */
export interface SubnetMasks {
  /** Prefix length of each public subnet. @default 24 */
  readonly public?: number;
  /** Prefix length of each app subnet. @default 22 */
  readonly app?: number;
  /** Prefix length of each data subnet. @default 24 */
  readonly data?: number;
}

/** Options of the NAT instances. */
export interface NatInstanceArgs {
  /** EC2 instance type; Graviton types need no change: the AMI follows the architecture. @default "t4g.nano" */
  readonly instanceType?: string;
}

/** VPC flow logs, always on (NET-5). */
export interface FlowLogsArgs {
  /** Days CloudWatch Logs keeps the flow logs (a value CloudWatch allows). @default 365 */
  readonly retentionInDays?: number;
  /** Also deliver to this S3 bucket, as hourly-partitioned Parquet that Athena can query. @default none */
  readonly s3BucketArn?: string;
}

/** A bastion host for SSH from known networks. */
export interface BastionArgs {
  /** CIDRs allowed to SSH (port 22) to the bastion; specific networks, never `0.0.0.0/0`. */
  readonly allowedCidrs: string[];
  /** A bastion in every AZ's public subnet (seed 003), instead of one in the first. @default false */
  readonly perAz?: boolean;
  /** EC2 instance type of the bastion. @default "t4g.nano" */
  readonly instanceType?: string;
  /** An EC2 key pair for plain SSH; leave out to reach the host through Session Manager only. @default none */
  readonly keyName?: string;
}

/**
 * Arguments of HaVpc. Array and object types are the mutable forms Pulumi's schema inference reads
 * (`string[]`, named interfaces); `natMode` is a `string` checked at construction against `NatMode`.
 */
export interface HaVpcArgs {
  /** AZ names, at least 2, distinct, all in the provider's region; e.g. `["ap-northeast-2a", "ap-northeast-2c"]`. */
  readonly availabilityZones: string[];
  /** The VPC's IPv4 block, /16 to /28. @default "172.31.0.0/16" */
  readonly cidrBlock?: string;
  /**
   * The exact CIDR of every subnet (the seed plan: public `172.31.10.0/24`, `172.31.20.0/24`; app `.11`, `.21`;
   * data `.12`, `.22`). Leave out to size subnets automatically from `subnetMasks`.
   */
  readonly subnetCidrs?: SubnetCidrs;
  /** Subnet sizes for automatic planning (ignored with `subnetCidrs`). @default { public: 24, app: 22, data: 24 } */
  readonly subnetMasks?: SubnetMasks;
  /**
   * How app subnets reach the internet: `perAz`, `single`, `instance`, `instancePerAz` or `none` (the
   * `NatMode` type says what each means). @default "perAz"
   */
  readonly natMode?: string;
  /** Options of the NAT instances; only with `natMode: "instance"` or `"instancePerAz"`. */
  readonly natInstance?: NatInstanceArgs;
  /** Flow-log retention and an optional extra S3 destination. @default { retentionInDays: 365 } */
  readonly flowLogs?: FlowLogsArgs;
  /**
   * A bastion host in the first public subnet (or one per AZ), SSH only from these CIDRs. Without it, operators
   * use Systems Manager Session Manager, which needs no inbound port at all (the default, and the recommended
   * path; the README shows port forwarding to the database through it).
   * @default none
   */
  readonly bastion?: BastionArgs;
  /** An S3 gateway endpoint on the app and data route tables, so S3 traffic skips NAT (and its charges). @default true */
  readonly s3GatewayEndpoint?: boolean;
  /**
   * Where the NAT instances' impaired alarms go (ALM-1). Without it a NAT instance is still recovered by EC2 on
   * a system status-check failure, but nobody hears of it. @default none
   */
  readonly alarmTopicArn?: pulumi.Input<string>;
}

export { LOG_RETENTION_DAYS };

const azName = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, "allowed: an AZ name such as ap-northeast-2a")
  .superRefine((az, ctx) => {
    const zones = unknownAvailabilityZone(az);
    if (zones)
      ctx.addIssue({
        code: "custom",
        input: az,
        message: `allowed: an AZ its region has (${zones.join(", ")})`,
      });
  });
const cidr = z
  .string()
  .refine(
    (text) => parseCidr(text) !== undefined,
    "allowed: an IPv4 CIDR such as 172.31.10.0/24, without host bits",
  );
const instanceType = z
  .string()
  .refine(
    (t) => isEc2InstanceType(t),
    "allowed: an EC2 instance type such as t4g.nano (aws.ec2.InstanceType)",
  );
const subnetMask = z.number().int().min(16).max(28, "allowed: 16 to 28 (AWS subnets are /16 to /28)");

export const haVpcArgsSchema = z
  .object({
    availabilityZones: z.array(azName).min(2, "allowed: at least 2 AZs (NET-2)"),
    cidrBlock: cidr.default("172.31.0.0/16").refine((c) => {
      const block = parseCidr(c);
      return block === undefined || (block.mask >= 16 && block.mask <= 28); // malformed: reported once, above
    }, "allowed: a VPC block from /16 to /28"),
    subnetCidrs: z
      .object({ public: z.array(cidr), app: z.array(cidr), data: z.array(cidr) })
      .strict()
      .optional(),
    subnetMasks: z
      .object({ public: subnetMask.default(24), app: subnetMask.default(22), data: subnetMask.default(24) })
      .strict()
      .default({ public: 24, app: 22, data: 24 }),
    natMode: z
      .enum(["perAz", "single", "instance", "instancePerAz", "none"], {
        message: "allowed: perAz, single, instance, instancePerAz, none",
      })
      .default("perAz"),
    natInstance: z
      .object({ instanceType: instanceType.default("t4g.nano") })
      .strict()
      .optional(),
    flowLogs: z
      .object({
        retentionInDays: z
          .number()
          .refine(
            (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
            `allowed: one of ${LOG_RETENTION_DAYS.join(", ")}`,
          )
          .default(365),
        s3BucketArn: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/,
            "allowed: an S3 bucket ARN such as arn:aws:s3:::my-flow-logs",
          )
          .optional(),
      })
      .strict()
      .default({ retentionInDays: 365 }),
    bastion: z
      .object({
        allowedCidrs: z
          .array(
            cidr.refine(
              (c) => parseCidr(c)?.mask !== 0,
              "allowed: specific networks; 0.0.0.0/0 would open SSH to the world (EC2.19)",
            ),
          )
          .min(1, "allowed: at least one CIDR"),
        perAz: z.boolean().default(false),
        instanceType: instanceType.default("t4g.nano"),
        keyName: z.string().min(1).max(255).optional(),
      })
      .strict()
      .optional(),
    s3GatewayEndpoint: z.boolean().default(true),
    alarmTopicArn: z
      .custom<pulumi.Input<string>>(
        (v) => (typeof v === "string" ? /^arn:aws[a-z-]*:sns:/.test(v) : pulumi.Output.isInstance(v)),
        "allowed: an SNS topic ARN (a string or a pulumi Output)",
      )
      .optional(),
  })
  .strict()
  .superRefine((args, ctx) => {
    const azs = args.availabilityZones;
    azs.forEach((az, i) => {
      if (azs.indexOf(az) !== i)
        ctx.addIssue({
          code: "custom",
          path: ["availabilityZones", i],
          input: az,
          message: "allowed: distinct AZs (this one is listed twice)",
        });
    });
    const regions = new Set(azs.filter((az) => azName.safeParse(az).success).map(regionOfAz));
    if (regions.size > 1)
      ctx.addIssue({
        code: "custom",
        path: ["availabilityZones"],
        input: azs,
        message: "allowed: AZs of one region",
      });
    if (args.natInstance && args.natMode !== "instance" && args.natMode !== "instancePerAz") {
      ctx.addIssue({
        code: "custom",
        path: ["natInstance"],
        input: args.natInstance,
        message: `allowed only with natMode "instance" or "instancePerAz" (natMode is "${args.natMode}")`,
      });
    }
    if (args.subnetCidrs) checkSubnetPlan(args.cidrBlock, azs.length, args.subnetCidrs, ctx);
    else checkAutomaticPlan(args.cidrBlock, azs.length, args.subnetMasks, ctx);
  });

const tiers = ["public", "app", "data"] as const;

/** Every exact subnet: one per AZ and tier, inside the VPC, no overlaps, big enough (ALBs need /27 in public). */
function checkSubnetPlan(vpcCidr: string, azCount: number, plan: SubnetCidrs, ctx: z.RefinementCtx): void {
  const vpc = parseCidr(vpcCidr);
  const seen: { path: (string | number)[]; text: string }[] = [];
  for (const tier of tiers) {
    const list = plan[tier];
    if (list.length !== azCount) {
      ctx.addIssue({
        code: "custom",
        path: ["subnetCidrs", tier],
        input: list,
        message: `allowed: exactly one CIDR per AZ (${azCount})`,
      });
    }
    list.forEach((text, i) => {
      const block = parseCidr(text);
      if (!block) return; // reported by the element schema
      const path = ["subnetCidrs", tier, i];
      const largestMask = tier === "public" ? 27 : 28;
      if (block.mask > largestMask) {
        ctx.addIssue({
          code: "custom",
          path,
          input: text,
          message: `allowed: /${largestMask} or larger${tier === "public" ? " (an ALB needs /27 subnets)" : " (AWS's smallest subnet)"}`,
        });
      }
      if (vpc && !cidrContains(vpc, block))
        ctx.addIssue({
          code: "custom",
          path,
          input: text,
          message: `allowed: a block inside the VPC ${vpcCidr}`,
        });
      const clash = seen.find((other) => cidrsOverlap(parseCidr(other.text)!, block));
      if (clash)
        ctx.addIssue({
          code: "custom",
          path,
          input: text,
          message: `allowed: blocks that do not overlap (overlaps ${clash.text} at ${clash.path.join(".")})`,
        });
      seen.push({ path, text });
    });
  }
}

/**
 * Automatic sizing as awsx lays it out: the VPC is split into one equal, aligned share per AZ, and each share is
 * filled with the tiers' subnets in order (public, app, data), each aligned to its own size. A plan that does not
 * fit would give subnets outside the VPC or on top of each other, so it is refused here, before anything exists.
 */
function checkAutomaticPlan(
  vpcCidr: string,
  azCount: number,
  masks: { public: number; app: number; data: number },
  ctx: z.RefinementCtx,
): void {
  const vpc = parseCidr(vpcCidr);
  if (!vpc || azCount < 1) return; // reported elsewhere
  const shareMask = vpc.mask + Math.ceil(Math.log2(azCount));
  const share = blockSize(shareMask);
  let end = 0;
  for (const tier of tiers) {
    const size = blockSize(masks[tier]);
    end = Math.ceil(end / size) * size + size;
  }
  if (end > share)
    ctx.addIssue({
      code: "custom",
      path: ["subnetMasks"],
      input: masks,
      message: `allowed: masks whose subnets fit each AZ's share of the VPC ${vpcCidr} (a /${shareMask}, ${share} addresses, for each of ${azCount} AZs; these need ${end}): raise the masks, widen cidrBlock, or give subnetCidrs`,
    });
}

export type ValidHaVpcArgs = z.output<typeof haVpcArgsSchema>;
