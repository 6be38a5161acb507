import * as aws from "./aws";
import { expect } from "chai";
import { policies, runPolicies } from "../src";
import { logGroupRetention } from "../src/rules/logging";
import { noWorldOpenPorts } from "../src/rules/network";
import { standardTags, TAGGABLE_TYPES, UNTAGGABLE_TYPES } from "../src/rules/tagging";
import { check } from "./harness";
import { setupMocks } from "@cloudblocks/testkit";

describe("policy standard-tags (STK-3)", () => {
  it("passes a resource whose provider sets every standard tag", async () => {
    const report = await check(standardTags, (provider) => new aws.sns.Topic("alarms", {}, { provider }));
    expect(report.violations).to.deep.equal([]);
    expect(report.checked).to.equal(1);
  });

  it("names the missing tags of a resource created without them", async () => {
    const report = await check(
      standardTags,
      () => new aws.sns.Topic("untagged", { tags: { Project: "buddyverse" } }),
    );
    expect(report.violations.map((v) => v.message)).to.deep.equal([
      'aws:sns/topic:Topic "untagged" lacks the standard tags: Environment, Owner, CostCenter, ManagedBy.',
    ]);
    expect(report.violations[0]!.enforcement).to.equal("mandatory");
  });

  it("requires Auto Scaling groups to carry the tags themselves (defaultTags do not reach them)", async () => {
    const report = await check(
      standardTags,
      (provider) =>
        new aws.autoscaling.Group(
          "fleet",
          { maxSize: 1, minSize: 1, launchTemplate: { id: "lt-0123456789abcdef0", version: "1" } },
          { provider },
        ),
    );
    expect(report.violations).to.have.length(1);
    expect(report.violations[0]!.message).to.contain("Project, Environment, Owner, CostCenter, ManagedBy");
  });

  it("keeps the taggable and untaggable type lists disjoint", () => {
    expect([...TAGGABLE_TYPES].filter((t) => UNTAGGABLE_TYPES.has(t))).to.deep.equal([]);
  });
});

describe("policy no-world-open-ports (EC2.18/EC2.19)", () => {
  it("allows 80 and 443 from anywhere and anything from a security group", async () => {
    const report = await check(noWorldOpenPorts, () => {
      new aws.ec2.SecurityGroup("alb", {
        ingress: [
          { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: ["0.0.0.0/0"] },
          { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] },
        ],
      });
      new aws.vpc.SecurityGroupIngressRule("db-from-app", {
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 3306,
        toPort: 3306,
        referencedSecurityGroupId: "sg-2",
      });
    });
    expect(report.violations).to.deep.equal([]);
  });

  it("rejects SSH, MySQL or all traffic open to the world, in every rule shape", async () => {
    const report = await check(noWorldOpenPorts, () => {
      new aws.ec2.SecurityGroup("bastion", {
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
      });
      new aws.vpc.SecurityGroupIngressRule("db-open", {
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 3306,
        toPort: 3306,
        cidrIpv4: "0.0.0.0/0",
      });
      new aws.ec2.SecurityGroupRule("all-open", {
        type: "ingress",
        securityGroupId: "sg-1",
        protocol: "-1",
        fromPort: 0,
        toPort: 0,
        ipv6CidrBlocks: ["::/0"],
      });
      new aws.ec2.SecurityGroup("web-range", {
        ingress: [{ protocol: "tcp", fromPort: 80, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
      });
    });
    expect(report.violations.map((v) => v.message)).to.have.members([
      '"bastion" opens tcp 22-22 to the world; only TCP 80 and 443 may be.',
      '"db-open" opens tcp 3306-3306 to the world; only TCP 80 and 443 may be.',
      '"all-open" opens -1 0-0 to the world; only TCP 80 and 443 may be.',
      '"web-range" opens tcp 80-443 to the world; only TCP 80 and 443 may be.',
    ]);
  });
});

describe("policy log-group-retention (CloudWatch.16)", () => {
  it("passes a log group with a retention and flags one without", async () => {
    const report = await check(logGroupRetention, () => {
      new aws.cloudwatch.LogGroup("kept", { retentionInDays: 365 });
      new aws.cloudwatch.LogGroup("forever", {});
    });
    expect(report.violations.map((v) => v.message)).to.deep.equal([
      'log group "forever" has no retention (retentionInDays is unset).',
    ]);
  });
});

describe("offline policy runner", () => {
  it("honours policy-pack config: a disabled policy does not run, an advisory one reports as advisory", async () => {
    const env = setupMocks();
    new aws.cloudwatch.LogGroup("forever", {});
    await env.settle();
    const disabled = await runPolicies(env.recorder.resources, {
      policies,
      config: { "log-group-retention": "disabled", "standard-tags": "disabled" },
    });
    expect(disabled.violations).to.deep.equal([]);
    const advisory = await runPolicies(env.recorder.resources, {
      policies,
      config: { "log-group-retention": { enforcementLevel: "advisory" }, "standard-tags": "disabled" },
    });
    expect(advisory.violations.map((v) => [v.policy, v.enforcement])).to.deep.equal([
      ["log-group-retention", "advisory"],
    ]);
  });

  it("runs stack policies over every resource and takes the URN they report", async () => {
    const env = setupMocks();
    new aws.ec2.Vpc("a", {});
    new aws.ec2.Vpc("b", {});
    await env.settle();
    const onePerStack = {
      name: "single-vpc",
      description: "test",
      enforcementLevel: "mandatory" as const,
      validateStack: (
        args: { resources: { type: string; urn: string }[] },
        report: (message: string, urn?: string) => void,
      ) => {
        const vpcs = args.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc");
        if (vpcs.length > 1) report(`${vpcs.length} VPCs`, vpcs[1]!.urn);
      },
    };
    const report = await runPolicies(env.recorder.resources, { policies: [onePerStack] });
    expect(report.violations).to.have.length(1);
    expect(report.violations[0]!.urn).to.match(/::b$/);
  });
});
