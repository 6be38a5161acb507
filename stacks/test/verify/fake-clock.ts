import { InterruptedError, type Clock } from "../../src/verify/wait";

/** Minutes of waiting in microseconds: `sleep` moves time forward and yields once. */
export class FakeClock implements Clock {
  constructor(public t = Date.parse("2026-12-01T20:00:00Z")) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new InterruptedError();
    this.t += ms;
  }
}
