import type { PlanResource } from "../model";
import type { UsageAssumptions } from "./assumptions";

/** One billable quantity of a resource: `quantity` units of the price at `priceKey`. */
export interface Charge {
  readonly item: string;
  /** Key into the price table without the region (`ec2:t3.small`); `global/…` keys are used as they are. */
  readonly priceKey: string;
  readonly quantity: number;
  /** What the quantity counts and the assumption behind it, e.g. `730 h` or `50 GB (assumed)`. */
  readonly basis: string;
}

export type Rating =
  | { readonly kind: "charges"; readonly charges: readonly Charge[] }
  | { readonly kind: "free"; readonly reason: string };

export interface RatingContext {
  readonly assumptions: UsageAssumptions;
  readonly byId: ReadonlyMap<string, PlanResource>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown, fallback: number): number =>
  typeof v === "number" && Number.isFinite(v) ? v : fallback;
const hours = (a: UsageAssumptions, n = 1) => ({
  quantity: a.hoursPerMonth * n,
  basis: `${n > 1 ? `${n} × ` : ""}${a.hoursPerMonth} h`,
});

function rootVolumeGb(
  template: PlanResource | undefined,
  a: UsageAssumptions,
): { gb: number; assumed: boolean } {
  const mappings =
    (template?.inputs["blockDeviceMappings"] as { ebs?: { volumeSize?: unknown } }[] | undefined) ?? [];
  const size = mappings.map((m) => m.ebs?.volumeSize).find((v) => typeof v === "number") as
    number | undefined;
  return size === undefined ? { gb: a.rootVolumeGb, assumed: true } : { gb: size, assumed: false };
}

function instanceCharges(
  type: string | undefined,
  count: number,
  volume: { gb: number; assumed: boolean },
  a: UsageAssumptions,
): Charge[] {
  return [
    {
      item: `EC2 ${type ?? "(instance type unknown)"}`,
      priceKey: `ec2:${type ?? "unknown"}`,
      ...hours(a, count),
    },
    {
      item: "EBS gp3 root volume",
      priceKey: "ebs-gp3-gb-month",
      quantity: volume.gb * count,
      basis: `${count} × ${volume.gb} GB${volume.assumed ? " (assumed)" : ""}`,
    },
  ];
}

const FREE_REASON =
  "AWS charges nothing for the resource itself (its traffic or storage is billed where it occurs)";

/** Resource types that cost nothing by themselves. */
export const FREE_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/route:Route",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:iam/role:Role",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:iam/serviceLinkedRole:ServiceLinkedRole",
  "aws:autoscaling/policy:Policy",
  "aws:lb/listener:Listener",
  "aws:lb/targetGroup:TargetGroup",
  "aws:acm/certificate:Certificate",
  "aws:acm/certificateValidation:CertificateValidation",
  "aws:route53/record:Record",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/optionGroup:OptionGroup",
  "aws:rds/eventSubscription:EventSubscription",
  "aws:efs/mountTarget:MountTarget",
  "aws:efs/backupPolicy:BackupPolicy",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLogging:BucketLogging",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  "aws:lambda/permission:Permission",
  "aws:kms/alias:Alias",
  "aws:cfg/deliveryChannel:DeliveryChannel",
  "aws:cfg/recorderStatus:RecorderStatus",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
  "aws:lambda/eventSourceMapping:EventSourceMapping",
  "aws:efs/accessPoint:AccessPoint",
  "aws:autoscaling/schedule:Schedule",
]);

type Rule = (r: PlanResource, ctx: RatingContext) => Rating;

interface MixedPolicy {
  instancesDistribution?: { onDemandBaseCapacity?: number; onDemandPercentageAboveBaseCapacity?: number };
  launchTemplate?: {
    launchTemplateSpecification?: { launchTemplateId?: string };
    overrides?: { instanceType?: string }[];
  };
}
const charges = (...list: Charge[]): Rating => ({ kind: "charges", charges: list });

/** How each priced resource type turns into charges. A type in neither this map nor FREE_TYPES is unpriced. */
export const RULES: Readonly<Record<string, Rule>> = {
  "aws:ec2/instance:Instance": (r, { assumptions: a }) =>
    charges(
      ...instanceCharges(str(r.inputs["instanceType"]), 1, rootVolumeGb(r, a), a),
      ...(r.inputs["associatePublicIpAddress"] === true
        ? [{ item: "public IPv4 address", priceKey: "global/public-ipv4-hour", ...hours(a) }]
        : []),
    ),
  "aws:autoscaling/group:Group": (r, { assumptions: a, byId }) => {
    const count = num(r.inputs["desiredCapacity"], num(r.inputs["minSize"], 1));
    const mixed = r.inputs["mixedInstancesPolicy"] as MixedPolicy | undefined;
    const ref =
      mixed?.launchTemplate?.launchTemplateSpecification?.launchTemplateId ??
      (r.inputs["launchTemplate"] as { id?: string } | undefined)?.id;
    const template = ref ? byId.get(ref) : undefined;
    const type =
      str(mixed?.launchTemplate?.overrides?.[0]?.instanceType) ?? str(template?.inputs["instanceType"]);
    const volume = rootVolumeGb(template, a);
    if (!mixed) return charges(...instanceCharges(type, count, volume, a));
    // A spot mix: the on-demand base and share are priced; spot instances pay the moving spot price, which no
    // table holds, so they are listed unpriced rather than at a guessed discount.
    const base = Math.min(count, num(mixed.instancesDistribution?.onDemandBaseCapacity, 0));
    const share = num(mixed.instancesDistribution?.onDemandPercentageAboveBaseCapacity, 100) / 100;
    const onDemand = base + Math.ceil((count - base) * share);
    const spotCount = count - onDemand;
    const [instance, ebs] = instanceCharges(type, count, volume, a);
    return charges(
      ...(onDemand > 0 ? [{ ...instance!, ...hours(a, onDemand), item: `${instance!.item} on-demand` }] : []),
      ...(spotCount > 0
        ? [
            {
              item: `EC2 ${type ?? "(unknown)"} spot`,
              priceKey: `ec2-spot:${type ?? "unknown"}`,
              ...hours(a, spotCount),
            },
          ]
        : []),
      ebs!,
    );
  },
  "aws:ec2/natGateway:NatGateway": (_r, { assumptions: a }) =>
    charges(
      { item: "NAT gateway", priceKey: "nat-gateway-hour", ...hours(a) },
      {
        item: "NAT data processed",
        priceKey: "nat-gateway-gb",
        quantity: a.natGbPerGateway,
        basis: `${a.natGbPerGateway} GB (assumed)`,
      },
    ),
  "aws:ec2/eip:Eip": (_r, { assumptions: a }) =>
    charges({ item: "public IPv4 address", priceKey: "global/public-ipv4-hour", ...hours(a) }),
  "aws:lb/loadBalancer:LoadBalancer": (r, { assumptions: a }) => {
    const azs = ((r.inputs["subnets"] as unknown[] | undefined) ?? []).length || 2;
    return charges(
      { item: "ALB", priceKey: "alb-hour", ...hours(a) },
      {
        item: "ALB capacity units",
        priceKey: "alb-lcu-hour",
        quantity: a.albLcu * a.hoursPerMonth,
        basis: `${a.albLcu} LCU (assumed) × ${a.hoursPerMonth} h`,
      },
      ...(r.inputs["internal"] === true
        ? []
        : [
            {
              item: "public IPv4 addresses (one per AZ)",
              priceKey: "global/public-ipv4-hour",
              ...hours(a, azs),
            },
          ]),
    );
  },
  "aws:rds/instance:Instance": (r, { assumptions: a, byId }) => {
    const multi = r.inputs["multiAz"] === true;
    const cls = str(r.inputs["instanceClass"]) ?? "unknown";
    const source = str(r.inputs["replicateSourceDb"]);
    const primary = source ? [...byId.values()].find((p) => p.inputs["identifier"] === source) : undefined;
    const gb = num(r.inputs["allocatedStorage"], num(primary?.inputs["allocatedStorage"], 20));
    return charges(
      {
        item: `RDS MySQL ${cls}${multi ? " Multi-AZ" : ""}`,
        priceKey: `rds-mysql:${cls}:${multi ? "multi-az" : "single-az"}`,
        ...hours(a),
      },
      {
        item: "RDS gp3 storage",
        priceKey: "rds-gp3-gb-month",
        quantity: gb * (multi ? 2 : 1),
        basis: `${gb} GB${multi ? " × 2 (Multi-AZ)" : ""}`,
      },
      {
        item: "RDS backup storage beyond the free allowance",
        priceKey: "rds-backup-gb-month",
        quantity: a.rdsBackupGbBeyondFree,
        basis: `${a.rdsBackupGbBeyondFree} GB (assumed)`,
      },
    );
  },
  "aws:efs/fileSystem:FileSystem": (_r, { assumptions: a }) =>
    charges({
      item: "EFS Standard storage",
      priceKey: "efs-standard-gb-month",
      quantity: a.efsGb,
      basis: `${a.efsGb} GB (assumed)`,
    }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": () =>
    charges({ item: "CloudWatch alarm", priceKey: "cloudwatch-alarm-month", quantity: 1, basis: "1 alarm" }),
  "aws:cloudwatch/dashboard:Dashboard": () =>
    charges({
      item: "CloudWatch dashboard",
      priceKey: "global/cloudwatch-dashboard-month",
      quantity: 1,
      basis: "1 dashboard",
    }),
  "aws:cloudwatch/logGroup:LogGroup": (_r, { assumptions: a }) =>
    charges(
      {
        item: "log ingestion",
        priceKey: "logs-ingest-gb",
        quantity: a.logGbPerGroup,
        basis: `${a.logGbPerGroup} GB (assumed)`,
      },
      {
        item: "log storage",
        priceKey: "logs-storage-gb-month",
        quantity: a.logGbPerGroup,
        basis: `${a.logGbPerGroup} GB (assumed)`,
      },
    ),
  "aws:ec2/flowLog:FlowLog": () => ({ kind: "free", reason: "billed as the log ingestion of its log group" }),
  "aws:cloudwatch/eventRule:EventRule": () => ({
    kind: "free",
    reason: "rules matching AWS service events on the default bus carry no EventBridge charge",
  }),
  "aws:kms/key:Key": () =>
    charges({ item: "KMS key", priceKey: "kms-key-month", quantity: 1, basis: "1 key" }),
  "aws:cloudtrail/trail:Trail": (r, { assumptions: a }) => {
    const dataEvents = (
      (r.inputs["eventSelectors"] as { dataResources?: unknown[] }[] | undefined) ?? []
    ).some((s) => (s.dataResources ?? []).length > 0);
    return dataEvents
      ? charges({
          item: "CloudTrail data events",
          priceKey: "cloudtrail-data-events-100k",
          quantity: 1,
          basis: "100,000 events (assumed)",
        })
      : {
          kind: "free",
          reason: `the first trail's management events are free; its S3 and log costs are priced there (${a.hoursPerMonth} h month)`,
        };
  },
  "aws:route53/zone:Zone": () =>
    charges({
      item: "hosted zone",
      priceKey: "global/route53-hosted-zone-month",
      quantity: 1,
      basis: "1 zone",
    }),
  "aws:route53/healthCheck:HealthCheck": (r) => {
    // Route 53 bills each optional feature on top of the basic check (the price table's source for which ones).
    const type = str(r.inputs["type"]) ?? "";
    const features = [
      ...(type.startsWith("HTTPS") ? ["HTTPS"] : []),
      ...(type.endsWith("STR_MATCH") ? ["string matching"] : []),
      ...(r.inputs["requestInterval"] === 10 ? ["10 s interval"] : []),
      ...(r.inputs["measureLatency"] === true ? ["latency measurement"] : []),
    ];
    return charges(
      { item: "health check", priceKey: "global/route53-health-check-month", quantity: 1, basis: "1 check" },
      ...(features.length > 0
        ? [
            {
              item: "health check optional features",
              priceKey: "global/route53-health-check-feature-month",
              quantity: features.length,
              basis: features.join(" + "),
            },
          ]
        : []),
    );
  },
  "aws:budgets/budget:Budget": () => ({
    kind: "free",
    reason:
      "a budget without actions costs nothing (aws.amazon.com/aws-cost-management/aws-budgets/pricing/, per the 06-cost.md transcription, COST-086)",
  }),
  "aws:lambda/function:Function": (r, { assumptions: a }) => {
    const gbSeconds = (num(r.inputs["memorySize"], 128) / 1024) * a.lambdaInvocations;
    return charges(
      {
        item: "Lambda requests",
        priceKey: "lambda-request-million",
        quantity: a.lambdaInvocations / 1e6,
        basis: `${a.lambdaInvocations} invocations (assumed)`,
      },
      {
        item: "Lambda compute",
        priceKey: "lambda-arm-gb-second",
        quantity: gbSeconds,
        basis: `${a.lambdaInvocations} × 1 s (assumed)`,
      },
    );
  },
  "aws:s3/bucket:Bucket": (_r, { assumptions: a }) =>
    charges({
      item: "S3 Standard storage",
      priceKey: "s3-standard-gb-month",
      quantity: a.s3GbPerBucket,
      basis: `${a.s3GbPerBucket} GB (assumed)`,
    }),
  "aws:secretsmanager/secret:Secret": () =>
    charges({
      item: "secret",
      priceKey: "secretsmanager-secret-month",
      quantity: 1,
      basis: "1 secret",
    }),
  "aws:scheduler/schedule:Schedule": () =>
    charges({
      item: "Scheduler invocations",
      priceKey: "scheduler-invocation-million",
      quantity: 0,
      basis: "within the free 14 million",
    }),
  "aws:sqs/queue:Queue": () =>
    charges({
      item: "SQS requests",
      priceKey: "sqs-request-million",
      quantity: 0,
      basis: "within the free million (assumed)",
    }),
  "aws:sns/topic:Topic": () =>
    charges({
      item: "SNS publishes",
      priceKey: "sns-request-million",
      quantity: 0,
      basis: "within the free million (assumed)",
    }),
  "aws:cfg/recorder:Recorder": (_r, { assumptions: a }) =>
    charges({
      item: "Config items recorded",
      priceKey: "config-item",
      quantity: a.configItems,
      basis: `${a.configItems} items (assumed)`,
    }),
  "aws:cfg/rule:Rule": (_r, { assumptions: a }) =>
    charges({
      item: "Config rule evaluations",
      priceKey: "global/config-rule-evaluation",
      quantity: a.configEvaluationsPerRule,
      basis: `${a.configEvaluationsPerRule} evaluations (assumed)`,
    }),
};

export { FREE_REASON };
