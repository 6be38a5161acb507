import * as aws from "./aws";
import { setupMocks, standardTestTags } from "@cloudblocks/testkit";
import { runPolicies, type PolicyReport } from "../src";
import type { CloudblocksPolicy } from "../src/types";

export const standardTagValues = standardTestTags;

/** Runs `program` under the mocks, then one policy over what it created. */
export async function check(
  policy: CloudblocksPolicy,
  program: (provider: aws.Provider) => void,
): Promise<PolicyReport> {
  const env = setupMocks();
  const provider = new aws.Provider("tagged", {
    region: "ap-northeast-2",
    defaultTags: { tags: standardTagValues },
  });
  program(provider);
  await env.settle();
  return runPolicies(env.recorder.resources, { policies: [policy] });
}
