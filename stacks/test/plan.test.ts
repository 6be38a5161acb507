import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { scratchDir } from "@cloudblocks/testkit";
import { STANDARD_TAG_KEYS, TAGGABLE_TYPES, UNTAGGABLE_TYPES } from "@cloudblocks/policies";
import { runPlan, type PlanResult } from "../src/plan/run-plan";
import { plans as bothPlans, root } from "./plans";

describe("offline plan of the stack program", function () {
  let plans: Record<string, PlanResult> = {};
  before(async function () {
    plans = await bothPlans();
  });

  for (const stack of ["dev", "prod"]) {
    it(`${stack}: sets the standard tags once, on the AWS provider (STK-3)`, () => {
      const provider = plans[stack]!.plan.resources.find((r) => r.type === "pulumi:providers:aws")!;
      const tags = JSON.parse(provider.inputs["defaultTags"] as string).tags as Record<string, string>;
      expect(Object.keys(tags)).to.have.members([...STANDARD_TAG_KEYS]);
      expect(tags["Environment"]).to.equal(stack);
      expect(tags["ManagedBy"]).to.equal("pulumi");
      expect(provider.inputs["region"]).to.equal("ap-northeast-2");
    });

    it(`${stack}: every AWS resource type is classified as taggable or not, and every resource's provider is the tagged one`, () => {
      const aws = plans[stack]!.plan.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
      const unclassified = [...new Set(aws.map((r) => r.type))].filter(
        (t) => !TAGGABLE_TYPES.has(t) && !UNTAGGABLE_TYPES.has(t),
      );
      expect(unclassified).to.deep.equal([]);
      const providerUrn = plans[stack]!.plan.resources.find((r) => r.type === "pulumi:providers:aws")!.urn;
      expect(aws.filter((r) => r.options.provider !== providerUrn).map((r) => r.urn)).to.deep.equal([]);
    });

    it(`${stack}: has no mandatory policy violation and every resource type is modelled by the testkit`, () => {
      const { plan } = plans[stack]!;
      expect(plan.policies.violations.filter((v) => v.enforcement === "mandatory")).to.deep.equal([]);
      expect(plans[stack]!.unmodelledTypes).to.deep.equal([]);
      expect(plan.stack).to.equal(stack);
      expect(plan.project).to.equal("buddyverse");
    });
  }

  it("prod: lists what the program queries at preview (invokes with args and provider), the zone from its account file", () => {
    const { invokes } = plans["prod"]!.plan;
    const zone = invokes.find((i) => i.token === "aws:route53/getZone:getZone")!;
    expect(zone.args).to.deep.include({ name: "buddyverse.link", privateZone: false });
    expect(zone.provider).to.equal("urn:pulumi:prod::buddyverse::pulumi:providers:aws::buddyverse-prod");
    const ami = invokes.find((i) => i.token === "aws:ec2/getAmi:getAmi")!;
    expect(JSON.stringify(ami.args)).to.not.contain("resolve:ssm:");
    expect(invokes.every((i) => typeof i.region === "string")).to.equal(true);
  });

  it("writes the documented JSON shape: resources with urn, type, name, parent, custom, inputs, options", () => {
    const resource = plans["prod"]!.plan.resources[0]!;
    expect(resource).to.include.keys("urn", "type", "name", "parent", "custom", "inputs", "options");
    expect(plans["prod"]!.plan.policies).to.include.keys("checked", "violations");
  });

  it("fails with a message naming the key when Pulumi.<stack>.yaml holds a bad value", async () => {
    const scratch = scratchDir("plan-");
    copyFileSync(path.join(root, "Pulumi.yaml"), path.join(scratch, "Pulumi.yaml"));
    const dev = readFileSync(path.join(root, "Pulumi.dev.yaml"), "utf8").replace(
      "natMode: instance",
      "natMode: free",
    );
    writeFileSync(path.join(scratch, "Pulumi.dev.yaml"), dev);
    let message = "";
    await runPlan(scratch, "dev").catch((error: Error) => (message = error.message));
    expect(message).to.contain(
      'buddyverse:network.natMode: got "free"; allowed: perAz, single, instance, instancePerAz, none',
    );
  });
});
