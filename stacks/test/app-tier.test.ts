import { expect } from "chai";
import type { PlanResource } from "@cloudblocks/testkit";
import type { PlanResult } from "../src/plan/run-plan";
import { parseStackConfig, StackConfigError } from "../src/config";
import { named, ofType, plans } from "./plans";

const userDataOf = (plan: PlanResult): string =>
  Buffer.from(
    String(ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")[0]!.inputs["userData"]),
    "base64",
  ).toString("utf8");
const statementsOf = (policy: PlanResource) =>
  (JSON.parse(String(policy.inputs["policy"])) as { Statement: Record<string, unknown>[] }).Statement;

describe("the app tier reaches its database and notifies chat (issue 11)", () => {
  let prod: PlanResult;
  let dev: PlanResult;
  before(async () => {
    ({ prod, dev } = await plans());
  });

  it("prod instances get the writer and reader hosts, the port, the secret ARN and the CA bundle, never a password", () => {
    const host = (endpoint: unknown) => String(endpoint).replace(/:3306$/, "");
    const writer = host(prod.plan.outputs["dbWriterEndpoint"]);
    const readers = (prod.plan.outputs["dbReaderEndpoints"] as string[]).map(host);
    expect(writer).to.match(/^buddyverse-prod-db-primary\./);
    expect(readers).to.have.length(1);
    const secretArn = String(prod.plan.outputs["dbMasterSecretArn"]);
    const script = userDataOf(prod);
    const env = /cat >\/etc\/app\/database\.env <<'DATABASE_ENV'\n([\s\S]*?)\nDATABASE_ENV\n/.exec(script);
    expect(env, "the database environment file").to.not.equal(null);
    expect(env![1]!.split("\n")).to.deep.equal([
      `DB_WRITER_HOST=${writer}`,
      `DB_READER_HOSTS=${readers[0]}`,
      "DB_PORT=3306",
      `DB_SECRET_ARN=${secretArn}`,
      "DB_CA_BUNDLE=/etc/app/rds-ca-global-bundle.pem",
      "AWS_REGION=ap-northeast-2",
    ]);
    expect(secretArn).to.match(/^arn:aws:secretsmanager:ap-northeast-2:\d{12}:secret:rds!db-/);
    expect(script).not.to.match(/PASSWORD\s*=|MYSQL_PWD|"password"/i);
    expect(Buffer.byteLength(script, "utf8"), "EC2's 16 KB user data limit").to.be.below(16 * 1024);
  });

  it("prod's instance role may read that one secret and decrypt with that one key through Secrets Manager only", () => {
    const keyArn = named(ofType(prod, "aws:rds/instance:Instance"), "-db-primary").inputs[
      "masterUserSecretKmsKeyId"
    ];
    expect(keyArn).to.match(/^arn:aws:kms:/);
    const statements = statementsOf(
      named(ofType(prod, "aws:iam/rolePolicy:RolePolicy"), "-web-database-secret"),
    );
    const secretArn = String(prod.plan.outputs["dbMasterSecretArn"]);
    expect(statements).to.deep.equal([
      {
        Sid: "ReadTheDatabaseSecret",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: secretArn,
      },
      {
        Sid: "DecryptItThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: keyArn,
        Condition: {
          StringEquals: {
            "kms:ViaService": "secretsmanager.ap-northeast-2.amazonaws.com",
            "kms:EncryptionContext:SecretARN": secretArn,
          },
        },
      },
    ]);
    // The database still trusts exactly the fleet's group (the id reached it through the deferred output).
    const rules = ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    const appGroup = named(rules, "-web-app-in-80").inputs["securityGroupId"];
    expect(appGroup).to.match(/^sg-/);
    expect(named(rules, "-db-from-app").inputs["referencedSecurityGroupId"]).to.equal(appGroup);
  });

  it("prod notifies chat by default: its own empty webhook secret, the notifier, its subscriptions, DLQ and alarms", () => {
    const secret = named(ofType(prod, "aws:secretsmanager/secret:Secret"), "-alarms-webhook");
    const key = named(ofType(prod, "aws:kms/key:Key"), "-alarms-webhook-key");
    expect(key.inputs["enableKeyRotation"]).to.equal(true);
    expect(String(secret.inputs["kmsKeyId"])).to.match(/^arn:aws:kms:/);
    expect(ofType(prod, "aws:secretsmanager/secretVersion:SecretVersion")).to.deep.equal([]);
    const secretArn = prod.plan.outputs["chatWebhookSecretArn"];
    expect(secretArn).to.match(
      /^arn:aws:secretsmanager:ap-northeast-2:\d{12}:secret:buddyverse-prod-alarms-webhook-/,
    );
    const fn = named(ofType(prod, "aws:lambda/function:Function"), "-alarms-notifier");
    expect(fn.inputs["environment"]).to.deep.equal({ variables: { WEBHOOK_SECRET_ARN: secretArn } });
    expect(
      ofType(prod, "aws:sns/topicSubscription:TopicSubscription").filter(
        (s) => s.inputs["protocol"] === "sqs",
      ),
    ).to.have.length(2);
    const alarms = ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(named(alarms, "-notifier-metric-errors").inputs).to.include({
      metricName: "Errors",
      threshold: 3,
    });
    expect(named(alarms, "-notifier-metric-dead-letters").inputs).to.include({ threshold: 1 });
    expect(
      ofType(dev, "aws:lambda/function:Function").filter((f) => f.name.endsWith("-alarms-notifier")),
      "dev leaves chat off",
    ).to.deep.equal([]);
    expect(dev.plan.outputs["chatWebhookSecretArn"]).to.equal(undefined);
  });

  it("prod serves www.buddyverse.link too: a SAN with its validation record, an alias to the ALB, HTTP redirected", () => {
    expect(
      ofType(prod, "aws:acm/certificate:Certificate")[0]!.inputs["subjectAlternativeNames"],
    ).to.deep.equal(["www.buddyverse.link"]);
    const records = ofType(prod, "aws:route53/record:Record");
    named(records, "-web-cert-validation-www-buddyverse-link");
    const alias = named(records, "-web-alias-www-buddyverse-link");
    expect(alias.inputs).to.deep.include({ name: "www.buddyverse.link", type: "A" });
    const apex = named(records, "-web-alias-buddyverse-link");
    expect(alias.inputs["aliases"]).to.deep.equal(apex.inputs["aliases"]);
    expect((alias.inputs["aliases"] as { name: string }[])[0]!.name).to.equal(
      prod.plan.outputs["albDnsName"],
    );
    // One listener on 80 for every host name: a redirect to HTTPS.
    const http = ofType(prod, "aws:lb/listener:Listener").find((l) => l.inputs["port"] === 80)!;
    expect(JSON.stringify(http.inputs["defaultActions"]))
      .to.contain('"protocol":"HTTPS"')
      .and.contain('"type":"redirect"');
  });

  it("config drives scaling schedules and extra log alarms: prod's evening peak (Asia/Seoul) and WARN ≥ 3; dev has neither", () => {
    const schedules = ofType(prod, "aws:autoscaling/schedule:Schedule").map((s) => s.inputs);
    expect(schedules).to.deep.include.members([
      {
        autoscalingGroupName: schedules[0]!["autoscalingGroupName"],
        scheduledActionName: "evening-peak",
        recurrence: "0 18 * * 1-5",
        timeZone: "Asia/Seoul",
        minSize: 4,
        maxSize: -1,
        desiredCapacity: 4,
      },
    ]);
    expect(ofType(dev, "aws:autoscaling/schedule:Schedule")).to.deep.equal([]);
    const warn = named(ofType(prod, "aws:cloudwatch/logMetricFilter:LogMetricFilter"), "-log-app-warnings");
    const errors = named(ofType(prod, "aws:cloudwatch/logMetricFilter:LogMetricFilter"), "-log-app-errors");
    expect(warn.inputs).to.include({ pattern: "%^WARN%", logGroupName: errors.inputs["logGroupName"] });
    expect(
      named(ofType(prod, "aws:cloudwatch/metricAlarm:MetricAlarm"), "-log-app-warnings").inputs,
    ).to.include({ threshold: 3, period: 300 });
  });

  it("refuses a fleet log alarm that names its own log group, and reports the pipeline's rules against the config key", () => {
    const base = {
      region: "ap-northeast-2",
      environment: "prod",
      owner: "platform-team",
      costCenter: "bv-prod",
      network: { availabilityZones: ["ap-northeast-2a", "ap-northeast-2c"] },
      fleet: {},
      database: {},
    };
    expect(() =>
      parseStackConfig({ ...base, alarms: { fleetLogAlarms: [{ id: "x", logGroupName: "/other" }] } }),
    )
      .to.throw(StackConfigError)
      .with.property("problems")
      .that.deep.equals([
        'buddyverse:alarms.fleetLogAlarms[0].logGroupName: got "/other"; allowed: nothing; the program sets the fleet\'s log group',
      ]);
    expect(() => parseStackConfig({ ...base, fleet: { database: {} } })).to.throw(
      /buddyverse:fleet\.database: got \{\}; allowed: nothing; the program sets this/,
    );
  });
});
