import * as path from "node:path";
import { expect } from "chai";
import { outputOf, setupMocks } from "@cloudblocks/testkit";
import { readStackFiles } from "../src/plan/stack-files";
import { root } from "./plans";

/** Loads the compiled entry point Pulumi runs (`main: stacks/` → dist/src/index.js) afresh. */
function loadEntryPoint(): Record<string, unknown> {
  const entry = require.resolve(path.join(__dirname, "..", "src", "index.js"));
  delete require.cache[entry];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry) as Record<string, unknown>;
}

describe("the Pulumi entry point (src/index.ts), as `pulumi up` runs it", () => {
  for (const stack of ["dev", "prod"]) {
    it(`${stack}: reads Pulumi.${stack}.yaml through Pulumi config and exports the stack outputs`, async () => {
      const files = readStackFiles(root, stack);
      const env = setupMocks({
        project: files.project,
        stack,
        config: files.config,
        secretKeys: files.secretKeys,
        catalogue: files.catalogue,
      });
      const outputs = loadEntryPoint();
      expect(outputs["environment"]).to.equal(stack);
      expect(await outputOf(outputs["vpcId"] as string)).to.match(/^vpc-0[0-9a-f]{16}$/);
      expect(await outputOf(outputs["dbWriterEndpoint"] as string)).to.match(/\.rds\.amazonaws\.com:3306$/);
      await env.settle();
      const group = env.recorder.ofType("aws:autoscaling/group:Group")[0]!;
      expect(group.inputs["maxSize"]).to.equal(stack === "prod" ? 4 : 2);
    });
  }
});
