// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's runtime/state (its .d.ts is empty)
import runtimeState = require("@pulumi/pulumi/runtime/state");

/**
 * The SDK's store for the running program (runtime/state.js `getStore`): internal, left out of its .d.ts, but
 * exactly what `setMocks` itself configures and the SDK's own modules read.
 */
export function sdkStore<T extends object>(): T {
  return (runtimeState as unknown as { getStore(): T }).getStore();
}
