import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { scratchDir } from "@cloudblocks/testkit";
import { planInputsKey, sharedResult } from "./shared-result";

/** A minimal repository layout: compiled code, a test, a stack file. */
function scratchRoot(): string {
  const root = scratchDir("cloudblocks-shared-");
  mkdirSync(path.join(root, "packages", "kit", "dist", "src"), { recursive: true });
  mkdirSync(path.join(root, "packages", "kit", "dist", "test"), { recursive: true });
  mkdirSync(path.join(root, "stacks", "dist", "src"), { recursive: true });
  writeFileSync(path.join(root, "packages", "kit", "dist", "src", "index.js"), "exports.x = 1;\n");
  writeFileSync(path.join(root, "packages", "kit", "dist", "test", "x.test.js"), "// a test\n");
  writeFileSync(path.join(root, "stacks", "dist", "src", "index.js"), "exports.y = 2;\n");
  writeFileSync(path.join(root, "Pulumi.dev.yaml"), "config: {}\n");
  return root;
}

describe("plans shared between mocha workers (stacks/test/plans.ts)", () => {
  it("keys a result by the content of what a plan reads: any change to code or stack files is a new key", () => {
    const root = scratchRoot();
    const before = planInputsKey(root, "dev");
    expect(planInputsKey(root, "dev")).to.equal(before);
    expect(planInputsKey(root, "prod")).to.not.equal(before);
    writeFileSync(path.join(root, "packages", "kit", "dist", "test", "x.test.js"), "// another test\n");
    expect(planInputsKey(root, "dev"), "tests are not plan inputs").to.equal(before);
    writeFileSync(path.join(root, "packages", "kit", "dist", "src", "index.js"), "exports.x = 2;\n");
    const afterCode = planInputsKey(root, "dev");
    expect(afterCode, "compiled code").to.not.equal(before);
    writeFileSync(path.join(root, "Pulumi.dev.yaml"), "config: {a: 1}\n");
    expect(planInputsKey(root, "dev"), "stack file").to.not.equal(afterCode);
  });

  it("computes once for concurrent askers, and gives each the same plain copy", async () => {
    const dir = scratchDir("cloudblocks-shared-");
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { resources: [{ urn: "urn:a", inputs: { tags: undefined, size: 2 } }] };
    };
    const [first, second] = await Promise.all([
      sharedResult(dir, "k", compute),
      sharedResult(dir, "k", compute),
    ]);
    expect(computed).to.equal(1);
    expect(second).to.deep.equal(first);
    expect(second).to.not.equal(first);
    expect(first.resources[0]!.inputs).to.have.property("tags", undefined); // kept, as structuredClone keeps it
    expect(await sharedResult(dir, "k", compute)).to.deep.equal(first);
    expect(computed, "read back, not recomputed").to.equal(1);
    await sharedResult(dir, "other-build", compute);
    expect(computed, "another key computes afresh").to.equal(2);
  });

  it("does not store a failure, and takes over a lock whose process has gone", async () => {
    const dir = scratchDir("cloudblocks-shared-");
    const failing = sharedResult(dir, "k", () => Promise.reject(new Error("program error")));
    await failing.then(
      () => expect.fail("should have rejected"),
      (error: Error) => expect(error.message).to.equal("program error"),
    );
    writeFileSync(path.join(dir, "j.v8.lock"), "2147483646"); // a pid no process has
    expect(await sharedResult(dir, "k", async () => 1)).to.equal(1);
    expect(await sharedResult(dir, "j", async () => 2)).to.equal(2);
  });
});
