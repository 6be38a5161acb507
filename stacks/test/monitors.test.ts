import { expect } from "chai";
import { MIRRORED_RULES } from "@cloudblocks/alarming-pipeline";
import { policies } from "@cloudblocks/policies";
import type { PlanResource } from "@cloudblocks/testkit";
import { named, ofType, plans } from "./plans";

const doc = (r: PlanResource, key: string) => JSON.parse(r.inputs[key] as string) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("the seed's monitors (issue 12): ops report and AWS Config", function () {
  it("prod: a 09:00 Asia/Seoul schedule invokes the report function through a role only Scheduler of this account can assume", async () => {
    const prod = (await plans()).prod;
    const [schedule] = ofType(prod, "aws:scheduler/schedule:Schedule");
    const fn = named(ofType(prod, "aws:lambda/function:Function"), "-ops-report");
    const dlq = named(ofType(prod, "aws:sqs/queue:Queue"), "-ops-report-dlq");
    const fnOut = prod.plan.resources.find((r) => r.urn === fn.urn)!;
    expect(schedule!.inputs).to.deep.include({
      scheduleExpression: "cron(0 9 * * ? *)",
      scheduleExpressionTimezone: "Asia/Seoul",
      flexibleTimeWindow: { mode: "OFF" },
    });
    const target = schedule!.inputs["target"] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(target["arn"]).to.match(
      /^arn:aws:lambda:ap-northeast-2:\d{12}:function:buddyverse-prod-alarms-ops-report-/,
    );
    expect(target["deadLetterConfig"]["arn"]).to.match(/:buddyverse-prod-alarms-ops-report-dlq-/);
    const schedulerRole = named(ofType(prod, "aws:iam/role:Role"), "-ops-report-scheduler-role");
    expect(doc(schedulerRole, "assumeRolePolicy").Statement).to.deep.equal([
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      },
    ]);
    expect(
      doc(named(ofType(prod, "aws:iam/rolePolicy:RolePolicy"), "-ops-report-scheduler-policy"), "policy")
        .Statement,
    ).to.deep.equal([
      { Sid: "InvokeReport", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: target["arn"] },
      {
        Sid: "DeadLetter",
        Effect: "Allow",
        Action: "sqs:SendMessage",
        Resource: target["deadLetterConfig"]["arn"],
      },
    ]);
    const env = (fnOut.inputs["environment"] as { variables: Record<string, string> }).variables;
    expect(env).to.include({
      REPORT_TIME_ZONE: "Asia/Seoul",
      COST_TAG_KEY: "cloudblocks:component",
      MONTHLY_BUDGET_USD: "3000",
      HEALTH_CHECK_URL: "https://buddyverse.link/",
      ALARM_REGIONS: "ap-northeast-2,us-east-1",
    });
    expect(env["AUTO_SCALING_GROUPS"]).to.match(/^buddyverse-prod-web-asg/);
    expect(env["HEALTH_CHECK_ID"]).to.be.a("string").and.not.equal("");
    expect(fnOut.inputs).to.deep.include({
      runtime: "nodejs22.x",
      deadLetterConfig: { targetArn: target["deadLetterConfig"]["arn"] },
    });
    expect(dlq.inputs["sqsManagedSseEnabled"]).to.equal(true);
  });

  it("prod: the report role may read spend, health, scaling and alarm history, and publish to the one topic with its key — nothing more", async () => {
    const prod = (await plans()).prod;
    const statements = doc(
      named(ofType(prod, "aws:iam/rolePolicy:RolePolicy"), "-ops-report-policy"),
      "policy",
    ).Statement as {
      Sid: string;
      Action: string | string[];
      Resource: string;
    }[];
    const topic = named(ofType(prod, "aws:sns/topic:Topic"), "alarms-topic");
    const topicKey = named(ofType(prod, "aws:kms/key:Key"), "alarms-topic-key");
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).to.have.members([
      "WriteOwnLogs",
      "ReadSpendHealthAndScaling",
      "ReadMetricAlarmHistory",
      "PublishReport",
      "EncryptForTopic",
      "DeadLetter",
    ]);
    expect(bySid["ReadSpendHealthAndScaling"]!.Action).to.have.members([
      "ce:GetCostAndUsage",
      "ce:GetCostForecast",
      "cloudwatch:GetMetricData",
      "autoscaling:DescribeScalingActivities",
    ]);
    expect(bySid["ReadMetricAlarmHistory"]).to.deep.include({
      Action: "cloudwatch:DescribeAlarmHistory",
      Resource: "arn:aws:cloudwatch:*:123456789012:alarm:*",
    });
    expect(bySid["PublishReport"]!.Resource).to.match(
      /^arn:aws:sns:ap-northeast-2:\d{12}:buddyverse-prod-alarms-topic-/,
    );
    expect(bySid["EncryptForTopic"]!.Resource).to.match(/^arn:aws:kms:ap-northeast-2:\d{12}:key\//);
    expect(topic.type).to.equal("aws:sns/topic:Topic");
    expect(topicKey.inputs["enableKeyRotation"]).to.equal(true);
  });

  it("prod: its own alarms are Errors ≥ 3 in the schedule's day and any message in its dead-letter queue (seed 004)", async () => {
    const prod = (await plans()).prod;
    const alarms = ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(named(alarms, "-ops-report-metric-errors").inputs).to.deep.include({
      namespace: "AWS/Lambda",
      metricName: "Errors",
      statistic: "Sum",
      period: 86400,
      evaluationPeriods: 1,
      threshold: 3,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
    });
    expect(named(alarms, "-ops-report-metric-dead-letters").inputs).to.deep.include({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      threshold: 1,
    });
  });

  it("prod: AWS Config records everything into a hardened bucket only Config of this account may write, with the mirrored rules", async () => {
    const prod = (await plans()).prod;
    const [recorder] = ofType(prod, "aws:cfg/recorder:Recorder");
    expect(recorder!.inputs["recordingGroup"]).to.deep.equal({
      allSupported: true,
      includeGlobalResourceTypes: true,
    });
    expect(recorder!.inputs["roleArn"]).to.equal(
      "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
    );
    expect(ofType(prod, "aws:cfg/deliveryChannel:DeliveryChannel")).to.have.length(1);
    expect(ofType(prod, "aws:cfg/recorderStatus:RecorderStatus")[0]!.inputs["isEnabled"]).to.equal(true);
    expect(
      ofType(prod, "aws:cfg/rule:Rule").map(
        (r) => (r.inputs["source"] as { sourceIdentifier: string }).sourceIdentifier,
      ),
    ).to.have.members(Object.values(MIRRORED_RULES));
    // Every mirrored rule names a control the policy pack really has.
    const packNames = new Set(policies.map((p) => p.name));
    expect(Object.keys(MIRRORED_RULES).filter((name) => !packNames.has(name))).to.deep.equal([]);
    const policy = doc(
      named(ofType(prod, "aws:s3/bucketPolicy:BucketPolicy"), "alarms-config-bucket"),
      "policy",
    );
    const delivery = policy.Statement.find((s: { Sid: string }) => s.Sid === "AWSConfigBucketDelivery");
    expect(delivery.Condition).to.deep.equal({
      StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": "123456789012" },
    });
    expect(policy.Statement[0].Sid).to.equal("DenyInsecureTransport");
    const bucket = named(ofType(prod, "aws:s3/bucket:Bucket"), "alarms-config-bucket");
    expect(bucket.options.protect).to.equal(true);
    for (const type of [
      "bucketPublicAccessBlock:BucketPublicAccessBlock",
      "bucketVersioning:BucketVersioning",
      "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    ])
      expect(
        ofType(prod, `aws:s3/${type}`).some((r) => r.name === "buddyverse-prod-alarms-config-bucket"),
      ).to.equal(true);
  });

  it("dev: no AWS Config (cost), and the report runs on Friday mornings", async () => {
    const dev = (await plans()).dev;
    expect(dev.plan.resources.filter((r) => r.type.startsWith("aws:cfg/"))).to.deep.equal([]);
    expect(ofType(dev, "aws:scheduler/schedule:Schedule")[0]!.inputs).to.deep.include({
      scheduleExpression: "cron(0 9 ? * FRI *)",
      scheduleExpressionTimezone: "Asia/Seoul",
    });
  });
});
