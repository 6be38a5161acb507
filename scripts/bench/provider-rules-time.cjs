// `npm run bench` only: sums the time spent inside the provider-rules checker (table load included) and writes
// it (ms) to $BENCH_MS_FILE when the process exits.
const { writeFileSync } = require("node:fs");
const path = require("node:path");
const { performance } = require("node:perf_hooks");

const check = require(path.join(__dirname, "../../packages/testkit/dist/src/provider-rules/check.js"));
const original = check.checkProviderRules;
let total = 0;
check.checkProviderRules = (...args) => {
  const start = performance.now();
  try {
    return original(...args);
  } finally {
    total += performance.now() - start;
  }
};
process.on("exit", () => {
  if (process.env.BENCH_MS_FILE) writeFileSync(process.env.BENCH_MS_FILE, String(total));
});
