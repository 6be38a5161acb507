// r-extra's types (issue #9 item 3): resources the components can create that neither plan has — MonitoredDatabase's
// Aurora path (`engine: "aurora-mysql"`), WebFleet's existing-listener rules and the alarming pipeline's Lambda
// permission. Same fields as resources.mjs; kept in its own file so parallel branches merge with one line.
export const RESOURCES_EXTRA = [
  {
    type: "aws:rds/cluster:Cluster",
    tf: "aws_rds_cluster",
    file: "internal/service/rds/cluster.go",
    func: "resourceCluster",
    // ClusterScalabilityType / DatabaseInsightsMode: botocore's rds model (scripts/provider-rules/botocore-enums.mjs)
    enums: ["aws-sdk-go-v2/service/rds"],
  },
  {
    type: "aws:rds/clusterInstance:ClusterInstance",
    tf: "aws_rds_cluster_instance",
    file: "internal/service/rds/cluster_instance.go",
    func: "resourceClusterInstance",
  },
  {
    type: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    tf: "aws_rds_cluster_parameter_group",
    file: "internal/service/rds/cluster_parameter_group.go",
    func: "resourceClusterParameterGroup",
    enums: ["aws-sdk-go-v2/service/rds"],
  },
  {
    type: "aws:lb/listenerRule:ListenerRule",
    tf: "aws_lb_listener_rule",
    // the scratch name differs from the provider path (line 1 of the file records it): r-edge's listener_rule.go
    // excerpt of the same file holds the constants this schema uses
    file: "internal/service/elbv2/listener_rule_resource.go",
    func: "resourceListenerRule",
    enums: ["aws-sdk-go-v2/service/elasticloadbalancingv2"],
  },
  {
    type: "aws:lambda/permission:Permission",
    tf: "aws_lambda_permission",
    file: "internal/service/lambda/permission.go",
    func: "resourcePermission",
    // pulumi-aws names `function_name` `function` (lambda/permission.d.ts: `function: Input<string | Function>`)
    renames: { function_name: "function" },
    // FunctionUrlAuthType is not in the vendored aws-sdk-go-v2 lambda enums: botocore's lambda model, in a folder of
    // its own so the other Lambda types' enum sources stay as they are
    enums: ["aws-sdk-go-v2/service/lambda", "botocore/lambda"],
  },
];
