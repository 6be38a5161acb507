import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { decoded, type Props } from "../types";
import type { CloudblocksPolicy } from "../types";

// Controls for the alarming area (shared/reference/security-controls.md): CloudTrail.1/2/4/5, the trail
// bucket, SNS.1/2, Lambda.1/2, CloudWatch.15/17 and CIS 4.1–4.15. Generic S3 bucket controls live in web.ts,
// KMS.4 in database.ts, CloudWatch.16 in logging.ts.

const TRAIL = "aws:cloudtrail/trail:Trail";
const ALARM_TYPES = new Set([
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm",
]);

/**
 * CIS AWS Foundations section 4, copied verbatim from shared/reference/cis-metric-filters.md (Security Hub
 * fails a modified pattern). Keyed by CIS control.
 */
export const CIS_PATTERNS: ReadonlyMap<string, string> = new Map([
  ["4.1", '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}'],
  [
    "4.2",
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  ],
  [
    "4.3",
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  ],
  [
    "4.4",
    "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}",
  ],
  [
    "4.5",
    "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}",
  ],
  ["4.6", '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}'],
  [
    "4.7",
    "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}",
  ],
  [
    "4.8",
    "{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}",
  ],
  [
    "4.9",
    "{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}",
  ],
  [
    "4.10",
    "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}",
  ],
  [
    "4.11",
    "{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}",
  ],
  [
    "4.12",
    "{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}",
  ],
  [
    "4.13",
    "{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}",
  ],
  [
    "4.14",
    "{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}",
  ],
  [
    "4.15",
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  ],
]);

interface Statement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: string | string[];
  readonly Condition?: unknown;
}

function statements(policy: unknown): Statement[] {
  const doc = decoded<{ Statement?: Statement | Statement[] }>(policy);
  const s = doc?.Statement;
  return Array.isArray(s) ? s : s ? [s] : [];
}

function servicePrincipals(principal: unknown): string[] {
  if (principal === null || typeof principal !== "object") return [];
  const service = (principal as Props)["Service"];
  return (Array.isArray(service) ? service : [service]).filter((s): s is string => typeof s === "string");
}

const isTrue = (value: unknown): boolean => value === true || value === "true";

/** CloudTrail.1: a multi-region trail that logs read and write management events. */
export const cloudTrailMultiRegion: ResourceValidationPolicy = {
  name: "cloudtrail-multi-region-management-events",
  description: "CloudTrail.1: trails are multi-region, logging, and record read and write management events.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TRAIL) return;
    const p = args.props;
    if (!isTrue(p["isMultiRegionTrail"]))
      reportViolation(
        `trail "${args.name}" is not multi-region (isMultiRegionTrail is ${String(p["isMultiRegionTrail"] ?? "unset")}).`,
      );
    if (p["enableLogging"] === false) reportViolation(`trail "${args.name}" has logging turned off.`);
    const selectors = (p["eventSelectors"] as Props[] | undefined) ?? [];
    const advanced = (p["advancedEventSelectors"] as Props[] | undefined) ?? [];
    // No selectors at all means CloudTrail's default: all management events.
    const simpleOk = selectors.some(
      (s) => s["includeManagementEvents"] !== false && (s["readWriteType"] ?? "All") === "All",
    );
    const advancedOk = advanced.some((s) => {
      const fields = (s["fieldSelectors"] as Props[] | undefined) ?? [];
      const management = fields.some(
        (f) =>
          f["field"] === "eventCategory" && (f["equals"] as string[] | undefined)?.includes("Management"),
      );
      return management && !fields.some((f) => f["field"] === "readOnly");
    });
    if ((selectors.length > 0 || advanced.length > 0) && !simpleOk && !advancedOk) {
      reportViolation(`trail "${args.name}" does not record both read and write management events.`);
    }
  },
};

/** CloudTrail.2: log files encrypted with a KMS key whose policy lets CloudTrail use it. */
export const cloudTrailKms: StackValidationPolicy = {
  name: "cloudtrail-kms-encryption",
  description:
    "CloudTrail.2: trails encrypt log files with a KMS key (kmsKeyId) whose key policy allows cloudtrail.amazonaws.com.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const keys = args.resources.filter((r) => r.type === "aws:kms/key:Key");
    const trailKeyExists = keys.some((k) =>
      statements(k.props["policy"]).some(
        (s) => s.Effect === "Allow" && servicePrincipals(s.Principal).includes("cloudtrail.amazonaws.com"),
      ),
    );
    for (const trail of args.resources.filter((r) => r.type === TRAIL)) {
      if (typeof trail.props["kmsKeyId"] !== "string" || trail.props["kmsKeyId"] === "") {
        reportViolation(
          `trail "${trail.name}" does not encrypt its log files with KMS (kmsKeyId unset).`,
          trail.urn,
        );
      } else if (keys.length > 0 && !trailKeyExists) {
        reportViolation(
          `trail "${trail.name}" uses a KMS key, but no key policy in the stack allows cloudtrail.amazonaws.com.`,
          trail.urn,
        );
      }
    }
  },
};

/** CloudTrail.4: log file integrity validation. */
export const cloudTrailLogValidation: ResourceValidationPolicy = {
  name: "cloudtrail-log-file-validation",
  description: "CloudTrail.4: trails have log file validation enabled.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === TRAIL && !isTrue(args.props["enableLogFileValidation"]))
      reportViolation(`trail "${args.name}" has no log file validation.`);
  },
};

/** CloudTrail.5: delivery to CloudWatch Logs. */
export const cloudTrailCloudWatchLogs: ResourceValidationPolicy = {
  name: "cloudtrail-cloudwatch-logs",
  description: "CloudTrail.5: trails deliver to a CloudWatch log group through a role.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TRAIL) return;
    if (!args.props["cloudWatchLogsGroupArn"] || !args.props["cloudWatchLogsRoleArn"]) {
      reportViolation(
        `trail "${args.name}" does not deliver to CloudWatch Logs (cloudWatchLogsGroupArn and cloudWatchLogsRoleArn are required).`,
      );
    }
  },
};

function isPublicStatement(s: Statement): boolean {
  if (s.Effect !== "Allow" || s.Condition !== undefined) return false;
  const p = s.Principal;
  if (p === "*") return true;
  const aws = p !== null && typeof p === "object" ? (p as Props)["AWS"] : undefined;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** The trail bucket (named by the trail's s3BucketName) is not public and has server access logging. */
export const cloudTrailBucket: StackValidationPolicy = {
  name: "cloudtrail-bucket-private-and-logged",
  description:
    "CloudTrail bucket: every public-access block flag on, no public bucket policy, server access logging enabled.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const about = (bucket: string) => (r: PolicyResource) => r.props["bucket"] === bucket;
    for (const trail of args.resources.filter((r) => r.type === TRAIL)) {
      const bucket = trail.props["s3BucketName"];
      if (typeof bucket !== "string") continue;
      const block = args.resources
        .filter((r) => r.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
        .find(about(bucket));
      const flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
      if (!block || !flags.every((f) => isTrue(block.props[f]))) {
        reportViolation(
          `trail bucket "${bucket}" of trail "${trail.name}" does not block all public access.`,
          trail.urn,
        );
      }
      const policies = args.resources
        .filter((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy")
        .filter(about(bucket));
      if (policies.some((p) => statements(p.props["policy"]).some(isPublicStatement))) {
        reportViolation(
          `trail bucket "${bucket}" of trail "${trail.name}" has a public bucket policy statement.`,
          trail.urn,
        );
      }
      const logging = args.resources
        .filter(
          (r) =>
            r.type === "aws:s3/bucketLogging:BucketLogging" ||
            r.type === "aws:s3/bucketLoggingV2:BucketLoggingV2",
        )
        .find(about(bucket));
      if (!logging || !logging.props["targetBucket"]) {
        reportViolation(
          `trail bucket "${bucket}" of trail "${trail.name}" has no server access logging.`,
          trail.urn,
        );
      }
    }
  },
};

/** SNS.1: topics encrypted with a customer KMS key (the AWS-managed alias/aws/sns key blocks CloudWatch and EventBridge). */
export const snsEncrypted: ResourceValidationPolicy = {
  name: "sns-topic-kms",
  description: "SNS.1: topics are encrypted with a customer-managed KMS key (not alias/aws/sns).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:sns/topic:Topic") return;
    const key = args.props["kmsMasterKeyId"];
    if (typeof key !== "string" || key === "")
      reportViolation(`topic "${args.name}" is not encrypted (kmsMasterKeyId unset).`);
    else if (/alias\/aws\/sns$/.test(key))
      reportViolation(
        `topic "${args.name}" uses the AWS-managed key alias/aws/sns, which CloudWatch alarms cannot publish with.`,
      );
  },
};

/** SNS.2: delivery status logging. */
export const snsDeliveryStatusLogging: ResourceValidationPolicy = {
  name: "sns-delivery-status-logging",
  description: "SNS.2: topics log delivery status (a *FailureFeedbackRoleArn is set).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:sns/topic:Topic") return;
    const kinds = ["lambda", "sqs", "http", "application", "firehose"];
    if (
      !kinds.some(
        (k) =>
          typeof args.props[`${k}FailureFeedbackRoleArn`] === "string" &&
          args.props[`${k}FailureFeedbackRoleArn`] !== "",
      )
    ) {
      reportViolation(
        `topic "${args.name}" has no delivery status logging (no lambda/sqs/http/application/firehose failure feedback role).`,
      );
    }
  },
};

/** Lambda.1: no public invoke permission; service principals are scoped by source ARN. */
export const lambdaNoPublicAccess: ResourceValidationPolicy = {
  name: "lambda-no-public-access",
  description:
    "Lambda.1: function permissions never grant '*' and scope AWS service principals with sourceArn.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:lambda/permission:Permission") return;
    const principal = String(args.props["principal"] ?? "");
    if (principal === "*")
      reportViolation(`permission "${args.name}" lets anyone invoke the function (principal "*").`);
    else if (principal.endsWith(".amazonaws.com") && !args.props["sourceArn"]) {
      reportViolation(
        `permission "${args.name}" lets ${principal} invoke the function for any resource (sourceArn unset).`,
      );
    }
  },
};

/** Runtimes AWS supports (not deprecated) for new and updated functions. */
export const SUPPORTED_LAMBDA_RUNTIMES: ReadonlySet<string> = new Set([
  "nodejs22.x",
  "nodejs24.x",
  "python3.11",
  "python3.12",
  "python3.13",
  "python3.14",
  "java17",
  "java21",
  "java25",
  "dotnet8",
  "dotnet10",
  "ruby3.3",
  "ruby3.4",
  "provided.al2023",
  "provided.al2",
]);

/** Lambda.2: supported runtime. */
export const lambdaSupportedRuntime: ResourceValidationPolicy = {
  name: "lambda-supported-runtime",
  description: "Lambda.2: functions use a supported runtime.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:lambda/function:Function" || args.props["packageType"] === "Image") return;
    const runtime = String(args.props["runtime"] ?? "");
    if (!SUPPORTED_LAMBDA_RUNTIMES.has(runtime)) {
      reportViolation(
        `function "${args.name}" uses runtime "${runtime || "unset"}"; allowed: ${[...SUPPORTED_LAMBDA_RUNTIMES].join(", ")}.`,
      );
    }
  },
};

/** CloudWatch.15/17: alarms have an action for ALARM and their actions are enabled. */
export const alarmActions: ResourceValidationPolicy = {
  name: "cloudwatch-alarm-actions",
  description: "CloudWatch.15/CloudWatch.17: alarms have an ALARM action and actions enabled.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!ALARM_TYPES.has(args.type)) return;
    const actions = (args.props["alarmActions"] as unknown[] | undefined) ?? [];
    if (actions.length === 0) reportViolation(`alarm "${args.name}" has no alarm action.`);
    if (args.props["actionsEnabled"] === false)
      reportViolation(`alarm "${args.name}" has its actions disabled.`);
  },
};

/** `arn:aws:logs:<region>:<account>:log-group:<name>:*` → `<name>`. */
function logGroupNameOf(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  return /:log-group:(.+?)(:\*)?$/.exec(arn)?.[1];
}

/**
 * CIS 4.1–4.15 (Security Hub CloudWatch.1–14): on the log group a multi-region trail delivers to, a metric
 * filter with each exact pattern and an alarm on its metric (Sum, 300 s, ≥ 1, 1 evaluation period, with an action).
 */
export const cisMetricFilters: StackValidationPolicy = {
  name: "cis-metric-filters",
  description:
    "CIS 4.1-4.15: the 15 CIS metric filters, with their exact patterns, on the multi-region trail's log group, each with an alarm.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const trails = args.resources.filter(
      (r) =>
        r.type === TRAIL &&
        isTrue(r.props["isMultiRegionTrail"]) &&
        logGroupNameOf(r.props["cloudWatchLogsGroupArn"]),
    );
    const filters = args.resources.filter((r) => r.type === "aws:cloudwatch/logMetricFilter:LogMetricFilter");
    const alarms = args.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
    for (const trail of trails) {
      const group = logGroupNameOf(trail.props["cloudWatchLogsGroupArn"]);
      const missing: string[] = [];
      const unalarmed: string[] = [];
      for (const [cis, pattern] of CIS_PATTERNS) {
        const filter = filters.find(
          (f) => f.props["logGroupName"] === group && f.props["pattern"] === pattern,
        );
        if (!filter) {
          missing.push(cis);
          continue;
        }
        const transformations = filter.props["metricTransformation"];
        const t = (Array.isArray(transformations) ? transformations[0] : transformations) as
          Props | undefined;
        const alarmed = alarms.some(
          (a) =>
            a.props["metricName"] === t?.["name"] &&
            a.props["namespace"] === t?.["namespace"] &&
            a.props["statistic"] === "Sum" &&
            Number(a.props["period"]) === 300 &&
            Number(a.props["threshold"]) === 1 &&
            a.props["comparisonOperator"] === "GreaterThanOrEqualToThreshold" &&
            Number(a.props["evaluationPeriods"]) === 1 &&
            ((a.props["alarmActions"] as unknown[] | undefined) ?? []).length > 0,
        );
        if (!alarmed) unalarmed.push(cis);
      }
      if (missing.length > 0)
        reportViolation(
          `trail "${trail.name}": log group "${group}" lacks the CIS metric filters ${missing.join(", ")} (exact patterns required).`,
          trail.urn,
        );
      if (unalarmed.length > 0)
        reportViolation(
          `trail "${trail.name}": the CIS metrics ${unalarmed.join(", ")} have no alarm with Sum, 300 s, >= 1, 1 evaluation period and an action.`,
          trail.urn,
        );
    }
  },
};

/** Controls for the alarming area (see shared/reference/security-controls.md). */
export const alarmingPolicies: readonly CloudblocksPolicy[] = [
  cloudTrailMultiRegion,
  cloudTrailKms,
  cloudTrailLogValidation,
  cloudTrailCloudWatchLogs,
  cloudTrailBucket,
  snsEncrypted,
  snsDeliveryStatusLogging,
  lambdaNoPublicAccess,
  lambdaSupportedRuntime,
  alarmActions,
  cisMetricFilters,
];
