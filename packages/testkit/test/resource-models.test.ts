import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { outputOf, setupMocks, type MockEnvironment } from "../src";

describe("testkit resource models", () => {
  let env: MockEnvironment;
  beforeEach(() => {
    env = setupMocks({ project: "kit", stack: "unit" });
  });

  it("gives network resources EC2-shaped ids and ARNs in the mock account and region", async () => {
    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    const subnet = new aws.ec2.Subnet("app-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const sg = new aws.ec2.SecurityGroup("web", { vpcId: vpc.id });
    const eip = new aws.ec2.Eip("nat-a", { domain: "vpc" });
    const nat = new aws.ec2.NatGateway("nat-a", { subnetId: subnet.id, allocationId: eip.allocationId });
    expect(await outputOf(vpc.id)).to.match(/^vpc-0[0-9a-f]{16}$/);
    expect(await outputOf(vpc.arn)).to.match(
      /^arn:aws:ec2:ap-northeast-2:123456789012:vpc\/vpc-0[0-9a-f]{16}$/,
    );
    expect(await outputOf(vpc.defaultSecurityGroupId)).to.match(/^sg-0[0-9a-f]{16}$/);
    expect(await outputOf(subnet.id)).to.match(/^subnet-0[0-9a-f]{16}$/);
    expect(await outputOf(subnet.vpcId)).to.equal(await outputOf(vpc.id));
    expect(await outputOf(sg.id)).to.match(/^sg-0[0-9a-f]{16}$/);
    expect(await outputOf(eip.allocationId)).to.match(/^eipalloc-0[0-9a-f]{16}$/);
    expect(await outputOf(eip.publicIp)).to.match(/^3\.\d+\.\d+\.\d+$/);
    expect(await outputOf(nat.id)).to.match(/^nat-0[0-9a-f]{16}$/);
    expect(await outputOf(nat.allocationId)).to.equal(await outputOf(eip.allocationId));
  });

  it("gives load balancers ARNs with arnSuffix, a regional DNS name and the region's ALB zone id", async () => {
    // an ALB needs its subnets (the provider's ExactlyOneOf subnets / subnetMappings)
    const lb = new aws.lb.LoadBalancer("web", {
      loadBalancerType: "application",
      subnets: ["subnet-a", "subnet-c"],
    });
    const tg = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP" });
    const listener = new aws.lb.Listener("http", { loadBalancerArn: lb.arn, port: 80, defaultActions: [] });
    const lbArn = await outputOf(lb.arn);
    expect(lbArn).to.match(
      /^arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer\/app\/web-[0-9a-f]{7}\/[0-9a-f]{16}$/,
    );
    expect(await outputOf(lb.arnSuffix)).to.equal(lbArn.split(":loadbalancer/")[1]);
    expect(await outputOf(lb.dnsName)).to.match(/^web-[0-9a-f]{7}-\d+\.ap-northeast-2\.elb\.amazonaws\.com$/);
    expect(await outputOf(lb.zoneId)).to.equal("ZWKZPGTI48KDX");
    expect(await outputOf(tg.arnSuffix)).to.match(/^targetgroup\/web-[0-9a-f]{7}\/[0-9a-f]{16}$/);
    expect(await outputOf(listener.arn)).to.match(
      /:listener\/app\/web-[0-9a-f]{7}\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );
  });

  it("gives RDS instances an endpoint, address and port, and a managed master secret ARN", async () => {
    const db = new aws.rds.Instance("orders", {
      engine: "mysql",
      instanceClass: "db.t4g.micro",
      identifier: "orders-db",
      manageMasterUserPassword: true,
    });
    expect(await outputOf(db.address)).to.match(
      /^orders-db\.c[0-9a-f]{11}\.ap-northeast-2\.rds\.amazonaws\.com$/,
    );
    expect(await outputOf(db.endpoint)).to.equal(`${await outputOf(db.address)}:3306`);
    expect(await outputOf(db.port)).to.equal(3306);
    expect(await outputOf(db.arn)).to.equal("arn:aws:rds:ap-northeast-2:123456789012:db:orders-db");
    const secrets = await outputOf(db.masterUserSecrets);
    expect(secrets[0]!.secretArn).to.match(
      /^arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!db-/,
    );
  });

  it("gives messaging, functions, keys, logs and IAM their service's ARN formats", async () => {
    const topic = new aws.sns.Topic("alarms");
    const key = new aws.kms.Key("alarms", {});
    const logGroup = new aws.cloudwatch.LogGroup("app", { name: "/buddyverse/app" });
    const role = new aws.iam.Role("fn", { assumeRolePolicy: "{}" });
    const fn = new aws.lambda.Function("notifier", {
      role: role.arn,
      runtime: "nodejs22.x",
      handler: "index.handler",
      // the provider requires exactly one package source (code, imageUri or s3Bucket)
      s3Bucket: "artifacts",
      s3Key: "notifier.zip",
    });
    const bucket = new aws.s3.Bucket("Logs", {});
    expect(await outputOf(topic.arn)).to.match(
      /^arn:aws:sns:ap-northeast-2:123456789012:alarms-[0-9a-f]{7}$/,
    );
    expect(await outputOf(key.arn)).to.match(/^arn:aws:kms:ap-northeast-2:123456789012:key\/[0-9a-f-]{36}$/);
    expect(await outputOf(logGroup.arn)).to.equal(
      "arn:aws:logs:ap-northeast-2:123456789012:log-group:/buddyverse/app",
    );
    expect(await outputOf(role.arn)).to.match(/^arn:aws:iam::123456789012:role\/fn-[0-9a-f]{7}$/);
    expect(await outputOf(fn.arn)).to.match(
      /^arn:aws:lambda:ap-northeast-2:123456789012:function:notifier-[0-9a-f]{7}$/,
    );
    expect(await outputOf(bucket.bucket)).to.match(/^logs-[0-9a-f]{7}$/);
    expect(await outputOf(bucket.arn)).to.equal(`arn:aws:s3:::${await outputOf(bucket.bucket)}`);
  });

  it("honours the per-resource region of @pulumi/aws v7", async () => {
    const alarm = new aws.cloudwatch.MetricAlarm("sla", {
      region: "us-east-1",
      comparisonOperator: "LessThanThreshold",
      evaluationPeriods: 1,
    });
    expect(await outputOf(alarm.arn)).to.match(
      /^arn:aws:cloudwatch:us-east-1:123456789012:alarm:sla-[0-9a-f]{7}$/,
    );
  });

  it("issues DNS validation records for every certificate domain", async () => {
    const cert = new aws.acm.Certificate("site", {
      domainName: "buddyverse.link",
      subjectAlternativeNames: ["www.buddyverse.link"],
      validationMethod: "DNS",
    });
    const options = await outputOf(cert.domainValidationOptions);
    expect(options.map((o) => o.domainName)).to.deep.equal(["buddyverse.link", "www.buddyverse.link"]);
    expect(options[0]!.resourceRecordType).to.equal("CNAME");
    expect(options[0]!.resourceRecordName).to.match(/^_[0-9a-f]{32}\.buddyverse\.link\.$/);
  });

  it("answers invokes by token and records types it does not model", async () => {
    env = setupMocks({
      project: "kit",
      stack: "unit",
      catalogue: { hostedZones: [{ name: "buddyverse.link" }] },
    });
    const azs = await aws.getAvailabilityZones({});
    const identity = await aws.getCallerIdentity({});
    const ami = await aws.ssm.getParameter({
      name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    });
    const elb = await aws.elb.getServiceAccount({});
    const zone = await aws.route53.getZone({ name: "buddyverse.link" });
    expect(azs.names).to.deep.equal([
      "ap-northeast-2a",
      "ap-northeast-2b",
      "ap-northeast-2c",
      "ap-northeast-2d",
    ]);
    expect(identity.accountId).to.equal("123456789012");
    expect(ami.value).to.match(/^ami-0[0-9a-f]{16}$/);
    expect(elb.arn).to.equal("arn:aws:iam::600734575887:root");
    expect(zone.zoneId).to.match(/^Z[A-Z0-9]{20}$/);
    new aws.apigateway.RestApi("unmodelled", {});
    await env.settle();
    expect(env.recorder.unmodelledTypes).to.deep.equal(["aws:apigateway/restApi:RestApi"]);
  });

  it("answers getDefaultTags with the calling provider's defaultTags", async () => {
    const provider = new aws.Provider("tagged", {
      region: "ap-northeast-2",
      defaultTags: { tags: { Project: "buddyverse", Environment: "prod" } },
    });
    const tags = await outputOf(aws.getDefaultTagsOutput({}, { provider }).tags);
    expect(tags).to.deep.equal({ Project: "buddyverse", Environment: "prod" });
  });

  it("is deterministic: the same program gets the same ids", async () => {
    const first = await outputOf(new aws.ec2.Vpc("same", {}).id);
    setupMocks({ project: "kit", stack: "unit" });
    const second = await outputOf(new aws.ec2.Vpc("same", {}).id);
    expect(second).to.equal(first);
  });
});

class Widget extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("cloudblocks:index:Widget", name, {}, opts);
    const topic = new aws.sns.Topic(
      `${name}-topic`,
      {},
      { parent: this, protect: true, ignoreChanges: ["tags"] },
    );
    new aws.ssm.Parameter(
      `${name}-token`,
      { type: "SecureString", value: pulumi.secret("s3cr3t-value") },
      { parent: this, dependsOn: [topic], retainOnDelete: true },
    );
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}

describe("testkit recorder", () => {
  it("records a component's children with their parent, options and secret inputs", async () => {
    const env = setupMocks();
    const widget = new Widget("w");
    await outputOf(widget.topicArn);
    await env.settle();
    const component = env.recorder.one("cloudblocks:index:Widget");
    expect(component.custom).to.equal(false);
    const topic = env.recorder.one("aws:sns/topic:Topic", "w-topic");
    const parameter = env.recorder.one("aws:ssm/parameter:Parameter");
    expect(topic.parent).to.equal(component.urn);
    expect(topic.urn).to.equal(
      "urn:pulumi:test::cloudblocks::cloudblocks:index:Widget$aws:sns/topic:Topic::w-topic",
    );
    expect(env.recorder.childrenOf(component).map((r) => r.name)).to.have.members(["w-topic", "w-token"]);
    expect(topic.options.protect).to.equal(true);
    expect(topic.options.ignoreChanges).to.deep.equal(["tags"]);
    expect(parameter.options.retainOnDelete).to.equal(true);
    expect(parameter.options.dependsOn).to.deep.equal([topic.urn]);
    expect(parameter.secretPaths).to.deep.equal(["value"]);
  });

  it("supplies stack config before the program runs", () => {
    setupMocks({
      project: "buddyverse",
      config: { env: "prod", "aws:region": "ap-northeast-2", fleet: { min: 2 } },
    });
    const config = new pulumi.Config();
    expect(config.require("env")).to.equal("prod");
    expect(config.requireObject<{ min: number }>("fleet").min).to.equal(2);
    expect(new pulumi.Config("aws").require("region")).to.equal("ap-northeast-2");
  });
});
