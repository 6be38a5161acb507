import type { LookupFunction } from "node:net";
import type { RunReport } from "../../src/verify/runner";
import type { Result, Timeouts } from "../../src/verify/types";
import { verify } from "../../src/verify/verify";
import type { World } from "./world";

/** Every name resolves to the local servers (the real host names stay in the URLs, SNI and certificates). */
export const loopback: LookupFunction = (_host, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: "127.0.0.1", family: 4 },
    ]);
  else callback(null, "127.0.0.1", 4);
};

/** Fake-clock milliseconds: a 15-minute scale wait is 30 polls of a local server. */
export const TEST_TIMEOUTS: Timeouts = {
  commandMs: 30_000,
  unhealthyMs: 200_000,
  replaceMs: 400_000,
  scaleMs: 900_000,
  notifyMs: 200_000,
  pollMs: 10_000,
};

export interface Run {
  readonly report: RunReport;
  readonly progress: string[];
  result(id: string): Result;
}

export async function runAgainst(
  world: World,
  opts: {
    only?: string[];
    chaos?: boolean;
    signal?: AbortSignal;
    timeouts?: Partial<Timeouts>;
    requests?: number;
    /** false: do not pass the test CA (the site's chain is then untrusted). */
    trustTestCa?: boolean;
    progress?: (line: string) => void;
  } = {},
): Promise<Run> {
  const progress: string[] = [];
  const report = await verify({
    outputs: world.outputs(),
    chaos: opts.chaos ?? false,
    only: opts.only,
    aws: {
      endpoint: world.aws.url,
      credentials: { accessKeyId: "AKIDFAKE", secretAccessKey: "fake" },
      maxAttempts: 1,
    },
    http: {
      ca: opts.trustTestCa === false ? undefined : world.chain.ca,
      lookup: loopback,
      httpPort: world.httpPort,
      httpsPort: world.httpsPort,
      timeoutMs: 2000,
    },
    clock: world.clock,
    signal: opts.signal,
    timeouts: { ...TEST_TIMEOUTS, ...opts.timeouts },
    options: { requests: opts.requests ?? 4 },
    progress: (line) => {
      progress.push(line);
      opts.progress?.(line);
    },
  });
  return {
    report,
    progress,
    result(id) {
      const found = report.results.find((r) => r.id === id);
      if (!found) throw new Error(`no result for ${id}: ${JSON.stringify(report.results)}`);
      return found;
    },
  };
}
