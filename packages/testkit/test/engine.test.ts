import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { outputOf, setupMocks } from "../src";

/** The error `settle()` rejects with (fails the test if it resolves). */
async function settleError(env: { settle(): Promise<void> }): Promise<Error> {
  const outcome = await env.settle().then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  expect(outcome, "settle() should have rejected").to.be.instanceOf(Error);
  return outcome!;
}

class Widget extends pulumi.ComponentResource {
  constructor(name: string, bucketName: pulumi.Input<string>, opts?: pulumi.ComponentResourceOptions) {
    super("kit:index:Widget", name, {}, opts);
    new aws.s3.Bucket(`${name}-bucket`, { bucket: bucketName }, { parent: this });
    this.registerOutputs({});
  }
}

describe("testkit engine rules (what the Pulumi engine refuses)", () => {
  it("refuses a second registration of a URN, naming it, as the engine does", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    new aws.sns.Topic("alerts", {});
    new aws.sns.Topic("alerts", {});
    const error = await settleError(env);
    expect(error.message).to.contain(
      "Duplicate resource URN 'urn:pulumi:unit::kit::aws:sns/topic:Topic::alerts'; try giving it a unique name",
    );
    expect(env.recorder.ofType("aws:sns/topic:Topic")).to.have.length(1);
  });

  it("rejects settle() with an error thrown in an apply, naming the resource and component it was meant for", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    const name = pulumi.output("Bad_Name").apply((n): string => {
      throw new Error(`bucket: got "${n}"; allowed: lower case`);
    });
    new Widget("site", name);
    const error = await settleError(env);
    expect(error.message).to.contain('aws:s3/bucket:Bucket "site-bucket" (in kit:index:Widget "site")');
    expect(error.message).to.contain('bucket: got "Bad_Name"; allowed: lower case');
    expect(env.recorder.ofType("aws:s3/bucket:Bucket")).to.deep.equal([]);
  });

  it("rejects settle() on an unhandled rejection the program leaves behind", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    void Promise.reject(new Error("lost in a floating promise"));
    const error = await settleError(env);
    expect(error.message).to.equal("unhandled rejection: lost in a floating promise");
  });

  it("rejects settle() with a failed invoke's provider text, naming the call and the resource that needed it", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    const zoneId = aws.route53.getZoneOutput({ name: "missing.example" }).zoneId;
    new aws.route53.Record("www", {
      zoneId,
      name: "www.missing.example",
      type: "A",
      ttl: 60,
      records: ["192.0.2.1"],
    });
    const error = await settleError(env);
    expect(error.message).to.contain("invoke aws:route53/getZone:getZone");
    expect(error.message).to.contain("* no matching Route 53 Hosted Zone found");
    expect(error.message).to.contain('needed by aws:route53/record:Record "www"');
  });

  it("fails an invoke it has no model for, naming the token, instead of answering generically", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    const failed = await aws.ec2.getVpc({ default: true }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failed?.message).to.contain("testkit: no model for invoke aws:ec2/getVpc:getVpc");
    expect((await settleError(env)).message).to.contain("aws:ec2/getVpc:getVpc");
  });

  it("runs stack transforms on the resources registered after them, after each resource's own transforms", async () => {
    const env = setupMocks();
    new aws.sqs.Queue("earlier", { messageRetentionSeconds: 60 });
    await env.settle();
    const doubleRetention: pulumi.ResourceTransform = (args) =>
      args.type === "aws:sqs/queue:Queue"
        ? {
            props: {
              ...args.props,
              messageRetentionSeconds: Number(args.props["messageRetentionSeconds"]) * 2,
            },
            opts: args.opts,
          }
        : undefined;
    pulumi.runtime.registerResourceTransform(doubleRetention);
    new aws.sqs.Queue(
      "later",
      { messageRetentionSeconds: 60 },
      {
        transforms: [
          (args) => ({
            props: {
              ...args.props,
              messageRetentionSeconds: Number(args.props["messageRetentionSeconds"]) + 1,
            },
            opts: args.opts,
          }),
        ],
      },
    );
    await env.settle();
    const retention = (name: string) =>
      env.recorder.ofType("aws:sqs/queue:Queue").find((q) => q.name === name)!.inputs[
        "messageRetentionSeconds"
      ];
    expect(retention("earlier"), "registered before the stack transform").to.equal(60);
    expect(retention("later"), "its own transform first (61), then the stack's (× 2)").to.equal(122);
  });

  it("runs invoke transforms on the invokes made after them, and fails an invoke whose transform throws", async () => {
    const env = setupMocks({ config: { "aws:region": "us-west-2" } });
    pulumi.runtime.registerInvokeTransform((args) =>
      args.token === "aws:index/getRegion:getRegion"
        ? { args: { ...args.args, region: "eu-west-1" }, opts: args.opts }
        : undefined,
    );
    const region = await outputOf(aws.getRegionOutput({}));
    expect(region.region).to.equal("eu-west-1");
    expect(env.recorder.invokes.map((i) => i.inputs)).to.deep.include({ region: "eu-west-1" });

    const failing = setupMocks();
    pulumi.runtime.registerInvokeTransform(() => {
      throw new Error("no invokes today");
    });
    aws.getRegionOutput({});
    expect((await settleError(failing)).message).to.contain("invoke transform failed: no invokes today");
  });

  it("resolves settle() when the program ran clean", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    new Widget("clean", "clean-bucket-name");
    await env.settle();
    expect(env.failures).to.deep.equal([]);
  });
});

describe("testkit regions (aws:region, explicit providers, account override)", () => {
  it("takes the default provider's region from aws:region", async () => {
    setupMocks({ project: "kit", stack: "unit", config: { "aws:region": "us-east-1" } });
    const topic = new aws.sns.Topic("t", {});
    expect(await outputOf(topic.arn)).to.match(/^arn:aws:sns:us-east-1:123456789012:t-[0-9a-f]{7}$/);
    expect((await aws.getRegion({})).region).to.equal("us-east-1");
    expect((await aws.getAvailabilityZones({})).names[0]).to.equal("us-east-1a");
  });

  it("gives a resource of a us-east-1 provider us-east-1 ARNs and its invokes that region", async () => {
    setupMocks({ project: "kit", stack: "unit", config: { "aws:region": "ap-northeast-2" } });
    const virginia = new aws.Provider("virginia", { region: "us-east-1" });
    const global = new aws.sns.Topic("global", {}, { provider: virginia });
    const home = new aws.sns.Topic("home", {});
    expect(await outputOf(global.arn)).to.match(/^arn:aws:sns:us-east-1:/);
    expect(await outputOf(home.arn)).to.match(/^arn:aws:sns:ap-northeast-2:/);
    expect(await outputOf(aws.getRegionOutput({}, { provider: virginia }).region)).to.equal("us-east-1");
  });

  it("lets a component's providers map set the region of its children", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    const virginia = new aws.Provider("virginia", { region: "us-east-1" });
    new Widget("w", "w-bucket", { providers: [virginia] });
    await env.settle();
    expect(env.recorder.one("aws:s3/bucket:Bucket").outputs["arn"]).to.equal("arn:aws:s3:::w-bucket");
    expect(env.recorder.one("aws:s3/bucket:Bucket").outputs["region"]).to.equal("us-east-1");
  });

  it("uses account.region only as an override of the default provider's region", async () => {
    setupMocks({
      project: "kit",
      stack: "unit",
      config: { "aws:region": "ap-northeast-2" },
      account: { region: "eu-west-1" },
    });
    const local = new aws.sns.Topic("local", {});
    const virginia = new aws.Provider("virginia", { region: "us-east-1" });
    const global = new aws.sns.Topic("global", {}, { provider: virginia });
    expect(await outputOf(local.arn)).to.match(/^arn:aws:sns:eu-west-1:/);
    expect(await outputOf(global.arn)).to.match(/^arn:aws:sns:us-east-1:/);
  });
});
