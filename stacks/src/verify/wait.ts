/** Time, injectable so tests can run minutes of waiting in milliseconds. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
    this.name = "InterruptedError";
  }
}

export class TimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly last?: string,
  ) {
    super(`timed out after ${seconds(timeoutMs)} waiting for ${what}${last ? ` (last seen: ${last})` : ""}`);
    this.name = "TimeoutError";
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new InterruptedError());
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new InterruptedError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

export interface WaitOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  readonly progress: (line: string) => void;
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

/** What a probe saw: `done` ends the wait; `seen` is shown as progress and in a timeout message. */
export interface Probe<T> {
  readonly done: boolean;
  readonly value?: T;
  readonly seen: string;
}

/**
 * Polls `probe` until it reports done or `timeoutMs` passes (then throws {@link TimeoutError}); every poll is
 * reported as progress. Returns the value and how long the wait took, measured from the call.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<Probe<T>>,
  opts: WaitOptions,
): Promise<{ value: T | undefined; elapsedMs: number }> {
  const start = opts.clock.now();
  let last: string | undefined;
  for (;;) {
    if (opts.signal?.aborted) throw new InterruptedError();
    const result = await probe();
    const elapsed = opts.clock.now() - start;
    last = result.seen;
    if (result.done) return { value: result.value, elapsedMs: elapsed };
    if (elapsed >= opts.timeoutMs) throw new TimeoutError(what, opts.timeoutMs, last);
    opts.progress(`  … ${what}: ${last} (${seconds(elapsed)} / ${seconds(opts.timeoutMs)})`);
    await opts.clock.sleep(Math.min(opts.intervalMs, opts.timeoutMs - elapsed), opts.signal);
  }
}
