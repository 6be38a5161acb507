import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { azLossReport, runPolicies, type PolicyPackConfig } from "@cloudblocks/policies";
import {
  outputOf,
  renderDiagram,
  setupMocks,
  toPlanInvoke,
  toPlanResource,
  SECRET_MARKER,
  type Plan,
  type RecordedResource,
} from "@cloudblocks/testkit";
import { loadStackConfig } from "../config";
import { buildPlatform } from "../platform";
import { readStackFiles, type StackFiles } from "./stack-files";

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

export function readPolicyConfig(root: string, stack: string): PolicyPackConfig {
  const file = policyConfigPath(root, stack);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PolicyPackConfig) : {};
}

async function resolveOutputs(outputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    // Lifted first, so a secret nested in a plain object or list marks the whole output secret, as in state.
    const secret = await pulumi.isSecret(pulumi.output(value));
    resolved[key] = secret ? SECRET_MARKER : await outputOf(value as pulumi.Input<unknown>);
  }
  return resolved;
}

/** Runs the real stack program for `stack` under the testkit's mocks and returns what `pulumi up` would create. */
export async function runPlan(root: string, stack: string): Promise<PlanResult> {
  return runPlanOf(readStackFiles(root, stack), stack, readPolicyConfig(root, stack));
}

/** {@link runPlan} for stack files given as data (tests and the fuzzer feed it variants of the real ones). */
export async function runPlanOf(
  files: StackFiles,
  stack: string,
  policyConfig: PolicyPackConfig = {},
): Promise<PlanResult> {
  const env = setupMocks({
    project: files.project,
    stack,
    config: files.config,
    secretKeys: files.secretKeys,
    catalogue: files.catalogue,
  });
  // Exactly what the deployed program (src/index.ts) does: read Pulumi config, then build.
  const resolving = resolveOutputs({ ...buildPlatform(loadStackConfig()) });
  resolving.catch(() => undefined); // a failure is reported by settle(), named after the resource it came from
  await env.settle();
  const outputs = await resolving;
  const records = env.recorder.resources;
  const policies = await runPolicies(records, { config: policyConfig });
  const plan: Plan = {
    stack,
    project: files.project,
    resources: records.map(toPlanResource),
    outputs,
    invokes: env.recorder.invokes.map(toPlanInvoke),
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
