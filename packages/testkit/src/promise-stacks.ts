// A plain require, not `import * as` (a copy under esModuleInterop): the wrapper replaces the function on the
// module object the SDK's own modules call it through.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import debuggable = require("@pulumi/pulumi/runtime/debuggable");
import { sdkStore } from "./sdk-store";

/**
 * The SDK's `debuggablePromise` (runtime/debuggable.js) wraps every registration, invoke and output promise: it
 * records `new Error().stack` and three properties on each, and keeps it in `leakCandidates` until it settles, so
 * that at exit it can fail the program on promises that never did ("The Pulumi runtime detected that N promises
 * were still active", exit code 1). The stack and the properties are read only by the per-promise report that
 * `PULUMI_DEBUG_PROMISE_LEAKS` turns on (`leakedPromises`). Formatting the stacks was a third of the CPU of a test
 * run (13.7 s of 40 s, measured with `--cpu-prof` by the perf branch); after that, defining the properties and the
 * SDK's second promise per promise were most of what the wrapper cost (60 ms of plan prod's 17,000 promises).
 * Under the mocks each promise is tracked exactly as the SDK tracks it, and nothing else is recorded;
 * `PULUMI_DEBUG_PROMISE_LEAKS` gets the SDK's own function, stacks and all.
 */
interface Debuggable {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
}
interface LeakStore {
  leakCandidates?: Set<Promise<unknown>>;
}

const sdk = debuggable as unknown as Debuggable;
let installed = false;

/** Installs the lean wrapper once per process (idempotent); no-op where the SDK has no such function. */
export function skipPromiseDebugStacks(): void {
  if (installed || typeof sdk.debuggablePromise !== "function") return;
  installed = true;
  const original = sdk.debuggablePromise;
  let sdkCalled = false;
  sdk.debuggablePromise = function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
    if (sdk.debugPromiseLeaks) return original(p, ctx);
    const candidates = sdkStore<LeakStore>().leakCandidates;
    // The SDK's first call schedules its exit-time check; an SDK without `leakCandidates` keeps its own way.
    if (!sdkCalled || !(candidates instanceof Set)) {
      sdkCalled = true;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0; // `new Error().stack` is then just "Error": nothing captured, nothing formatted
      try {
        return original(p, ctx);
      } finally {
        Error.stackTraceLimit = limit;
      }
    }
    candidates.add(p);
    return p.then(
      (value) => {
        candidates.delete(p);
        return value;
      },
      (error: unknown) => {
        candidates.delete(p);
        throw error;
      },
    );
  };
}
