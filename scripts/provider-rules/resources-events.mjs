// r-events: the EventBridge, Lambda, Scheduler, Secrets Manager, SNS, SQS and dashboard types of the alarming
// pipeline and the stacks (same shape as resources.mjs; renames are pulumi-aws provider/resources.go `Fields`, checked
// against the installed SDK's .d.ts).
export const RESOURCES_EVENTS = [
  {
    type: "aws:cloudwatch/dashboard:Dashboard",
    tf: "aws_cloudwatch_dashboard",
    file: "internal/service/cloudwatch/dashboard.go",
    func: "resourceDashboard",
  },
  {
    type: "aws:cloudwatch/eventRule:EventRule",
    tf: "aws_cloudwatch_event_rule",
    file: "internal/service/events/rule.go",
    func: "resourceRule",
    // the index's aws-sdk-go-v2 eventbridge enums predate RuleState ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS:
    // the values come from botocore's events model (scripts/provider-rules/botocore-enums.mjs)
    enums: ["aws-sdk-go-v2/service/eventbridge"],
  },
  {
    type: "aws:cloudwatch/eventTarget:EventTarget",
    tf: "aws_cloudwatch_event_target",
    file: "internal/service/events/target.go",
    func: "resourceTarget",
    // the index's aws-sdk-go-v2 eventbridge enums predate RuleState ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS:
    // the values come from botocore's events model (scripts/provider-rules/botocore-enums.mjs)
    enums: ["aws-sdk-go-v2/service/eventbridge"],
  },
  {
    type: "aws:lambda/function:Function",
    tf: "aws_lambda_function",
    file: "internal/service/lambda/function.go",
    func: "resourceFunction",
    // the bridge names the zip `code` (an Archive it writes to `filename`) and `function_name` `name`
    renames: { function_name: "name", filename: "code" },
    enums: ["aws-sdk-go-v2/service/lambda"],
  },
  {
    type: "aws:lambda/eventSourceMapping:EventSourceMapping",
    tf: "aws_lambda_event_source_mapping",
    file: "internal/service/lambda/event_source_mapping.go",
    func: "resourceEventSourceMapping",
    enums: ["aws-sdk-go-v2/service/lambda"],
  },
  {
    type: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    tf: "aws_lambda_function_event_invoke_config",
    file: "internal/service/lambda/function_event_invoke_config.go",
    func: "resourceFunctionEventInvokeConfig",
  },
  {
    type: "aws:scheduler/schedule:Schedule",
    tf: "aws_scheduler_schedule",
    file: "internal/service/scheduler/schedule.go",
    func: "resourceSchedule",
    enums: ["aws-sdk-go-v2/service/scheduler"],
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    tf: "aws_secretsmanager_secret",
    file: "internal/service/secretsmanager/secret.go",
    func: "resourceSecret",
  },
  {
    type: "aws:sns/topic:Topic",
    tf: "aws_sns_topic",
    file: "internal/service/sns/topic.go",
    func: "resourceTopic",
  },
  {
    type: "aws:sns/topicPolicy:TopicPolicy",
    tf: "aws_sns_topic_policy",
    file: "internal/service/sns/topic_policy.go",
    func: "resourceTopicPolicy",
  },
  {
    type: "aws:sqs/queue:Queue",
    tf: "aws_sqs_queue",
    file: "internal/service/sqs/queue.go",
    func: "resourceQueue",
  },
  {
    type: "aws:sqs/queuePolicy:QueuePolicy",
    tf: "aws_sqs_queue_policy",
    file: "internal/service/sqs/queue_policy.go",
    func: "ResourceQueuePolicy",
  },
  {
    type: "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",
    tf: "aws_sqs_queue_redrive_allow_policy",
    file: "internal/service/sqs/queue_redrive_allow_policy.go",
    func: "resourceQueueRedriveAllowPolicy",
  },
];
