import type { ResourceValidationPolicy } from "@pulumi/policy";
import { decoded, type Props } from "../types";

/** The standard tags every taggable resource carries (STK-3), set once through the provider's defaultTags. */
export const STANDARD_TAG_KEYS = ["Project", "Environment", "Owner", "CostCenter", "ManagedBy"] as const;

/**
 * Resource types that accept tags. A type the cloudblocks components create that is in neither this list nor
 * {@link UNTAGGABLE_TYPES} fails the stack tests, so every new type gets a conscious decision.
 */
export const TAGGABLE_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ec2/instance:Instance",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:ec2/networkInterface:NetworkInterface",
  "aws:ec2/networkAcl:NetworkAcl",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:lb/loadBalancer:LoadBalancer",
  "aws:lb/targetGroup:TargetGroup",
  "aws:lb/listener:Listener",
  "aws:lb/listenerRule:ListenerRule",
  "aws:autoscaling/group:Group",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  "aws:rds/optionGroup:OptionGroup",
  "aws:rds/eventSubscription:EventSubscription",
  "aws:sns/topic:Topic",
  "aws:sqs/queue:Queue",
  "aws:lambda/function:Function",
  "aws:lambda/eventSourceMapping:EventSourceMapping",
  "aws:kms/key:Key",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudtrail/trail:Trail",
  "aws:iam/role:Role",
  "aws:iam/policy:Policy",
  "aws:iam/instanceProfile:InstanceProfile",
  "aws:s3/bucket:Bucket",
  "aws:efs/fileSystem:FileSystem",
  "aws:efs/accessPoint:AccessPoint",
  "aws:acm/certificate:Certificate",
  "aws:route53/healthCheck:HealthCheck",
  "aws:route53/zone:Zone",
  "aws:budgets/budget:Budget",
  "aws:secretsmanager/secret:Secret",
  "aws:ssm/parameter:Parameter",
  "aws:synthetics/canary:Canary",
]);

/** Resource types AWS gives no tags (attachments, rules, policies, records, sub-resources of a bucket…). */
export const UNTAGGABLE_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/route:Route",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/securityGroupRule:SecurityGroupRule",
  "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:lambda/permission:Permission",
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
  "aws:cloudwatch/logMetricFilter:LogMetricFilter",
  "aws:cloudwatch/eventTarget:EventTarget",
  "aws:cloudwatch/dashboard:Dashboard",
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketLogging:BucketLogging",
  "aws:efs/mountTarget:MountTarget",
  "aws:efs/backupPolicy:BackupPolicy",
  "aws:efs/fileSystemPolicy:FileSystemPolicy",
  "aws:acm/certificateValidation:CertificateValidation",
  "aws:route53/record:Record",
  "aws:kms/alias:Alias",
  "aws:autoscaling/policy:Policy",
  "aws:autoscaling/schedule:Schedule",
  "aws:autoscaling/attachment:Attachment",
  "aws:lb/listenerCertificate:ListenerCertificate",
  "aws:secretsmanager/secretVersion:SecretVersion",
]);

/** Tags as an object, from either the map form or the Auto Scaling list form (`[{key, value, propagateAtLaunch}]`). */
function tagMap(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((t: Props) => [String(t["key"]), t["value"]]));
  }
  return (decoded<Record<string, unknown>>(value) ?? {}) as Record<string, unknown>;
}

export const standardTags: ResourceValidationPolicy = {
  name: "standard-tags",
  description: `STK-3: every taggable resource carries ${STANDARD_TAG_KEYS.join(", ")} (provider defaultTags or its own tags).`,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!TAGGABLE_TYPES.has(args.type)) return;
    const defaultTags = decoded<Props>(args.provider?.props["defaultTags"]);
    // The provider's defaultTags do not reach Auto Scaling groups: they must list their tags themselves.
    const inherited = args.type === "aws:autoscaling/group:Group" ? {} : tagMap(defaultTags?.["tags"]);
    const effective = { ...inherited, ...tagMap(args.props["tags"]) };
    const missing = STANDARD_TAG_KEYS.filter(
      (key) => typeof effective[key] !== "string" || effective[key] === "",
    );
    if (missing.length > 0)
      reportViolation(`${args.type} "${args.name}" lacks the standard tags: ${missing.join(", ")}.`);
  },
};
