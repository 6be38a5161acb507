import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { outputOf, setupMocks } from "../harness";
import type { RecordedResource } from "../recorder";
import { estimateCost } from "./cost";
import { renderDiagram } from "./render-diagram";
import {
  SECRET_MARKER,
  toPlanInvoke,
  toPlanResource,
  type Plan,
  type PlanAzLossReport,
  type PlanPolicyReport,
} from "./model";
import type { StackFiles } from "./stack-files";

/** What the plan needs of `@cloudblocks/policies` (optional: without it, the plan runs no policy). */
export interface PlanPolicies {
  runPolicies(
    records: readonly RecordedResource[],
    options: { readonly config?: Record<string, unknown> },
  ): Promise<PlanPolicyReport>;
  azLossReport?(records: readonly RecordedResource[]): PlanAzLossReport;
}

export interface ProgramPlanOptions {
  readonly files: StackFiles;
  readonly stack: string;
  /** Runs the program and returns its exports: the stack outputs, or a function Pulumi would call for them. */
  readonly run: () => unknown;
  /** `@cloudblocks/policies`, when the project has it (see {@link loadPlanPolicies}). */
  readonly policies?: PlanPolicies;
  /** Policy exceptions in `--policy-pack-config` format. */
  readonly policyConfig?: Record<string, unknown>;
}

export interface ProgramPlan {
  readonly plan: Plan;
  /** The resource tree as a Mermaid diagram, rendered when first read (most runs never write it). */
  readonly diagram: string;
  /** Resource types the testkit answered generically: their outputs in this plan are not realistic. */
  readonly unmodelledTypes: readonly string[];
  /** Whether policies ran (they need `@cloudblocks/policies` installed). */
  readonly policiesRan: boolean;
  /** The recorded registrations with their modelled outputs (unmasked: for tests, never written out). */
  readonly records: readonly RecordedResource[];
}

/** The program's exports as stack outputs: an object of values, or what its (async) function returns. */
async function exportsOf(exported: unknown): Promise<Record<string, unknown>> {
  const module = exported as { default?: unknown } | undefined;
  const entry = typeof module?.default === "function" ? module.default : exported;
  const value = typeof entry === "function" ? await (entry as () => unknown)() : await entry;
  return value !== null && typeof value === "object" ? { ...(value as Record<string, unknown>) } : {};
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

/**
 * Runs a Pulumi program under the testkit's mocks with a stack's config, as `pulumi preview` would run it,
 * and returns what `pulumi up` would create: resources, invokes, outputs, policy results and the AZ-loss table.
 */
export async function planProgram(options: ProgramPlanOptions): Promise<ProgramPlan> {
  const { files, stack } = options;
  const env = setupMocks({
    project: files.project,
    stack,
    config: files.config,
    secretKeys: files.secretKeys,
    catalogue: files.catalogue,
  });
  const resolving = exportsOf(options.run()).then(resolveOutputs);
  resolving.catch(() => undefined); // a failure is reported by settle(), named after the resource it came from
  await env.settle();
  const outputs = await resolving;
  const records = env.recorder.resources;
  const policies = options.policies
    ? await options.policies.runPolicies(records, { config: options.policyConfig ?? {} })
    : { checked: 0, violations: [] };
  const azLoss = options.policies?.azLossReport?.(records);
  const resources = records.map(toPlanResource);
  const plan: Plan = {
    stack,
    project: files.project,
    resources,
    outputs,
    invokes: env.recorder.invokes.map(toPlanInvoke),
    policies,
    ...(azLoss ? { azLoss } : {}),
    // The monthly estimate, in the stack's region (the provider default the mocks use otherwise).
    cost: estimateCost(resources, { region: String(files.config["aws:region"] ?? "ap-northeast-2") }),
  };
  let diagram: string | undefined;
  return {
    plan,
    get diagram() {
      return (diagram ??= renderDiagram(records, `${files.project} ${stack}`));
    },
    unmodelledTypes: env.recorder.unmodelledTypes,
    policiesRan: options.policies !== undefined,
    records,
  };
}

/**
 * Loads the program at `main` afresh (a Pulumi program does its work when it is loaded, so each plan must run
 * it again): the program's own modules leave the require cache first; its dependencies stay loaded.
 */
export function loadProgram(main: string): unknown {
  const entry = require.resolve(main);
  const programDir = path.dirname(entry) + path.sep;
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(programDir) && !key.includes(`${path.sep}node_modules${path.sep}`))
      delete require.cache[key];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a Pulumi program is a CommonJS entry point
  return require(entry);
}

/** `@cloudblocks/policies` as the project at `root` resolves it, or undefined when it is not installed. */
export function loadPlanPolicies(root: string): PlanPolicies | undefined {
  let resolved: string;
  try {
    resolved = require.resolve("@cloudblocks/policies", { paths: [root] });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer, looked up at run time
  return require(resolved) as PlanPolicies;
}
