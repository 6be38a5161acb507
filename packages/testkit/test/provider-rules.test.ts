import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { outputOf, setupMocks } from "../src";
import {
  checkProviderRules,
  ProviderRuleChecker,
  providerRulesTable,
  type RulesTable,
} from "../src/provider-rules";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const LOGS = "aws:cloudwatch/logGroup:LogGroup";
const REGION = "ap-northeast-2";
const table = providerRulesTable();
const alarmSrc = (tf: string) => {
  const s = table.sources[table.types[ALARM]!.src]!;
  return `[provider rule: ${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})]`;
};
const okAlarm = {
  comparisonOperator: "GreaterThanThreshold",
  evaluationPeriods: 3,
  metricName: "CPUUtilization",
  namespace: "AWS/EC2",
  period: 60,
  statistic: "Average",
  threshold: 80,
};
const refused = (type: string, inputs: Record<string, unknown>, region = REGION) => {
  try {
    checkProviderRules(type, "r", inputs, region);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe("provider rules: inputs refused as `pulumi preview` refuses them", () => {
  it("a compliant alarm passes, and the generated table records its source for every type", () => {
    expect(refused(ALARM, okAlarm)).to.equal(undefined);
    for (const t of Object.values(table.types)) {
      const s = table.sources[t.src]!;
      expect(s.repo).to.equal("hashicorp/terraform-provider-aws");
      expect(s.commit).to.match(/^[0-9a-f]{40}$/);
      expect(s.file).to.match(/^internal\/service\/.+\.go$/);
    }
  });

  it("enumeration (enum.Validate over the SDK's ComparisonOperator values)", () => {
    expect(refused(ALARM, { ...okAlarm, comparisonOperator: "GreaterThan" })).to.equal(
      `${ALARM} "r": comparisonOperator: got "GreaterThan"; allowed: one of "GreaterThanOrEqualToThreshold", ` +
        `"GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold", ` +
        `"LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold" ` +
        alarmSrc("comparison_operator"),
    );
  });

  it("enumeration, case-insensitive (StringInSlice(…, true))", () => {
    expect(refused(ALARM, { ...okAlarm, treatMissingData: "BREACHING" })).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, treatMissingData: "zero" })).to.match(
      /treatMissingData: got "zero"; allowed: one of "breaching", "ignore", "missing", "notBreaching" \(any case\)/,
    );
  });

  it("range (IntAtLeast) and integer set (IntInSlice: log retention days)", () => {
    expect(refused(ALARM, { ...okAlarm, evaluationPeriods: 0 })).to.equal(
      `${ALARM} "r": evaluationPeriods: got 0; allowed: at least 1 ${alarmSrc("evaluation_periods")}`,
    );
    expect(refused(LOGS, { retentionInDays: 45 })).to.match(
      /^aws:cloudwatch\/logGroup:LogGroup "r": retentionInDays: got 45; allowed: one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 \[provider rule: .* internal\/service\/logs\/group\.go \(retention_in_days\)\]$/,
    );
    expect(refused(LOGS, { retentionInDays: 365 })).to.equal(undefined);
  });

  it("alternatives (Any(IntInSlice 10, 20, 30; IntDivisibleBy 60)): the alarm period", () => {
    for (const period of [10, 20, 30, 60, 300])
      expect(refused(ALARM, { ...okAlarm, period }), `${period}`).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, period: 45 })).to.equal(
      `${ALARM} "r": period: got 45; allowed: one of 10, 20, 30 or a multiple of 60 ${alarmSrc("period")}`,
    );
  });

  it("length (StringLenBetween) and pattern (StringMatch)", () => {
    expect(refused(ALARM, { ...okAlarm, alarmDescription: "x".repeat(1025) })).to.match(
      /alarmDescription: got "x{1025}"; allowed: 0 to 1024 characters \[provider rule/,
    );
    const noStatistic: Record<string, unknown> = { ...okAlarm, statistic: undefined };
    expect(refused(ALARM, { ...noStatistic, extendedStatistic: "q99" })).to.match(
      /extendedStatistic: got "q99"; allowed: matching \/\^\(\(p\|.*\/ \(invalid statistic, see: https:\/\/docs\.aws\.amazon\.com\/AmazonCloudWatch\/latest\/monitoring\/Statistics-definitions\.html\)/,
    );
    expect(refused(ALARM, { ...noStatistic, extendedStatistic: "p99" })).to.equal(undefined);
  });

  it("ConflictsWith, nested Required and MaxItems", () => {
    const query = {
      id: "m1",
      metric: { metricName: "CPUUtilization", namespace: "AWS/EC2", period: 60, stat: "Average" },
    };
    expect(refused(ALARM, { ...okAlarm, metricQueries: [query] })).to.equal(
      `${ALARM} "r": metricName: got "CPUUtilization" together with metricQueries; allowed: only one of them (ConflictsWith) ${alarmSrc("metric_name")}`,
    );
    const bare = {
      ...okAlarm,
      metricName: undefined,
      namespace: undefined,
      period: undefined,
      statistic: undefined,
    };
    expect(refused(ALARM, { ...bare, metricQueries: [query, { metric: query.metric }] })).to.equal(
      `${ALARM} "r": metricQueries[1].id: got nothing; allowed: a value (the provider requires it) ${alarmSrc("metric_query.*.id")}`,
    );
    const arns = [1, 2, 3, 4, 5, 6].map((n) => `arn:aws:sns:${REGION}:123456789012:t${n}`);
    expect(refused(ALARM, { ...okAlarm, okActions: arns })).to.equal(
      `${ALARM} "r": okActions: got 6 items; allowed: at most 5 ${alarmSrc("ok_actions")}`,
    );
  });

  it("ExactlyOneOf (flow log target) and RequiredWith (KMS rotation period), from the provider's schemas", () => {
    const flowLog = "aws:ec2/flowLog:FlowLog";
    const src = (type: string, tf: string) => {
      const s = table.sources[table.types[type]!.src]!;
      return `[provider rule: ${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})]`;
    };
    const dest = { logDestinationType: "cloud-watch-logs", trafficType: "ALL" };
    expect(refused(flowLog, { ...dest, vpcId: "vpc-1" })).to.equal(undefined);
    expect(refused(flowLog, { ...dest, vpcId: "vpc-1", subnetId: "subnet-1" })).to.equal(
      `${flowLog} "r": (resource): got subnetId and vpcId set; allowed: exactly one of eniId, regionalNatGatewayId, ` +
        `subnetId, vpcId, transitGatewayId, transitGatewayAttachmentId (ExactlyOneOf) ${src(flowLog, "eni_id")}`,
    );
    expect(refused(flowLog, dest)).to.match(/\(resource\): got none set; allowed: exactly one of eniId, /);
    const key = "aws:kms/key:Key";
    expect(refused(key, { enableKeyRotation: true, rotationPeriodInDays: 365 })).to.equal(undefined);
    expect(refused(key, { rotationPeriodInDays: 365 })).to.equal(
      `${key} "r": rotationPeriodInDays: got 365 without enableKeyRotation; allowed: only together with ` +
        `enableKeyRotation (RequiredWith) ${src(key, "rotation_period_in_days")}`,
    );
    expect(refused(key, { enableKeyRotation: true, rotationPeriodInDays: 30 })).to.match(
      /rotationPeriodInDays: got 30; allowed: 90 to 2560 \[provider rule/,
    );
  });

  it("AtLeastOneOf, and ExactlyOneOf/RequiredWith inside list elements, on a rules table of the generator's shape", () => {
    const t: RulesTable = {
      pulumiAws: "7.48.0",
      sources: [
        { repo: "hashicorp/terraform-provider-aws", commit: "0".repeat(40), file: "internal/service/x/y.go" },
      ],
      types: {
        "aws:x/y:Y": {
          tf: "aws_x_y",
          src: 0,
          notCovered: [],
          unmapped: [],
          pulumiOptional: [],
          rules: [
            { path: ["a"], tf: "a", rule: "exactlyOneOf", with: [["a"], ["b"]] },
            { path: ["b"], tf: "b", rule: "exactlyOneOf", with: [["a"], ["b"]] },
            {
              path: ["items", "*", "c"],
              tf: "items.*.c",
              rule: "atLeastOneOf",
              with: [
                ["items", "*", "c"],
                ["items", "*", "d"],
              ],
            },
            { path: ["e"], tf: "e", rule: "requiredWith", with: [["f"]] },
          ],
        },
      },
    };
    const checker = new ProviderRuleChecker(t);
    const run = (inputs: Record<string, unknown>) => {
      try {
        checker.check("aws:x/y:Y", "r", inputs, REGION);
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    };
    const src = "[provider rule: hashicorp/terraform-provider-aws@000000000000 internal/service/x/y.go";
    expect(run({ a: 1 })).to.equal(undefined);
    expect(run({ a: 1, b: 2 })).to.equal(
      `aws:x/y:Y "r": (resource): got a and b set; allowed: exactly one of a, b (ExactlyOneOf) ${src} (a)]`,
    );
    expect(run({})).to.match(/got none set; allowed: exactly one of a, b \(ExactlyOneOf\)/);
    expect(run({ a: 1, items: [{ c: 1 }, {}] })).to.equal(
      `aws:x/y:Y "r": items[1]: got none set; allowed: at least one of items[1].c, items[1].d (AtLeastOneOf) ${src} (items.*.c)]`,
    );
    expect(run({ a: 1, e: "x" })).to.equal(
      `aws:x/y:Y "r": e: got "x" without f; allowed: only together with f (RequiredWith) ${src} (e)]`,
    );
    expect(run({ a: 1, e: "x", f: "y" })).to.equal(undefined);
  });

  it("values unknown during preview are skipped, a secret is never echoed", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(refused(ALARM, { ...okAlarm, comparisonOperator: unknown, period: unknown })).to.equal(undefined);
    const t: RulesTable = {
      pulumiAws: "7.48.0",
      sources: [
        { repo: "hashicorp/terraform-provider-aws", commit: "0".repeat(40), file: "internal/service/x/y.go" },
      ],
      types: {
        "aws:x/y:Y": {
          tf: "aws_x_y",
          src: 0,
          notCovered: [],
          unmapped: [],
          pulumiOptional: [],
          rules: [
            { path: ["masterPassword"], tf: "master_password", rule: "value", check: { k: "len", min: 8 } },
          ],
        },
      },
    };
    expect(() => new ProviderRuleChecker(t).check("aws:x/y:Y", "r", { masterPassword: "hunter2" }, REGION))
      .to.throw(/masterPassword: got \[secret\]; allowed: at least 8 characters/)
      .and.not.match(/hunter2/);
  });

  it("fails the registration itself, naming resource, property, value and rule", async () => {
    setupMocks();
    const alarm = new aws.cloudwatch.MetricAlarm("cpu", { ...okAlarm, period: 45 });
    let error: unknown;
    await outputOf(alarm.arn).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain(
      `${ALARM} "cpu": period: got 45; allowed: one of 10, 20, 30 or a multiple of 60`,
    );
  });
});

describe("AWS rules the provider does not check", () => {
  it("PutMetricAlarm: period × evaluationPeriods at most one day under an hour's period, seven days otherwise", () => {
    expect(refused(ALARM, { ...okAlarm, period: 60, evaluationPeriods: 1440 })).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, period: 60, evaluationPeriods: 1441 })).to.equal(
      `${ALARM} "r": evaluationPeriods: got 1441 (× period 60 s = 86460 s); allowed: period × evaluationPeriods ≤ 86400 s for periods under an hour ` +
        "[AWS rule: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)]",
    );
    expect(refused(ALARM, { ...okAlarm, period: 3600, evaluationPeriods: 168 })).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, period: 3600, evaluationPeriods: 169 })).to.match(
      /≤ 604800 s \[AWS rule/,
    );
  });

  it("CreateDBInstanceReadReplica: a same-region replica sends no KmsKeyId; a cross-region one may", () => {
    const key = `arn:aws:kms:${REGION}:123456789012:key/k`;
    const replica = { instanceClass: "db.m6g.large", replicateSourceDb: "db-primary" };
    expect(refused("aws:rds/instance:Instance", { ...replica, kmsKeyId: key })).to.equal(
      `aws:rds/instance:Instance "r": kmsKeyId: got "${key}" on a read replica of "db-primary" in the same region (${REGION}); ` +
        "allowed: nothing (a same-region replica inherits the source's key) " +
        "[AWS rule: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (KmsKeyId)]",
    );
    expect(refused("aws:rds/instance:Instance", replica)).to.equal(undefined);
    const crossRegion = {
      ...replica,
      replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:db-primary",
      kmsKeyId: key,
    };
    expect(refused("aws:rds/instance:Instance", crossRegion)).to.equal(undefined);
  });
});

describe("r-s3", () => {
  const src = (type: string, tf: string) => {
    const s = table.sources[table.types[type]!.src]!;
    return `[provider rule: ${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})]`;
  };
  const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
  const rule = { id: "expire", status: "Enabled", filter: { prefix: "" }, expiration: { days: 30 } };

  it("plugin framework: stringvalidator.OneOf over a package helper (lifecycle rule status)", () => {
    expect(refused(LIFECYCLE, { bucket: "b", rules: [rule] })).to.equal(undefined);
    expect(
      refused(LIFECYCLE, { bucket: "b", rules: [rule, { ...rule, id: "two", status: "enabled" }] }),
    ).to.equal(
      `${LIFECYCLE} "r": rules[1].status: got "enabled"; allowed: one of "Disabled", "Enabled" ${src(LIFECYCLE, "rule.*.status")}`,
    );
  });

  it("plugin framework: int32validator.AtLeast inside a nested block (noncurrent version expiration)", () => {
    const withNoncurrent = (noncurrentDays: number) => ({
      bucket: "b",
      rules: [{ ...rule, noncurrentVersionExpiration: { noncurrentDays } }],
    });
    expect(refused(LIFECYCLE, withNoncurrent(1))).to.equal(undefined);
    expect(refused(LIFECYCLE, withNoncurrent(0))).to.equal(
      `${LIFECYCLE} "r": rules[0].noncurrentVersionExpiration.noncurrentDays: got 0; allowed: at least 1 ` +
        src(LIFECYCLE, "rule.*.noncurrent_version_expiration.*.noncurrent_days"),
    );
  });

  it("a value list built by tfslices.AppendUnique(enum.Values[…](), …) (versioning status)", () => {
    const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
    for (const status of ["Enabled", "Suspended", "Disabled"])
      expect(refused(VERSIONING, { bucket: "b", versioningConfiguration: { status } }), status).to.equal(
        undefined,
      );
    expect(refused(VERSIONING, { bucket: "b", versioningConfiguration: { status: "On" } })).to.equal(
      `${VERSIONING} "r": versioningConfiguration.status: got "On"; allowed: one of "Enabled", "Suspended", "Disabled" ` +
        src(VERSIONING, "versioning_configuration.0.status"),
    );
  });

  it("enum values from the AWS API model (botocore), newer than the index's aws-sdk-go-v2 (SSE algorithm)", () => {
    const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
    const sse = (sseAlgorithm: string) => ({
      bucket: "b",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }],
    });
    // aws:kms:dsse (2023) is missing from the index's aws-sdk-go-v2 enums: the model's list is the one used
    expect(refused(SSE, sse("aws:kms:dsse"))).to.equal(undefined);
    expect(refused(SSE, sse("KMS"))).to.equal(
      `${SSE} "r": rules[0].applyServerSideEncryptionByDefault.sseAlgorithm: got "KMS"; allowed: one of "AES256", ` +
        `"aws:fsx", "aws:kms", "aws:kms:dsse" ${src(SSE, "rule.*.apply_server_side_encryption_by_default.0.sse_algorithm")}`,
    );
    const enumSrc = table.types[SSE]!.enumSrc!.map((i) => table.sources[i]!);
    expect(enumSrc.map((s) => s.repo)).to.deep.equal(["boto/botocore"]);
  });

  it("enum.Slice over the model's constants: a bucket grant takes CanonicalUser or Group, not AmazonCustomerByEmail", () => {
    const BUCKET = "aws:s3/bucket:Bucket";
    const grant = (type: string) => ({ grants: [{ type, permissions: ["READ"] }] });
    expect(refused(BUCKET, grant("Group"))).to.equal(undefined);
    expect(refused(BUCKET, grant("AmazonCustomerByEmail"))).to.equal(
      `${BUCKET} "r": grants[0].type: got "AmazonCustomerByEmail"; allowed: one of "CanonicalUser", "Group" ${src(BUCKET, "grant.*.type")}`,
    );
  });

  it("CloudTrail: the trail name's length, and a data resource type from the provider's own list", () => {
    const TRAIL = "aws:cloudtrail/trail:Trail";
    const trail = { s3BucketName: "logs", name: "org-trail" };
    expect(refused(TRAIL, trail)).to.equal(undefined);
    expect(refused(TRAIL, { ...trail, name: "ab" })).to.equal(
      `${TRAIL} "r": name: got "ab"; allowed: 3 to 128 characters ${src(TRAIL, "name")}`,
    );
    const selector = (type: string) => ({
      ...trail,
      eventSelectors: [{ readWriteType: "All", dataResources: [{ type, values: ["arn:aws:s3"] }] }],
    });
    expect(refused(TRAIL, selector("AWS::S3::Object"))).to.equal(undefined);
    expect(refused(TRAIL, selector("AWS::S3::Bucket"))).to.equal(
      `${TRAIL} "r": eventSelectors[0].dataResources[0].type: got "AWS::S3::Bucket"; allowed: one of ` +
        `"AWS::DynamoDB::Table", "AWS::Lambda::Function", "AWS::S3::Object" ${src(TRAIL, "event_selector.*.data_resource.*.type")}`,
    );
  });

  it("AWS Config: the snapshot delivery frequency and a rule's owner", () => {
    const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
    const channel = (deliveryFrequency: string) => ({
      s3BucketName: "config",
      snapshotDeliveryProperties: { deliveryFrequency },
    });
    expect(refused(CHANNEL, channel("TwentyFour_Hours"))).to.equal(undefined);
    expect(refused(CHANNEL, channel("24_Hours"))).to.equal(
      `${CHANNEL} "r": snapshotDeliveryProperties.deliveryFrequency: got "24_Hours"; allowed: one of "One_Hour", ` +
        `"Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours" ` +
        src(CHANNEL, "snapshot_delivery_properties.0.delivery_frequency"),
    );
    const RULE = "aws:cfg/rule:Rule";
    expect(refused(RULE, { source: { owner: "AWS", sourceIdentifier: "VPC_FLOW_LOGS_ENABLED" } })).to.equal(
      undefined,
    );
    expect(
      refused(RULE, { source: { owner: "Amazon", sourceIdentifier: "VPC_FLOW_LOGS_ENABLED" } }),
    ).to.equal(
      `${RULE} "r": source.owner: got "Amazon"; allowed: one of "CUSTOM_LAMBDA", "AWS", "CUSTOM_POLICY" ${src(RULE, "source.0.owner")}`,
    );
  });

  it("Budgets: the time unit, and ConflictsWith between limitAmount and plannedLimits", () => {
    const BUDGET = "aws:budgets/budget:Budget";
    const budget = { budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "100.00", limitUnit: "USD" };
    expect(refused(BUDGET, budget)).to.equal(undefined);
    expect(refused(BUDGET, { ...budget, timeUnit: "WEEKLY" })).to.equal(
      `${BUDGET} "r": timeUnit: got "WEEKLY"; allowed: one of "DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY", "CUSTOM" ${src(BUDGET, "time_unit")}`,
    );
    const planned = [{ amount: "100", startTime: "2026-12-01_00:00", unit: "USD" }];
    expect(refused(BUDGET, { ...budget, limitUnit: undefined, plannedLimits: planned })).to.match(
      /^aws:budgets\/budget:Budget "r": limitAmount: got "100.00" together with plannedLimits; allowed: only one of them \(ConflictsWith\)/,
    );
  });
});
