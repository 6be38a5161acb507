import { Resource } from "@pulumi/pulumi";

/**
 * The SDK's Resource constructor records where each resource was declared: `Resource.callsites()` takes a stack
 * trace of unlimited depth (`Error.stackTraceLimit = Infinity`), parses every frame with a regular expression,
 * and the registration sends the frames to the engine, which uses them only in the CLI's diagnostics. The mocked
 * monitor never reads them, and capturing them was 40 ms of a 245-resource plan (`--cpu-prof`: `callsites`,
 * V8's stack formatting, `marshalStackTrace`). Under the mocks the SDK is told there is no position to record,
 * exactly what it already does for a frame it cannot parse.
 */
interface Callsites {
  callsites(): unknown[];
}

const sdk = Resource as unknown as Callsites;
let installed = false;

/** Installs the position-free callsites once per process (idempotent); no-op where the SDK has no such method. */
export function skipSourcePositions(): void {
  if (installed || typeof sdk.callsites !== "function") return;
  installed = true;
  sdk.callsites = () => [];
}
