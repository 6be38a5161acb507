import { expect } from "chai";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { runPolicies, type PolicySubject } from "../src";

const subject = (name: string, type = "aws:sns/topic:Topic"): PolicySubject => ({
  urn: `urn:pulumi:test::p::${type}::${name}`,
  type,
  name,
  custom: true,
  inputs: { name },
  options: {
    protect: false,
    ignoreChanges: ["tags"],
    deleteBeforeReplace: false,
    additionalSecretOutputs: [],
    aliasCount: 0,
  },
});

const policy = (
  name: string,
  validateResource: ResourceValidationPolicy["validateResource"],
): ResourceValidationPolicy => ({ name, description: name, enforcementLevel: "mandatory", validateResource });

// How the runner calls policies, as CrossGuard's analyze does (@pulumi/policy server.js).
describe("policy runner", () => {
  it("awaits a policy that returns a promise and reports what it found after the await", async () => {
    const report = await runPolicies([subject("a"), subject("b")], {
      policies: [
        policy("late", async (args, reportViolation) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (args.name === "b") reportViolation("b is late");
        }),
      ],
    });
    expect(report.checked).to.equal(2);
    expect(report.violations).to.deep.equal([
      { policy: "late", enforcement: "mandatory", urn: subject("b").urn, message: "b is late" },
    ]);
  });

  it("ends an evaluation without a violation on notApplicable(), thrown at once or after an await", async () => {
    const report = await runPolicies([subject("a")], {
      policies: [
        policy("sync", (args) => args.notApplicable("not mine")),
        policy("async", async (args) => {
          await Promise.resolve();
          args.notApplicable("not mine either");
        }),
      ],
    });
    expect(report).to.deep.equal({ checked: 2, violations: [] });
  });

  it("fails the run on any other error, thrown at once or after an await", async () => {
    for (const validate of [
      () => {
        throw new Error("policy bug");
      },
      async () => {
        await Promise.resolve();
        throw new Error("policy bug");
      },
    ]) {
      const run = runPolicies([subject("a")], { policies: [policy("buggy", validate)] });
      await run.then(
        () => expect.fail("the run should have failed"),
        (error: Error) => expect(error.message).to.equal("policy bug"),
      );
    }
  });

  it("gives every evaluation its own options and the run's one read-only stack-tag map", async () => {
    const seen: ResourceValidationArgs[] = [];
    await runPolicies([subject("a")], {
      policies: [
        policy("first", (args) => {
          seen.push(args);
          args.opts.ignoreChanges.push("changed by the first policy");
        }),
        policy("second", (args) => void seen.push(args)),
      ],
    });
    expect(seen.map((args) => args.opts.ignoreChanges)).to.deep.equal([
      ["tags", "changed by the first policy"],
      ["tags"],
    ]);
    expect(seen[0]!.stackTags).to.equal(seen[1]!.stackTags);
    expect(seen[0]!.stackTags.size).to.equal(0);
    expect(Object.isFrozen(seen[0]!.stackTags)).to.equal(true);
    expect("set" in seen[0]!.stackTags).to.equal(false);
  });

  it("checks each resource type against class-based type checks by the class's Pulumi type token", async () => {
    const topicClass = { __pulumiType: "aws:sns/topic:Topic" };
    const queueClass = { __pulumiType: "aws:sqs/queue:Queue" };
    const found: unknown[] = [];
    await runPolicies([subject("a"), subject("q", "aws:sqs/queue:Queue")], {
      policies: [
        policy(
          "types",
          (args) =>
            void found.push([args.name, args.isType(topicClass as never), args.asType(queueClass as never)]),
        ),
      ],
    });
    expect(found).to.deep.equal([
      ["a", true, undefined],
      ["q", false, { name: "q" }],
    ]);
  });
});
