// `npm run bench`: median of 5 runs of one offline plan per stack and of the whole unit-test run.
// The test run is measured cold (`tsc -b --clean` first), so type-checking every package is included.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";

const RUNS = 5;
const node = process.execPath;
const tsc = "node_modules/typescript7/bin/tsc"; // the native TypeScript 7 compiler, as npm test uses
const mocha = "node_modules/mocha/bin/mocha.js";

function time(run) {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const quiet = { stdio: "ignore" };
const cases = {
  "plan dev": () => execFileSync(node, ["packages/testkit/dist/src/plan/cli.js", "dev"], quiet),
  "plan prod": () => execFileSync(node, ["packages/testkit/dist/src/plan/cli.js", "prod"], quiet),
  "npm test (cold: clean build, type-check, all tests)": () => {
    execFileSync(node, [tsc, "-b", "--clean"], quiet);
    execFileSync(node, [tsc, "-b"], quiet);
    execFileSync(node, ["scripts/check-readme-examples.mjs"], quiet);
    execFileSync(node, [mocha, "--reporter", "dot"], quiet);
  },
};

console.log(`node ${process.version}, ${RUNS} runs each`);
for (const [name, run] of Object.entries(cases)) {
  const samples = Array.from({ length: RUNS }, () => time(run));
  console.log(
    `${name.padEnd(56)} median ${median(samples).toFixed(2)} s  (runs: ${samples.map((s) => s.toFixed(2)).join(", ")})`,
  );
}
