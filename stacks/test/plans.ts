import * as path from "node:path";
import type { PlanResource } from "@cloudblocks/testkit";
import { runPlan, type PlanResult } from "../src/plan/run-plan";
import { planInputsKey, sharedResult } from "./shared-result";

export const root = path.resolve(__dirname, "..", "..", "..");

let cached: Promise<Record<"dev" | "prod", PlanResult>> | undefined;

/**
 * The offline plans of both stacks, built once (one after the other, as the plan command does) and shared by
 * every mocha worker: the first to ask computes them, the others read them, keyed by the content of everything
 * a plan reads (compiled code, stack files, policy exceptions, dependency versions), so a changed build plans
 * afresh. Plain data: records and plan as a structured clone, identical in every worker.
 */
export function plans(): Promise<Record<"dev" | "prod", PlanResult>> {
  cached ??= sharedResult(
    path.join(root, "node_modules", ".cache", "cloudblocks-test-plans"),
    planInputsKey(root, "dev+prod"),
    async () => ({ dev: await runPlan(root, "dev"), prod: await runPlan(root, "prod") }),
  );
  return cached;
}

export function ofType(result: PlanResult, type: string): PlanResource[] {
  return result.plan.resources.filter((r) => r.type === type);
}

export function named(result: PlanResource[], suffix: string): PlanResource {
  const match = result.find((r) => r.name.endsWith(suffix));
  if (!match) throw new Error(`no resource named …${suffix} among ${result.map((r) => r.name).join(", ")}`);
  return match;
}
