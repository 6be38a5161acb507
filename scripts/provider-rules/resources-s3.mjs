// r-s3's types (issue #9 item 3): the S3 bucket family, CloudTrail, AWS Config and Budgets. Same fields as
// RESOURCES in resources.mjs. Enum values: aws-sdk-go-v2/service/<svc>/enums.go in the scratch folder, written
// from the installed botocore models by scripts/provider-rules/botocore-enums.mjs (see the testkit README).
const S3_ENUMS = ["aws-sdk-go-v2/service/s3"];
export const RESOURCES_S3 = [
  {
    type: "aws:s3/bucket:Bucket",
    tf: "aws_s3_bucket",
    file: "internal/service/s3/bucket.go",
    func: "resourceBucket",
    enums: S3_ENUMS,
  },
  {
    type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    tf: "aws_s3_bucket_lifecycle_configuration",
    file: "internal/service/s3/bucket_lifecycle_configuration.go",
    func: "Schema",
    enums: S3_ENUMS,
  },
  {
    type: "aws:s3/bucketLogging:BucketLogging",
    tf: "aws_s3_bucket_logging",
    file: "internal/service/s3/bucket_logging.go",
    func: "resourceBucketLogging",
    enums: S3_ENUMS,
  },
  {
    type: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    tf: "aws_s3_bucket_ownership_controls",
    file: "internal/service/s3/bucket_ownership_controls.go",
    func: "resourceBucketOwnershipControls",
    enums: S3_ENUMS,
  },
  {
    type: "aws:s3/bucketPolicy:BucketPolicy",
    tf: "aws_s3_bucket_policy",
    file: "internal/service/s3/bucket_policy.go",
    func: "resourceBucketPolicy",
  },
  {
    type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    tf: "aws_s3_bucket_public_access_block",
    file: "internal/service/s3/bucket_public_access_block.go",
    func: "resourceBucketPublicAccessBlock",
  },
  {
    type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    tf: "aws_s3_bucket_server_side_encryption_configuration",
    file: "internal/service/s3/bucket_server_side_encryption_configuration.go",
    func: "resourceBucketServerSideEncryptionConfiguration",
    enums: S3_ENUMS,
  },
  {
    type: "aws:s3/bucketVersioning:BucketVersioning",
    tf: "aws_s3_bucket_versioning",
    file: "internal/service/s3/bucket_versioning.go",
    func: "resourceBucketVersioning",
    enums: S3_ENUMS,
  },
  {
    type: "aws:cloudtrail/trail:Trail",
    tf: "aws_cloudtrail",
    file: "internal/service/cloudtrail/trail.go",
    func: "resourceTrail",
    enums: ["aws-sdk-go-v2/service/cloudtrail"],
  },
  {
    type: "aws:cfg/deliveryChannel:DeliveryChannel",
    tf: "aws_config_delivery_channel",
    file: "internal/service/configservice/delivery_channel.go",
    func: "resourceDeliveryChannel",
    enums: ["aws-sdk-go-v2/service/configservice"],
  },
  {
    type: "aws:cfg/recorder:Recorder",
    tf: "aws_config_configuration_recorder",
    file: "internal/service/configservice/configuration_recorder.go",
    func: "resourceConfigurationRecorder",
    enums: ["aws-sdk-go-v2/service/configservice"],
  },
  {
    type: "aws:cfg/recorderStatus:RecorderStatus",
    tf: "aws_config_configuration_recorder_status",
    file: "internal/service/configservice/configuration_recorder_status.go",
    func: "resourceConfigurationRecorderStatus",
  },
  {
    type: "aws:cfg/rule:Rule",
    tf: "aws_config_config_rule",
    file: "internal/service/configservice/config_rule.go",
    func: "resourceConfigRule",
    enums: ["aws-sdk-go-v2/service/configservice"],
  },
  {
    type: "aws:budgets/budget:Budget",
    tf: "aws_budgets_budget",
    file: "internal/service/budgets/budget.go",
    func: "resourceBudget",
    enums: ["aws-sdk-go-v2/service/budgets"],
  },
];
