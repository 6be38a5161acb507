import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { COST_ALLOCATION_TAG, costAllocationTransform, withCostAllocationTag } from "../src";

const run = (
  transform: pulumi.ResourceTransform,
  type: string,
  props: Record<string, unknown>,
  custom = true,
) => transform({ type, name: "x", custom, props, opts: {} }) as pulumi.ResourceTransformResult | undefined;

describe("component-kit cost-allocation tag transform (issue 12 item 2)", () => {
  const tag = costAllocationTransform("buddyverse-prod-web");

  it("adds the tag next to a taggable resource's own tags", () => {
    const result = run(tag, "aws:sns/topic:Topic", { tags: { Name: "t" }, name: "t" });
    expect(result?.props).to.deep.equal({
      name: "t",
      tags: { Name: "t", [COST_ALLOCATION_TAG]: "buddyverse-prod-web" },
    });
  });

  it("leaves untaggable types, components and an inner component's value alone", () => {
    expect(run(tag, "aws:iam/rolePolicy:RolePolicy", { policy: "{}" })).to.equal(undefined);
    expect(run(tag, "awsx:ec2:Vpc", {}, false)).to.equal(undefined);
    expect(run(tag, "aws:sns/topic:Topic", { tags: { [COST_ALLOCATION_TAG]: "inner" } })).to.equal(undefined);
  });

  it("gives an Auto Scaling group the tag in its list form, propagated to the instances", () => {
    const result = run(tag, "aws:autoscaling/group:Group", {
      tags: [{ key: "Name", value: "w", propagateAtLaunch: true }],
    });
    expect(result?.props["tags"]).to.deep.equal([
      { key: "Name", value: "w", propagateAtLaunch: true },
      { key: COST_ALLOCATION_TAG, value: "buddyverse-prod-web", propagateAtLaunch: true },
    ]);
  });

  it("adds the tag inside a secret tag list and keeps it secret (a secret owner tag)", () => {
    const secret = {
      [specialSigKey]: specialSecretSig,
      value: [{ key: "Owner", value: "x", propagateAtLaunch: true }],
    };
    const result = run(tag, "aws:autoscaling/group:Group", { tags: secret });
    expect(result?.props["tags"]).to.deep.equal({
      [specialSigKey]: specialSecretSig,
      value: [
        { key: "Owner", value: "x", propagateAtLaunch: true },
        { key: COST_ALLOCATION_TAG, value: "buddyverse-prod-web", propagateAtLaunch: true },
      ],
    });
  });

  it("appends to the component's options, keeping the caller's transforms first", () => {
    const own: pulumi.ResourceTransform = () => undefined;
    const opts = withCostAllocationTag("c", { transforms: [own], protect: true });
    expect(opts.protect).to.equal(true);
    expect(opts.transforms).to.have.length(2);
    expect(opts.transforms![0]).to.equal(own);
  });
});
