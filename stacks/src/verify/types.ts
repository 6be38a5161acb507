import type { Aws } from "./aws";
import type { Cleanup } from "./cleanup";
import type { HttpOptions } from "./http";
import type { VerifyOutputs } from "./outputs";
import type { Clock } from "./wait";

export type Status = "pass" | "fail" | "skip";

/** What a scenario found: the verdict, what it measured, and what it expected (derived from the stack's config). */
export interface Outcome {
  readonly status: Status;
  readonly measured: string;
  readonly expected: string;
  readonly details?: readonly string[];
}

export interface Result extends Outcome {
  readonly id: string;
  readonly title: string;
  readonly chaos: boolean;
  readonly durationMs: number;
}

/** How long each kind of wait may take; the defaults are in `cli.ts`, tests pass milliseconds. */
export interface Timeouts {
  /** One SSM Run Command invocation. */
  readonly commandMs: number;
  /** A target turning unhealthy, an alarm changing state. */
  readonly unhealthyMs: number;
  /** An instance being replaced and its target healthy again. */
  readonly replaceMs: number;
  /** Scale-out to max, and again scale-in back to min. */
  readonly scaleMs: number;
  /** An SNS delivery showing in the topic's metrics. */
  readonly notifyMs: number;
  /** How often waits poll. */
  readonly pollMs: number;
}

export interface VerifyOptions {
  /** The web server's systemd unit (Apache on Amazon Linux). */
  readonly webService: string;
  /** An outside HTTPS endpoint that answers 200, for the NAT egress check. */
  readonly egressUrl: string;
  /** Requests sent without a cookie to see the spread, and with one to see the pinning. */
  readonly requests: number;
}

export interface ScenarioContext {
  readonly outputs: VerifyOutputs;
  readonly aws: Aws;
  readonly http: HttpOptions;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly progress: (line: string) => void;
  readonly timeouts: Timeouts;
  readonly cleanup: Cleanup;
  readonly options: VerifyOptions;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** Destructive: runs only with `--chaos` and a confirmation. */
  readonly chaos: boolean;
  /** Every IAM action the scenario calls; the only ones its `Aws` lets it call. */
  readonly actions: readonly string[];
  run(ctx: ScenarioContext): Promise<Outcome>;
}
