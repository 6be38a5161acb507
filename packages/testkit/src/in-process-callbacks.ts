// The SDK hands a transform (or a resource hook, a state migration) to the engine as a callback: it starts a gRPC
// server on 127.0.0.1, calls itself until the server answers, and sends the engine the server's address and a
// token. Under the mocks nobody calls that server: MockMonitor looks the function up by token in-process
// (`recordTransformCallback`). So the testkit gives the SDK a callback registry without the server, which is
// what loading grpc-js, binding a port and a loopback call per mocked program cost (once per `setupMocks`).

/** The SDK's CallbackServer (runtime/callbacks.js; internal: its .d.ts is not part of the SDK's public API). */
interface CallbackServerClass {
  prototype: { registerTransform?: unknown; awaitStackRegistrations?: unknown };
}

/** What CallbackServer's constructor sets besides its gRPC server (the same from 3.260 to today's SDK). */
interface CallbackServerState {
  _callbacks: Map<string, unknown>;
  _pendingRegistrations: number;
  _awaitQueue: unknown[];
  _monitor: unknown;
  /** The address the engine would call back: nothing is listening, and under the mocks nothing calls. */
  _target: Promise<string>;
  shutdown(): void;
}

/** Marks a callback target that is not a network address, should anything ever print it. */
export const IN_PROCESS_TARGET = "in-process (cloudblocks testkit mocks)";

/**
 * Installs, in the SDK's run state, a CallbackServer that registers callbacks exactly as the SDK's does (same
 * methods, same tokens reaching the mock monitor) but listens nowhere. An SDK whose CallbackServer looks
 * different is left alone: it starts its own server, which only costs time.
 */
export function installInProcessCallbacks(store: Record<string, unknown>, monitor: unknown): void {
  let CallbackServer: CallbackServerClass | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped SDK internal
    CallbackServer = (require("@pulumi/pulumi/runtime/callbacks") as { CallbackServer?: CallbackServerClass })
      .CallbackServer;
  } catch {
    return;
  }
  const prototype = CallbackServer?.prototype;
  if (
    typeof prototype?.registerTransform !== "function" ||
    typeof prototype.awaitStackRegistrations !== "function"
  )
    return;
  const server = Object.create(prototype) as CallbackServerState;
  server._callbacks = new Map();
  server._pendingRegistrations = 0;
  server._awaitQueue = [];
  server._monitor = monitor;
  server._target = Promise.resolve(IN_PROCESS_TARGET);
  server.shutdown = () => undefined;
  store.callbacks = server;
}
