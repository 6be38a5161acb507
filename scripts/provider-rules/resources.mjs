// The resource types the stacks use: Pulumi token ↔ terraform-provider-aws resource, its source file and schema
// function, and the attribute renames pulumi-aws makes (provider/resources.go `Fields`), checked against the SDK.
import { RESOURCES_EC2 } from "./resources-ec2.mjs";
import { RESOURCES_S3 } from "./resources-s3.mjs";
import { RESOURCES_EDGE } from "./resources-edge.mjs";
import { RESOURCES_EVENTS } from "./resources-events.mjs";
import { RESOURCES_EXTRA } from "./resources-extra.mjs";

export const RESOURCES = [
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    tf: "aws_cloudwatch_metric_alarm",
    file: "internal/service/cloudwatch/metric_alarm.go",
    func: "resourceMetricAlarm",
    renames: { alarm_name: "name" },
    enums: ["aws-sdk-go-v2/service/cloudwatch"],
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    tf: "aws_cloudwatch_log_group",
    file: "internal/service/logs/group.go",
    func: "resourceGroup",
  },
  {
    type: "aws:lb/targetGroup:TargetGroup",
    tf: "aws_lb_target_group",
    file: "internal/service/elbv2/target_group.go",
    func: "resourceTargetGroup",
    enums: ["aws-sdk-go-v2/service/elasticloadbalancingv2"],
  },
  {
    type: "aws:kms/key:Key",
    tf: "aws_kms_key",
    file: "internal/service/kms/key.go",
    func: "resourceKey",
  },
  {
    type: "aws:route53/healthCheck:HealthCheck",
    tf: "aws_route53_health_check",
    file: "internal/service/route53/health_check.go",
    func: "resourceHealthCheck",
  },
  {
    type: "aws:rds/eventSubscription:EventSubscription",
    tf: "aws_db_event_subscription",
    file: "internal/service/rds/event_subscription.go",
    func: "resourceEventSubscription",
  },
  {
    type: "aws:ec2/flowLog:FlowLog",
    tf: "aws_flow_log",
    file: "internal/service/ec2/vpc_flow_log.go",
    func: "resourceFlowLog",
    enums: ["aws-sdk-go-v2/service/ec2"],
  },
  {
    type: "aws:autoscaling/policy:Policy",
    tf: "aws_autoscaling_policy",
    file: "internal/service/autoscaling/policy.go",
    func: "resourcePolicy",
  },
  {
    type: "aws:sns/topicSubscription:TopicSubscription",
    tf: "aws_sns_topic_subscription",
    file: "internal/service/sns/topic_subscription.go",
    func: "resourceTopicSubscription",
    renames: { topic_arn: "topic" },
  },
  {
    type: "aws:rds/parameterGroup:ParameterGroup",
    tf: "aws_db_parameter_group",
    file: "internal/service/rds/parameter_group.go",
    func: "resourceParameterGroup",
  },
  {
    type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    tf: "aws_vpc_security_group_ingress_rule",
    file: "internal/service/ec2/vpc_security_group_ingress_rule.go",
    func: "Schema",
  },
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    tf: "aws_lb",
    file: "internal/service/elbv2/load_balancer.go",
    func: "resourceLoadBalancer",
    enums: ["aws-sdk-go-v2/service/elasticloadbalancingv2"],
  },
  {
    type: "aws:rds/instance:Instance",
    tf: "aws_db_instance",
    file: "internal/service/rds/instance.go",
    func: "ResourceInstance",
  },
  {
    type: "aws:efs/fileSystem:FileSystem",
    tf: "aws_efs_file_system",
    file: "internal/service/efs/file_system.go",
    func: "resourceFileSystem",
  },
  {
    type: "aws:iam/role:Role",
    tf: "aws_iam_role",
    file: "internal/service/iam/role.go",
    func: "ResourceRole",
  },
  {
    type: "aws:ec2/subnet:Subnet",
    tf: "aws_subnet",
    file: "internal/service/ec2/vpc_subnet.go",
    func: "resourceSubnet",
    enums: ["aws-sdk-go-v2/service/ec2"],
  },
  {
    type: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    tf: "aws_cloudwatch_log_metric_filter",
    file: "internal/service/logs/metric_filter.go",
    func: "resourceMetricFilter",
  },
  ...RESOURCES_EC2,
  ...RESOURCES_S3,
  ...RESOURCES_EDGE,
  ...RESOURCES_EVENTS,
  ...RESOURCES_EXTRA,
];
