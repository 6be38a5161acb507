// A plain require, not `import * as` (a copy under esModuleInterop): the wrapper replaces the function on the
// module object the SDK's own modules call it through.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import debuggable = require("@pulumi/pulumi/runtime/debuggable");

/**
 * The SDK's `debuggablePromise` (runtime/debuggable.js) wraps every registration, invoke and output promise and
 * records `new Error().stack` on each, which only its promise-leak report prints, and only when
 * `PULUMI_DEBUG_PROMISE_LEAKS` is set. Formatting those stacks was a third of the CPU of a test run (13.7 s of
 * 40 s, measured with `--cpu-prof` by the perf branch) and a quarter of a plan: under the mocks, the stack is
 * left empty unless that variable asks for it. Everything else the SDK does there (ids, leak tracking, the
 * leak report itself) runs unchanged.
 */
interface Debuggable {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
}

const sdk = debuggable as unknown as Debuggable;
let installed = false;

/** Installs the stack-free wrapper once per process (idempotent); no-op where the SDK has no such function. */
export function skipPromiseDebugStacks(): void {
  if (installed || typeof sdk.debuggablePromise !== "function") return;
  installed = true;
  const original = sdk.debuggablePromise;
  sdk.debuggablePromise = function debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> {
    if (sdk.debugPromiseLeaks) return original(p, ctx);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0; // `new Error().stack` is then just "Error": nothing captured, nothing formatted
    try {
      return original(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}
