import { Aws, type AwsOptions } from "./aws";
import { Cleanup } from "./cleanup";
import type { HttpOptions } from "./http";
import type { VerifyOutputs } from "./outputs";
import { runScenarios, type RunReport } from "./runner";
import { SCENARIOS } from "./scenarios";
import type { Scenario, Timeouts, VerifyOptions } from "./types";
import { systemClock, type Clock } from "./wait";

/** Waits of a real run: generous, since AWS takes minutes to replace and to scale (every one is bounded). */
export const DEFAULT_TIMEOUTS: Timeouts = {
  commandMs: 2 * 60_000,
  unhealthyMs: 10 * 60_000,
  replaceMs: 20 * 60_000,
  // Target tracking scales in after 15 one-minute periods per step.
  scaleMs: 45 * 60_000,
  notifyMs: 10 * 60_000,
  pollMs: 10_000,
};

export const DEFAULT_OPTIONS: VerifyOptions = {
  webService: "httpd",
  egressUrl: "https://checkip.amazonaws.com/",
  requests: 12,
};

export interface VerifyRun {
  readonly outputs: VerifyOutputs;
  readonly chaos: boolean;
  readonly only?: readonly string[];
  readonly aws?: Omit<AwsOptions, "region">;
  readonly http?: Partial<HttpOptions>;
  readonly timeouts?: Partial<Timeouts>;
  readonly options?: Partial<VerifyOptions>;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly progress?: (line: string) => void;
  readonly scenarios?: readonly Scenario[];
}

/** Which scenarios a run includes: read-only ones, the destructive ones too with `chaos`, narrowed by `only`. */
export function selectScenarios(
  all: readonly Scenario[],
  chaos: boolean,
  only?: readonly string[],
): Scenario[] {
  const unknown = (only ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0)
    throw new Error(`--only: got ${unknown.join(", ")}; allowed: ${all.map((s) => s.id).join(", ")}`);
  return all.filter((s) => (chaos || !s.chaos) && (!only || only.includes(s.id)));
}

export async function verify(run: VerifyRun): Promise<RunReport> {
  const scenarios = selectScenarios(run.scenarios ?? SCENARIOS, run.chaos, run.only);
  return runScenarios(scenarios, {
    outputs: run.outputs,
    aws: new Aws({ region: run.outputs.region, ...run.aws }),
    http: { httpPort: 80, httpsPort: 443, timeoutMs: 10_000, ...run.http },
    clock: run.clock ?? systemClock,
    signal: run.signal,
    progress: run.progress ?? (() => {}),
    timeouts: { ...DEFAULT_TIMEOUTS, ...run.timeouts },
    cleanup: new Cleanup(),
    options: { ...DEFAULT_OPTIONS, ...run.options },
  });
}
