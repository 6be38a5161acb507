import type { Aws } from "./aws";
import type { Result, Scenario, ScenarioContext } from "./types";
import { InterruptedError, TimeoutError } from "./wait";

export interface RunReport {
  readonly results: readonly Result[];
  /** What the undo steps restored (or failed to). */
  readonly restored: readonly string[];
  readonly interrupted: boolean;
}

/**
 * Runs the scenarios one after another. Each gets an `Aws` limited to the actions it declares; an error or a
 * timed-out wait fails that scenario only. After each scenario its pending undo steps run (a failed wait must
 * not leave a web server stopped); on interrupt the run stops after restoring.
 */
export async function runScenarios(
  scenarios: readonly Scenario[],
  base: Omit<ScenarioContext, "aws"> & { readonly aws: Aws },
): Promise<RunReport> {
  const results: Result[] = [];
  const restored: string[] = [];
  let interrupted = false;
  for (const scenario of scenarios) {
    if (base.signal?.aborted) {
      interrupted = true;
      break;
    }
    base.progress(`▶ ${scenario.id}: ${scenario.title}`);
    const ctx: ScenarioContext = { ...base, aws: base.aws.forScenario(scenario.id, scenario.actions) };
    const started = base.clock.now();
    let result: Result;
    try {
      const outcome = await scenario.run(ctx);
      result = {
        id: scenario.id,
        title: scenario.title,
        chaos: scenario.chaos,
        durationMs: base.clock.now() - started,
        ...outcome,
      };
    } catch (error) {
      if (error instanceof InterruptedError) interrupted = true;
      const measured =
        error instanceof InterruptedError
          ? "interrupted"
          : error instanceof TimeoutError
            ? error.message
            : `error: ${(error as Error).message}`;
      result = {
        id: scenario.id,
        title: scenario.title,
        chaos: scenario.chaos,
        durationMs: base.clock.now() - started,
        status: "fail",
        measured,
        expected: "completes",
      };
    }
    results.push(result);
    base.progress(`  ${result.status.toUpperCase()} ${result.measured}`);
    if (base.cleanup.size > 0) {
      const lines = await base.cleanup.runAll();
      for (const line of lines) base.progress(`  ${line}`);
      restored.push(...lines);
    }
    if (interrupted) break;
  }
  return { results, restored, interrupted };
}
