import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { countByType, renderDiagram, renderTree, SECRET_MARKER, setupMocks, toPlanResource } from "../src";

class Net extends pulumi.ComponentResource {
  readonly subnetId: pulumi.Output<string>;
  constructor(name: string) {
    super("cloudblocks:index:Net", name);
    const vpc = new aws.ec2.Vpc(`${name}-vpc`, {}, { parent: this });
    this.subnetId = new aws.ec2.Subnet(
      `${name}-app-a`,
      { vpcId: vpc.id, availabilityZone: "ap-northeast-2a", cidrBlock: "10.0.1.0/24", tags: { Tier: "app" } },
      { parent: this },
    ).id;
    this.registerOutputs({});
  }
}

class App extends pulumi.ComponentResource {
  constructor(name: string, subnetId: pulumi.Input<string>) {
    super("cloudblocks:index:App", name);
    new aws.ec2.Instance(
      `${name}-host`,
      { subnetId, instanceType: "t4g.micro", ami: "ami-1" },
      { parent: this },
    );
    new aws.ssm.Parameter(
      `${name}-token`,
      { type: "SecureString", value: pulumi.secret("hunter2-not-shown") },
      { parent: this },
    );
    this.registerOutputs({});
  }
}

describe("testkit plan rendering", () => {
  async function record() {
    const env = setupMocks();
    const net = new Net("net");
    new App("app", net.subnetId);
    await env.settle();
    return env.recorder.resources;
  }

  it("replaces every secret input with the marker", async () => {
    const parameter = (await record()).find((r) => r.type === "aws:ssm/parameter:Parameter")!;
    const planned = toPlanResource(parameter);
    expect(planned.inputs["value"]).to.equal(SECRET_MARKER);
    expect(JSON.stringify(planned)).to.not.contain("hunter2");
    expect(parameter.inputs["value"], "the recorder itself keeps the value for assertions").to.equal(
      "hunter2-not-shown",
    );
  });

  it("masks a secret under a key that contains a dot, and in lists, at any depth", async () => {
    const env = setupMocks();
    new aws.ec2.Vpc("dotted", {
      cidrBlock: "10.0.0.0/16",
      tags: { "buddyverse.owner": pulumi.secret("alice-not-shown"), plain: "visible" },
    });
    new aws.ssm.Parameter("listed", {
      type: "StringList",
      value: "x",
      tags: { "a.b.c": pulumi.secret("deep-not-shown") },
    });
    await env.settle();
    const planned = env.recorder.resources.map(toPlanResource);
    const vpc = planned.find((r) => r.name === "dotted")!;
    expect(vpc.inputs["tags"]).to.deep.equal({ "buddyverse.owner": SECRET_MARKER, plain: "visible" });
    const parameter = planned.find((r) => r.name === "listed")!;
    expect(parameter.inputs["tags"]).to.deep.equal({ "a.b.c": SECRET_MARKER });
    expect(JSON.stringify(planned)).not.to.match(/not-shown/);
  });

  it("renders the parent/child tree and counts by type", async () => {
    const planned = (await record()).map(toPlanResource);
    const tree = renderTree(planned);
    expect(tree.split("\n")[0]).to.equal("├─ cloudblocks:index:Net  net");
    expect(tree).to.contain("│  ├─ aws:ec2/vpc:Vpc  net-vpc");
    expect(countByType(planned.filter((r) => r.custom))).to.deep.include(["aws:ec2/instance:Instance", 1]);
  });

  it("counts most frequent types first, ties by type token in code-unit order whatever the locale", () => {
    const types = [
      "aws:sqs/queue:Queue",
      "aws:ec2/vpc:Vpc",
      "aws:ec2/Vpc:Vpc",
      "awsx:ec2:Vpc",
      "aws:sqs/queue:Queue",
    ];
    const planned = types.map((type) => ({ type }) as Parameters<typeof countByType>[0][number]);
    // localeCompare would put "aws:ec2/vpc" before "aws:ec2/Vpc" (lower case first in ICU's root collation).
    expect(countByType(planned)).to.deep.equal([
      ["aws:sqs/queue:Queue", 2],
      ["aws:ec2/Vpc:Vpc", 1],
      ["aws:ec2/vpc:Vpc", 1],
      ["awsx:ec2:Vpc", 1],
    ]);
  });

  it("draws components with their AZs and tiers, and an arrow where one uses the other's resources", async () => {
    const diagram = renderDiagram(await record());
    expect(diagram).to.contain('subgraph c0["Net: net"]');
    expect(diagram).to.contain("ap-northeast-2a<br/>app subnet 10.0.1.0/24");
    expect(diagram).to.contain('subgraph c1["App: app"]');
    expect(diagram).to.contain("c0 -->|Subnet| c1");
  });
});
