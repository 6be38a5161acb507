import * as path from "node:path";
import type { PlanResource } from "@cloudblocks/testkit";
import { runPlan, type PlanResult } from "../src/plan/run-plan";

export const root = path.resolve(__dirname, "..", "..", "..");

let cached: Promise<Record<"dev" | "prod", PlanResult>> | undefined;

/** The offline plans of both stacks, built once per test run (one after the other, as the plan command does). */
export function plans(): Promise<Record<"dev" | "prod", PlanResult>> {
  cached ??= (async () => ({ dev: await runPlan(root, "dev"), prod: await runPlan(root, "prod") }))();
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
