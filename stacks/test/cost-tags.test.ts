import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { COST_ALLOCATION_TAG, TAGGABLE_TYPES } from "@cloudblocks/component-kit";
import type { PlanResource } from "@cloudblocks/testkit";
import { plans } from "./plans";

const awsDir = path.dirname(require.resolve("@pulumi/aws/package.json"));

/**
 * Whether the @pulumi/aws SDK lets this type take tags: its `<Class>Args` interface declares `tags`. An
 * independent source from the hand-kept TAGGABLE_TYPES the transform uses, so a gap in that list shows up here.
 */
function sdkTakesTags(type: string): boolean {
  const [, modulePath, className] = type.split(":") as [string, string, string];
  const [module, file] = modulePath.split("/") as [string, string];
  const declaration = readFileSync(path.join(awsDir, module, `${file}.d.ts`), "utf8");
  const start = declaration.indexOf(`export interface ${className}Args {`);
  if (start < 0) throw new Error(`no ${className}Args in @pulumi/aws/${module}/${file}.d.ts`);
  const body = declaration.slice(start, declaration.indexOf("\n}", start));
  return /^\s+tags\?:/m.test(body);
}

function costTagOf(resource: PlanResource): unknown {
  const tags = resource.inputs["tags"];
  if (Array.isArray(tags))
    return (tags as { key: string; value: string }[]).find((t) => t.key === COST_ALLOCATION_TAG)?.value;
  return (tags as Record<string, unknown> | undefined)?.[COST_ALLOCATION_TAG];
}

/** The top-level cloudblocks component a resource belongs to (its outermost `cloudblocks:index:*` ancestor). */
function componentOf(resource: PlanResource, byUrn: Map<string, PlanResource>): string | undefined {
  let owner: string | undefined;
  for (let r: PlanResource | undefined = resource; r; r = r.parent ? byUrn.get(r.parent) : undefined)
    if (r.type.startsWith("cloudblocks:index:")) owner ??= r.name;
  return owner;
}

describe("cost-allocation tag on every taggable resource (issue 12 item 2)", function () {
  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: every resource whose SDK args take tags carries ${COST_ALLOCATION_TAG} = its component`, async () => {
      const { plan } = (await plans())[stack];
      const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
      const aws = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
      const types = [...new Set(aws.map((r) => r.type))];
      // The transform's list agrees with the SDK for every type the stack creates.
      expect(types.filter((t) => sdkTakesTags(t) !== TAGGABLE_TYPES.has(t))).to.deep.equal([]);
      const taggable = aws.filter((r) => sdkTakesTags(r.type));
      expect(taggable.length).to.be.greaterThan(50);
      const wrong = taggable
        .map((r) => ({ urn: r.urn, tag: costTagOf(r), component: componentOf(r, byUrn) }))
        .filter((r) => r.component === undefined || r.tag !== r.component);
      expect(wrong).to.deep.equal([]);
      // Spend splits over the four components, awsx's out-of-process children included.
      expect(new Set(taggable.map(costTagOf))).to.deep.equal(
        new Set(["alarms", "network", "web", "db"].map((c) => `buddyverse-${stack}-${c}`)),
      );
      expect(taggable.some((r) => r.virtual && costTagOf(r) === `buddyverse-${stack}-network`)).to.equal(
        true,
      );
    });
  }

  it("the fleet's Auto Scaling group propagates the tag to its instances", async () => {
    const { plan } = (await plans()).prod;
    const group = plan.resources.find((r) => r.type === "aws:autoscaling/group:Group")!;
    expect(group.inputs["tags"]).to.deep.include({
      key: COST_ALLOCATION_TAG,
      value: "buddyverse-prod-web",
      propagateAtLaunch: true,
    });
  });
});
