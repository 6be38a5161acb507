import { expect } from "chai";
import type { PlanResource } from "@cloudblocks/testkit";
import type { PlanResult } from "../src/plan/run-plan";
import { ofType, plans } from "./plans";

/*
 * The deploy defects of issue #9 item 4, each checked on the offline plans of both stacks: what `pulumi up`
 * would send AWS, against the AWS documentation named in each test.
 */

const statementsOf = (r: PlanResource) =>
  (JSON.parse(String(r.inputs["policy"])) as { Statement: Record<string, unknown>[] }).Statement;

describe("deploy defects found by review (issue #9 item 4)", () => {
  let dev: PlanResult;
  let prod: PlanResult;
  before(async () => {
    ({ dev, prod } = await plans());
  });

  it("the trail key lets CloudTrail decrypt, as an SSE-KMS trail bucket with an S3 Bucket Key requires", () => {
    const key = ofType(prod, "aws:kms/key:Key").find((k) => k.name.endsWith("-trail-key"))!;
    const decrypt = statementsOf(key).find((s) => s["Sid"] === "CloudTrailDecryptsForBucketKey")!;
    expect(decrypt).to.deep.include({
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:Decrypt",
    });
    const bucketName = ofType(prod, "aws:s3/bucket:Bucket").find((b) => b.name.endsWith("-trail-bucket"))!;
    const sse = ofType(
      prod,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    )
      .map((c) => (c.inputs["rules"] as { bucketKeyEnabled?: boolean }[])[0]!)
      .filter((rule) => rule.bucketKeyEnabled === true);
    expect(bucketName, "trail bucket").to.not.equal(undefined);
    expect(sse.length, "an SSE-KMS bucket with a Bucket Key").to.be.greaterThan(0);
  });

  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: the flow log waits for its role's policy, the RDS event subscriptions for the topic policy`, () => {
      const result = stack === "dev" ? dev : prod;
      const rolePolicy = ofType(result, "aws:iam/rolePolicy:RolePolicy").find((p) =>
        p.name.endsWith("-flow-logs-write"),
      )!;
      const flowLog = ofType(result, "aws:ec2/flowLog:FlowLog").find(
        (f) => f.inputs["logDestinationType"] === "cloud-watch-logs",
      )!;
      expect(flowLog.options.dependsOn).to.include(rolePolicy.urn);
      const topicPolicy = ofType(result, "aws:sns/topicPolicy:TopicPolicy").find(
        (p) => p.inputs["region"] === undefined,
      )!;
      const subscriptions = ofType(result, "aws:rds/eventSubscription:EventSubscription");
      expect(subscriptions).to.have.length(3);
      for (const subscription of subscriptions)
        expect(subscription.options.dependsOn).to.include(topicPolicy.urn);
    });

    it(`${stack}: every S3 lifecycle rule has an explicit prefix filter, never an empty filter {}`, () => {
      const result = stack === "dev" ? dev : prod;
      const rules = ofType(
        result,
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      ).flatMap((c) => c.inputs["rules"] as { filter?: Record<string, unknown> }[]);
      expect(rules.length).to.be.greaterThan(0);
      for (const rule of rules) expect(rule.filter).to.have.property("prefix");
    });

    it(`${stack}: the dashboard's alarm-status widget lists only alarms of its own region; others get a graph read from theirs`, () => {
      const result = stack === "dev" ? dev : prod;
      const dashboard = ofType(result, "aws:cloudwatch/dashboard:Dashboard")[0]!;
      interface Widget {
        type: string;
        properties: { alarms?: string[]; region?: string; annotations?: { alarms?: string[] } };
      }
      const { widgets } = JSON.parse(String(dashboard.inputs["dashboardBody"])) as { widgets: Widget[] };
      const status = widgets.find((w) => w.type === "alarm")!;
      for (const arn of status.properties.alarms!) expect(arn.split(":")[3]).to.equal("ap-northeast-2");
      const elsewhere = widgets.filter((w) => w.properties.annotations?.alarms);
      for (const widget of elsewhere) {
        expect(widget.properties.region).to.equal(widget.properties.annotations!.alarms![0]!.split(":")[3]);
      }
      if (stack === "prod") {
        expect(elsewhere.map((w) => w.properties.region)).to.deep.equal(["us-east-1"]); // the SLA alarm
      }
    });
  }

  it("dev: without a trail, no EventBridge rule waits for CloudTrail events it would never receive", () => {
    const patterns = ofType(dev, "aws:cloudwatch/eventRule:EventRule").map((r) =>
      String(r.inputs["eventPattern"]),
    );
    expect(patterns.some((p) => p.includes("via CloudTrail"))).to.equal(false);
    expect(ofType(dev, "aws:cloudtrail/trail:Trail")).to.deep.equal([]);
    // prod has its trail, and the rules in both regions.
    const prodPatterns = ofType(prod, "aws:cloudwatch/eventRule:EventRule").map((r) =>
      String(r.inputs["eventPattern"]),
    );
    expect(prodPatterns.filter((p) => p.includes("via CloudTrail"))).to.have.length(4);
  });

  it("dev: the instance refresh launches the replacement before terminating the only instance", () => {
    const asg = ofType(dev, "aws:autoscaling/group:Group")[0]!;
    expect(asg.inputs["minSize"]).to.equal(1);
    const preferences = (asg.inputs["instanceRefresh"] as { preferences: Record<string, unknown> })
      .preferences;
    expect(preferences["minHealthyPercentage"]).to.equal(100);
    expect(preferences["maxHealthyPercentage"]).to.be.greaterThan(100);
  });

  it("prod: the stack output lists both e-mail confirmations each address must click (home and us-east-1 topic)", () => {
    const confirmations = prod.plan.outputs["alarmEmailConfirmations"] as string[];
    const { alarmTopicArn, globalAlarmTopicArn } = prod.plan.outputs as Record<string, string>;
    expect(globalAlarmTopicArn).to.match(/^arn:aws:sns:us-east-1:/);
    expect(confirmations).to.deep.equal([
      `ops@buddyverse.link → ${alarmTopicArn}`,
      `ops@buddyverse.link → ${globalAlarmTopicArn}`,
    ]);
  });

  it("prod: the same-region read replica sends no KmsKeyId (it inherits the source's key)", () => {
    const replica = ofType(prod, "aws:rds/instance:Instance").find(
      (i) => i.inputs["replicateSourceDb"] !== undefined,
    )!;
    expect(replica.inputs).to.not.have.property("kmsKeyId");
  });
});
