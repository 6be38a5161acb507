// `npm run plan -- <stack> [--json FILE] [--diagram FILE]`: what `pulumi up` would create, computed offline.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderPlanText } from "@cloudblocks/testkit";
import { runPlan } from "./run-plan";

interface CliArgs {
  stack: string;
  json?: string;
  diagram?: string;
}

const usage = "usage: npm run plan -- [dev|prod|<stack>] [--json FILE] [--diagram FILE]";

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { stack: "dev" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json" || arg === "--diagram") {
      const file = argv[++i];
      if (!file) throw new Error(`${arg} needs a file name\n${usage}`);
      args[arg === "--json" ? "json" : "diagram"] = file;
    } else if (arg === "--help" || arg === "-h") {
      console.log(usage);
      process.exit(0);
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}\n${usage}`);
    } else {
      args.stack = arg;
    }
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, "..", "..", "..", "..");
  const { plan, diagram, unmodelledTypes } = await runPlan(root, args.stack);
  console.log(renderPlanText(plan));
  if (unmodelledTypes.length > 0)
    console.log(`\nNot modelled by the testkit (generic outputs): ${unmodelledTypes.join(", ")}`);
  if (args.json) writeFileSync(args.json, JSON.stringify(plan, null, 2) + "\n");
  if (args.diagram) writeFileSync(args.diagram, diagram);
  const mandatory = plan.policies.violations.filter((v) => v.enforcement === "mandatory");
  if (mandatory.length > 0) {
    console.error(`\nplan failed: ${mandatory.length} mandatory policy violation(s)`);
    return 1;
  }
  return 0;
}

// An error thrown inside an apply surfaces as an unhandled rejection: the testkit records it against the resource
// it was meant for, and runPlan's settle() rejects with it, so it fails the plan below like any program error.

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`plan failed: ${error.message}`);
    process.exit(1);
  },
);
