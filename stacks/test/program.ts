import { setupMocks, type MockEnvironment } from "@cloudblocks/testkit";
import { loadStackConfig, StackConfigError } from "../src/config";
import { buildPlatform } from "../src/platform";
import { readStackFiles, type StackFiles } from "../src/plan/stack-files";
import { root } from "./plans";

/** The real stack files of `stack` (config keyed `buddyverse:…`, `secure:` values as placeholders). */
export function stackFiles(stack: "dev" | "prod"): StackFiles {
  return readStackFiles(root, stack);
}

export interface ProgramRun {
  readonly env: MockEnvironment;
  /** The problems of the StackConfigError the program threw, or undefined when it built the platform. */
  readonly problems?: readonly string[];
  /** Any other error (a crash). */
  readonly crash?: unknown;
  readonly outputs?: Record<string, unknown>;
}

/**
 * Runs the program exactly as `pulumi up` does (read Pulumi config, then build) under the mocks, with `config`
 * as the stack's config, and waits for every registration to finish.
 */
export async function runProgram(
  config: Record<string, unknown>,
  secretKeys: readonly string[] = [],
  stack = "dev",
): Promise<ProgramRun> {
  // What the account already holds (the hosted zone…), as the plan command models it for this stack.
  const catalogue = readStackFiles(root, stack === "prod" ? "prod" : "dev").catalogue;
  const env = setupMocks({ project: "buddyverse", stack, config, secretKeys, catalogue });
  try {
    const outputs = { ...buildPlatform(loadStackConfig()) };
    await env.settle();
    return { env, outputs };
  } catch (error) {
    await env.settle();
    if (error instanceof StackConfigError) return { env, problems: error.problems };
    return { env, crash: error };
  }
}
