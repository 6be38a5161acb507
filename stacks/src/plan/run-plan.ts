import {
  planProgram,
  readPolicyConfig,
  readStackFiles,
  type ProgramPlan,
  type StackFiles,
} from "@cloudblocks/testkit";
import { azLossReport, runPolicies, type PolicyPackConfig } from "@cloudblocks/policies";
import { loadStackConfig } from "../config";
import { buildPlatform } from "../platform";

/** What `pulumi up` would create for a stack: the testkit's program plan. */
export type PlanResult = ProgramPlan;

/** Runs the real stack program for `stack` under the testkit's mocks (what `npm run plan -- <stack>` prints). */
export async function runPlan(root: string, stack: string): Promise<PlanResult> {
  return runPlanOf(readStackFiles(root, stack), stack, readPolicyConfig(root, stack));
}

/**
 * {@link runPlan} for stack files given as data (tests and the fuzzer feed it variants of the real ones). It runs
 * exactly what the deployed entry point (src/index.ts) runs — read Pulumi config, then build — in this process,
 * so tests need not reload the program's modules; `cloudblocks-plan` loads the entry point itself.
 */
export async function runPlanOf(
  files: StackFiles,
  stack: string,
  policyConfig: Record<string, unknown> = {},
): Promise<PlanResult> {
  return planProgram({
    files,
    stack,
    run: () => buildPlatform(loadStackConfig()),
    policies: {
      runPolicies: (records, options) => runPolicies(records, { config: options.config as PolicyPackConfig }),
      azLossReport,
    },
    policyConfig,
  });
}
