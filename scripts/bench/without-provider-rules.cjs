// `npm run bench` only: the plan with the provider-rules checker replaced by a no-op (no table read, no checks),
// for the A/B of what the checker adds. Nothing in the testkit itself can turn the checks off.
const path = require("node:path");

const check = require(path.join(__dirname, "../../packages/testkit/dist/src/provider-rules/check.js"));
check.checkProviderRules = () => undefined;
