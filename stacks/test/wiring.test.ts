import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { scratchDir } from "@cloudblocks/testkit";
import { runPlan, type PlanResult } from "../src/plan/run-plan";
import { EFS_MOUNT_POINT } from "@cloudblocks/web-fleet";
import { parseOutputs } from "../src/verify/outputs";
import { SHARED_STATIC_DIR } from "../src/verify/scenarios/efs-shared";
import { planAccountPath } from "../src/plan/stack-files";
import { named, ofType, plans, root } from "./plans";

const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("the stack program wires the components (prod)", () => {
  let prod: PlanResult;
  before(async () => {
    prod = (await plans()).prod;
  });

  it("chains security groups: world → ALB on 80/443 → app on 80 → database on 3306 (WEB-5, DB-4)", () => {
    const rules = ofType(prod, INGRESS);
    const world = rules.filter((r) => r.inputs["cidrIpv4"] === "0.0.0.0/0").map((r) => r.inputs["fromPort"]);
    expect(world).to.have.members([80, 443]);
    const appIn = named(rules, "-web-app-in-80");
    const dbIn = named(rules, "-db-from-app");
    expect(dbIn.inputs).to.include({ fromPort: 3306, toPort: 3306 });
    // the database trusts the group the app rule belongs to, and the app trusts the ALB's group
    expect(dbIn.inputs["referencedSecurityGroupId"]).to.equal(appIn.inputs["securityGroupId"]);
    const albIn = named(rules, "-web-alb-in-443");
    expect(appIn.inputs["referencedSecurityGroupId"]).to.equal(albIn.inputs["securityGroupId"]);
    expect(rules.filter((r) => r.inputs["fromPort"] === 3306 && r.inputs["cidrIpv4"])).to.deep.equal([]);
  });

  it("runs the fleet 2/2/4 over both AZs and protects the Multi-AZ database with a replica (STK-1)", () => {
    const group = ofType(prod, "aws:autoscaling/group:Group")[0]!;
    expect([group.inputs["minSize"], group.inputs["desiredCapacity"], group.inputs["maxSize"]]).to.deep.equal(
      [2, 2, 4],
    );
    expect(group.inputs["vpcZoneIdentifiers"]).to.have.length(2);
    const primary = named(ofType(prod, "aws:rds/instance:Instance"), "-db-primary");
    expect(primary.inputs).to.include({ multiAz: true, deletionProtection: true, backupRetentionPeriod: 7 });
    expect(primary.options.protect).to.equal(true);
    expect(
      ofType(prod, "aws:rds/instance:Instance").filter((r) => r.inputs["replicateSourceDb"]),
    ).to.have.length(1);
    expect(
      named(ofType(prod, "aws:lb/loadBalancer:LoadBalancer"), "-web-alb").inputs["enableDeletionProtection"],
    ).to.equal(true);
  });

  it("protects every stateful resource: database and its key, shared files, audit logs and their key, Config history (STK-1)", () => {
    const protectedNames = prod.plan.resources.filter((r) => r.options.protect).map((r) => r.name);
    expect(protectedNames).to.have.members([
      "buddyverse-prod-db-primary",
      "buddyverse-prod-db-key",
      "buddyverse-prod-web-efs",
      "buddyverse-prod-alarms-trail-bucket",
      "buddyverse-prod-alarms-trail-key",
      // Issue 12: AWS Config's configuration history.
      "buddyverse-prod-alarms-config-bucket",
    ]);
  });

  it("alarms on app log lines starting with ERROR, ≥ 2 within 1 minute, in the app's own log group (ALM-3, seeds 002, 004)", () => {
    const logGroup = named(ofType(prod, "aws:cloudwatch/logGroup:LogGroup"), "-web-logs");
    const filter = named(ofType(prod, "aws:cloudwatch/logMetricFilter:LogMetricFilter"), "-log-app-errors");
    expect(filter.inputs["pattern"]).to.equal("%^ERROR%");
    // the filter watches the fleet's own log group (auto-named from this prefix)
    expect(logGroup.inputs["namePrefix"]).to.equal("/cloudblocks/web-fleet/buddyverse-prod-web/");
    expect(filter.inputs["logGroupName"]).to.match(
      /^\/cloudblocks\/web-fleet\/buddyverse-prod-web\/[0-9a-f]+$/,
    );
    const alarm = ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm").find(
      (a) => a.inputs["metricName"] === (filter.inputs["metricTransformation"] as { name: string }).name,
    )!;
    expect(alarm.inputs).to.include({
      threshold: 2,
      period: 60,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
    });
  });

  it("probes https://buddyverse.link/ with a Route 53 health check (ALM-8) and builds one dashboard of fleet and DB metrics (ALM-7)", () => {
    const check = ofType(prod, "aws:route53/healthCheck:HealthCheck")[0]!;
    expect(check.inputs).to.include({ fqdn: "buddyverse.link", port: 443, type: "HTTPS", resourcePath: "/" });
    const body = JSON.parse(
      ofType(prod, "aws:cloudwatch/dashboard:Dashboard")[0]!.inputs["dashboardBody"] as string,
    ) as { widgets: { type: string; properties: { metrics?: unknown[][]; alarms?: string[] } }[] };
    const namespaces = body.widgets.flatMap((w) => (w.properties.metrics ?? []).map((m) => m[0]));
    expect(namespaces).to.include.members(["AWS/EC2", "AWS/ApplicationELB", "AWS/RDS"]);
    const alarmWidget = body.widgets.find((w) => w.type === "alarm")!;
    expect(alarmWidget.properties.alarms!.some((arn) => arn.includes("-db-"))).to.equal(true);
  });

  it("alarms on the web server's own error lines in its error-log group, separate from the app log", () => {
    const filter = named(
      ofType(prod, "aws:cloudwatch/logMetricFilter:LogMetricFilter"),
      "-log-web-server-errors",
    );
    expect(filter.inputs["pattern"]).to.equal(
      "%\\[[a-z0-9_]*:error\\]|\\[[a-z0-9_]*:crit\\]|\\[[a-z0-9_]*:alert\\]|\\[[a-z0-9_]*:emerg\\]%",
    );
    expect(filter.inputs["logGroupName"]).to.match(
      /^\/cloudblocks\/web-fleet\/buddyverse-prod-web\/web-error-/,
    );
    const app = named(ofType(prod, "aws:cloudwatch/logMetricFilter:LogMetricFilter"), "-log-app-errors");
    expect(app.inputs["logGroupName"]).not.to.equal(filter.inputs["logGroupName"]);
  });

  it("shows the boot-failure, memory and disk alarms of the fleet, an agent that stops reporting being an alarm", () => {
    const alarms = ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const by = (suffix: string) => named(alarms, suffix).inputs;
    expect(by("-web-alarm-boot-failed")).to.include({ treatMissingData: "notBreaching", threshold: 1 });
    expect(by("-web-alarm-memory")).to.include({
      metricName: "mem_used_percent",
      treatMissingData: "breaching",
    });
    expect(by("-web-alarm-disk")).to.include({
      metricName: "disk_used_percent",
      treatMissingData: "breaching",
    });
    expect(
      named(ofType(prod, "aws:efs/accessPoint:AccessPoint"), "-web-efs-ap").inputs["posixUser"],
    ).to.deep.equal({
      uid: 2000,
      gid: 2000,
    });
  });

  it("exports the STK-2 outputs", () => {
    expect(prod.plan.outputs).to.include.keys(
      "siteUrl",
      "albDnsName",
      "dbWriterEndpoint",
      "dbReaderEndpoints",
      "dashboardUrl",
      "alarmTopicArn",
      "vpcId",
      "appSubnetIds",
      "dataSubnetIds",
      "publicSubnetIds",
    );
    expect(prod.plan.outputs["siteUrl"]).to.equal("https://buddyverse.link");
    expect(prod.plan.outputs["dbReaderEndpoints"]).to.have.length(1);
  });

  it("exports what `npm run verify` reads (#13): ids to probe, every alarm, and the configured TLS policy", async () => {
    const outputs = parseOutputs(prod.plan.outputs, "the prod plan");
    expect(outputs.sslPolicy).to.equal("ELBSecurityPolicy-TLS13-1-2-2021-06");
    expect(outputs.domainName).to.equal("buddyverse.link");
    expect(outputs.healthCheckId).to.be.a("string");
    // The alarm names behind the ARNs (the mocks name an alarm `<resource name>-<random suffix>`).
    const nameOf = (arn: string) => arn.replace(/^.*:alarm:/, "").replace(/-[0-9a-f]{7}$/, "");
    expect(nameOf(outputs.appErrorsAlarmArn)).to.equal("buddyverse-prod-alarms-log-app-errors");
    // Every alarm that notifies a topic is checked by verify (scaling-policy alarms, ALARM at idle, would not be).
    const notifying = ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
      ((a.inputs["alarmActions"] as string[] | undefined) ?? []).some((x) => x.includes(":sns:")),
    );
    expect(outputs.alarmArns.map(nameOf)).to.have.members(notifying.map((a) => a.name));
    expect(SHARED_STATIC_DIR, "verify writes where the fleet mounts its EFS").to.equal(
      `${EFS_MOUNT_POINT}/static`,
    );
    const dev = parseOutputs((await plans()).dev.plan.outputs, "the dev plan");
    expect([dev.domainName, dev.sslPolicy, dev.healthCheckId]).to.deep.equal([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("sends every alarm, on ALARM and on OK, to the alarm topic (or its us-east-1 twin for us-east-1 metrics)", () => {
    const topic = prod.plan.outputs["alarmTopicArn"] as string;
    const globalTopic = ofType(prod, "aws:sns/topic:Topic").find((t) => t.inputs["region"] === "us-east-1");
    const alarms = ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.length).to.be.greaterThan(20);
    for (const alarm of alarms) {
      const expected =
        alarm.inputs["region"] === "us-east-1"
          ? `arn:aws:sns:us-east-1:123456789012:${globalTopic!.name}`
          : topic;
      const actions = [
        ...(alarm.inputs["alarmActions"] as string[]),
        ...(alarm.inputs["okActions"] as string[]),
      ];
      expect(
        actions.map((arn) => (arn.startsWith(expected) ? "topic" : arn)),
        alarm.name,
      ).to.deep.equal(["topic", "topic"]);
    }
  });
});

describe("dev is the cheap variant of the same program (STK-1)", () => {
  let dev: PlanResult;
  before(async () => {
    dev = (await plans()).dev;
  });

  it("uses one NAT instance, a 1/1/2 fleet on plain HTTP, a single-AZ database without replica or deletion protection", () => {
    expect(ofType(dev, "aws:ec2/natGateway:NatGateway")).to.have.length(0);
    expect(
      ofType(dev, "aws:ec2/instance:Instance").filter((i) => i.inputs["sourceDestCheck"] === false),
    ).to.have.length(1);
    const group = ofType(dev, "aws:autoscaling/group:Group")[0]!;
    expect([group.inputs["minSize"], group.inputs["desiredCapacity"], group.inputs["maxSize"]]).to.deep.equal(
      [1, 1, 2],
    );
    expect(ofType(dev, "aws:acm/certificate:Certificate")).to.have.length(0);
    const databases = ofType(dev, "aws:rds/instance:Instance");
    expect(databases).to.have.length(1);
    expect(databases[0]!.inputs).to.include({
      multiAz: false,
      deletionProtection: false,
      backupRetentionPeriod: 1,
    });
    expect(databases[0]!.options.protect).to.equal(false);
    expect(dev.plan.outputs["siteUrl"]).to.match(/^http:\/\/.*\.elb\.amazonaws\.com$/);
  });

  it("recovers its NAT instance on a system status-check failure and alarms to the topic when it is impaired", () => {
    const alarms = ofType(dev, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const recover = named(alarms, "-network-nat-recover").inputs;
    expect(recover["metricName"]).to.equal("StatusCheckFailed_System");
    expect((recover["alarmActions"] as string[])[0]).to.equal("arn:aws:automate:ap-northeast-2:ec2:recover");
    const impaired = named(alarms, "-network-nat-impaired").inputs;
    expect(impaired).to.include({ metricName: "StatusCheckFailed", treatMissingData: "breaching" });
    expect(impaired["alarmActions"]).to.deep.equal([dev.plan.outputs["alarmTopicArn"]]);
  });

  it("shows its documented exceptions as advisory findings, never as mandatory ones", () => {
    const findings = dev.plan.policies.violations.map((v) => `${v.enforcement} ${v.policy}`);
    expect([...new Set(findings)]).to.have.members([
      "advisory nat-per-az",
      "advisory az-loss-survivable",
      "advisory alb-http-redirects-to-https",
      "advisory alb-deletion-protection",
      "advisory rds-multi-az",
      "advisory rds-deletion-protection",
    ]);
  });
});

describe("the chat notifier, once a webhook secret is configured (ALM-2)", () => {
  it("deploys the notifier subscribed to the topic, reading the secret by ARN, with its error and dead-letter alarms", async () => {
    const scratch = scratchDir("plan-notifier-");
    copyFileSync(path.join(root, "Pulumi.yaml"), path.join(scratch, "Pulumi.yaml"));
    // The account prod deploys into (its hosted zone), which the plan's invokes look up.
    mkdirSync(path.join(scratch, "stacks", "plan-account"), { recursive: true });
    copyFileSync(planAccountPath(root, "prod"), planAccountPath(scratch, "prod"));
    const secretArn =
      "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:buddyverse/prod/chat-webhook-AbCdEf";
    // What `pulumi config set --path 'buddyverse:alarms.webhookSecretArn' <arn>` adds to the stack file.
    const prodFile = readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace(
      "  buddyverse:alarms:\n",
      `  buddyverse:alarms:\n    webhookSecretArn: ${secretArn}\n`,
    );
    writeFileSync(path.join(scratch, "Pulumi.prod.yaml"), prodFile);
    const result = await runPlan(scratch, "prod");
    const fn = ofType(result, "aws:lambda/function:Function")[0]!;
    expect(fn.inputs["runtime"]).to.equal("nodejs22.x");
    expect((fn.inputs["environment"] as { variables: Record<string, string> }).variables).to.deep.equal({
      WEBHOOK_SECRET_ARN: secretArn,
    });
    const subscription = ofType(result, "aws:sns/topicSubscription:TopicSubscription").find(
      (s) => s.inputs["protocol"] === "sqs" && s.inputs["region"] === undefined,
    )!;
    expect(subscription.inputs["topic"]).to.equal(result.plan.outputs["alarmTopicArn"]);
    const alarms = ofType(result, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(
      alarms.find((a) => a.inputs["namespace"] === "AWS/Lambda" && a.inputs["metricName"] === "Errors")!
        .inputs,
    ).to.include({ threshold: 3, comparisonOperator: "GreaterThanOrEqualToThreshold" });
    expect(alarms.some((a) => a.inputs["namespace"] === "AWS/SQS")).to.equal(true);
    expect(result.plan.policies.violations).to.deep.equal([]);
  });
});
