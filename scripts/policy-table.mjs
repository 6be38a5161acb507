// Prints the Markdown table of every policy in the pack (name, enforcement, description) for the policies README.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { policies } = require("../packages/policies/dist/src/index.js");

console.log("| policy | enforcement | control |");
console.log("| --- | --- | --- |");
for (const p of policies)
  console.log(
    `| \`${p.name}\` | ${p.enforcementLevel ?? "advisory"} | ${p.description.replace(/\|/g, "\\|")} |`,
  );
