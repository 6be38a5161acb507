import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { azLossReport, runPolicies, type PolicyPackConfig } from "@cloudblocks/policies";
import {
  outputOf,
  renderDiagram,
  setupMocks,
  toPlanResource,
  SECRET_MARKER,
  type Plan,
  type RecordedResource,
} from "@cloudblocks/testkit";
import { loadStackConfig } from "../config";
import { buildPlatform } from "../platform";
import { readStackFiles } from "./stack-files";

export interface PlanResult {
  readonly plan: Plan;
  readonly diagram: string;
  /** Resource types the testkit answered generically: their outputs in this plan are not realistic. */
  readonly unmodelledTypes: readonly string[];
  /** The recorded registrations with their modelled outputs (unmasked: for tests, never written out). */
  readonly records: readonly RecordedResource[];
}

/** Per-environment policy exceptions, in `--policy-pack-config` format (`stacks/policy-config/<stack>.json`). */
export function policyConfigPath(root: string, stack: string): string {
  return path.join(root, "stacks", "policy-config", `${stack}.json`);
}

function readPolicyConfig(root: string, stack: string): PolicyPackConfig {
  const file = policyConfigPath(root, stack);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PolicyPackConfig) : {};
}

async function resolveOutputs(outputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    const secret = pulumi.Output.isInstance(value) && (await pulumi.isSecret(value));
    resolved[key] = secret ? SECRET_MARKER : await outputOf(value as pulumi.Input<unknown>);
  }
  return resolved;
}

/** Runs the real stack program for `stack` under the testkit's mocks and returns what `pulumi up` would create. */
export async function runPlan(root: string, stack: string): Promise<PlanResult> {
  const files = readStackFiles(root, stack);
  const env = setupMocks({
    project: files.project,
    stack,
    config: files.config,
    secretKeys: files.secretKeys,
  });
  // Exactly what the deployed program (src/index.ts) does: read Pulumi config, then build.
  const outputs = await resolveOutputs({ ...buildPlatform(loadStackConfig()) });
  await env.settle();
  const records = env.recorder.resources;
  const policies = await runPolicies(records, { config: readPolicyConfig(root, stack) });
  const plan: Plan = {
    stack,
    project: files.project,
    resources: records.map(toPlanResource),
    outputs,
    policies,
    azLoss: azLossReport(records),
  };
  return {
    plan,
    diagram: renderDiagram(records, `${files.project} ${stack}`),
    unmodelledTypes: env.recorder.unmodelledTypes,
    records,
  };
}
