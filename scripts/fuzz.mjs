// `npm run fuzz [-- --runs N] [-- --seed S]`: the property tests of issue #10 item 7, 1,000 runs each by default,
// through the validators and through the whole program. On a failure fast-check prints the seed and the path;
// re-run with `--seed <seed>` to replay it.
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const fc = require("fast-check");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const properties = require(path.join(root, "stacks/dist/test/properties/properties.js"));

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : undefined;
};
const numRuns = option("runs") ?? 1000;
const seed = option("seed");
const only = argv.includes("--validators") ? ["validatorProperty"] : undefined;

let failed = 0;
for (const name of only ?? ["validatorProperty", "validProgramProperty", "mutationProgramProperty"]) {
  const started = Date.now();
  const result = await fc.check(properties[name], { numRuns, ...(seed !== undefined ? { seed } : {}) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.failed) {
    failed++;
    console.log(
      `${name}: FAILED after ${result.numRuns} run(s) in ${seconds} s — seed ${result.seed}, path "${result.counterexamplePath}"`,
    );
    console.log(fc.defaultReportMessage(result));
    if (result.errorInstance) console.log(result.errorInstance);
  } else {
    console.log(`${name}: ${result.numRuns} runs passed in ${seconds} s (seed ${result.seed})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
