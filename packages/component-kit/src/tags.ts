import type * as pulumi from "@pulumi/pulumi";
import { isRpcSecret, unwrapRpcSecret } from "@pulumi/pulumi/runtime/rpc";

/**
 * The cost-allocation tag each component puts on its children, naming the component (its Pulumi name, e.g.
 * `buddyverse-prod-web`), so Cost Explorer and the ops report can group spend by component. AWS needs the key
 * activated once as a user-defined cost allocation tag before it appears in billing data (see the README).
 */
export const COST_ALLOCATION_TAG = "cloudblocks:component";

/**
 * Resource types that accept tags (their @pulumi/aws args have `tags`). A type the cloudblocks components create
 * that is in neither this list nor {@link UNTAGGABLE_TYPES} fails the stack tests, so every new type gets a
 * conscious decision; a stack test also checks both lists against the SDK's own argument types.
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
  "aws:cfg/rule:Rule",
  "aws:iam/serviceLinkedRole:ServiceLinkedRole",
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
  "aws:scheduler/schedule:Schedule",
  "aws:cfg/recorder:Recorder",
  "aws:cfg/recorderStatus:RecorderStatus",
  "aws:cfg/deliveryChannel:DeliveryChannel",
]);

const ASG_TYPE = "aws:autoscaling/group:Group";

interface AsgTag {
  readonly key: string;
  readonly value: string;
  readonly propagateAtLaunch: boolean;
}

/**
 * A transform that adds {@link COST_ALLOCATION_TAG} = `component` to every taggable custom resource beneath the
 * component (the engine applies a component's transforms to all its descendants, awsx's children included). A
 * value already set, by a nested component's own transform, which runs first, is kept: the innermost component
 * names the spend. Auto Scaling groups take their tags as a list and propagate this one to their instances
 * (and so to the instances' volumes), because provider default tags never reach a group.
 */
export function costAllocationTransform(component: string): pulumi.ResourceTransform {
  return (args) => {
    if (!args.custom || !TAGGABLE_TYPES.has(args.type)) return undefined;
    const props = args.props as Record<string, unknown>;
    const tagged =
      args.type === ASG_TYPE
        ? withinSecret(props["tags"], (tags: AsgTag[] = []) =>
            tags.some((t) => t.key === COST_ALLOCATION_TAG)
              ? undefined
              : [...tags, { key: COST_ALLOCATION_TAG, value: component, propagateAtLaunch: true }],
          )
        : withinSecret(props["tags"], (tags: Record<string, unknown> = {}) =>
            COST_ALLOCATION_TAG in tags ? undefined : { ...tags, [COST_ALLOCATION_TAG]: component },
          );
    return tagged === undefined ? undefined : { props: { ...props, tags: tagged }, opts: args.opts };
  };
}

/**
 * Transforms see inputs as the SDK deserializes them: a secret value (a tag list holding a secret owner, say)
 * arrives wrapped. Edits what it wraps and keeps it secret; undefined when there is nothing to change.
 */
function withinSecret<T>(value: unknown, edit: (inner: T | undefined) => T | undefined): unknown {
  if (!isRpcSecret(value)) return edit(value as T | undefined);
  const inner = edit(unwrapRpcSecret(value) as T | undefined);
  return inner === undefined ? undefined : { ...(value as object), value: inner };
}

/**
 * The component's options with its cost-allocation transform added: one line in each component constructor,
 * `super(type, name, {}, withCostAllocationTag(name, opts))`.
 */
export function withCostAllocationTag(
  component: string,
  opts: pulumi.ComponentResourceOptions = {},
): pulumi.ComponentResourceOptions {
  return { ...opts, transforms: [...(opts.transforms ?? []), costAllocationTransform(component)] };
}
