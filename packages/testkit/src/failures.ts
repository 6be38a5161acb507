import * as pulumi from "@pulumi/pulumi";
import * as runtimeResource from "@pulumi/pulumi/runtime/resource";

/** Something that would have failed `pulumi preview` / `pulumi up`, and where it came from. */
export interface ProgramFailure {
  /** The resource, component or call it came from, e.g. `aws:ec2/launchTemplate:LaunchTemplate "web-lt" (in cloudblocks:web:WebFleet "web")`. */
  readonly source: string;
  readonly message: string;
  readonly error: unknown;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where each error object was first seen flowing, and in which run: a late rejection belongs to its own run. */
const origins = new WeakMap<
  object,
  { readonly log: FailureLog; readonly source: string; readonly message: string }
>();

/**
 * The failures of one program run, in the order they happened. The engine stops a deployment at the first
 * error; tests and the plan surface that one, named after what caused it.
 */
export class FailureLog {
  private readonly list: ProgramFailure[] = [];

  get all(): readonly ProgramFailure[] {
    return this.list;
  }

  add(source: string, error: unknown): void {
    // The SDK prefixes `error serializing property "…"` to the same Error each time it passes a resource input;
    // the message as first seen is the one the program threw.
    const origin = error !== null && typeof error === "object" ? origins.get(error) : undefined;
    this.list.push({ source: origin?.source ?? source, message: origin?.message ?? messageOf(error), error });
  }

  /** Remembers the first resource an error reached, so an apply error can be reported against it. */
  tag(error: unknown, source: string): void {
    if (error !== null && typeof error === "object" && !origins.has(error)) {
      origins.set(error, { log: this, source, message: messageOf(error) });
    }
  }

  sourceOf(error: unknown): string | undefined {
    return error !== null && typeof error === "object" ? origins.get(error)?.source : undefined;
  }

  /** The run an error was seen in, if it was seen flowing into a resource. */
  static ownerOf(error: unknown): FailureLog | undefined {
    return error !== null && typeof error === "object" ? origins.get(error)?.log : undefined;
  }

  /** The first failure as an Error naming its source, or undefined when the program ran clean. */
  firstError(): Error | undefined {
    const first = this.list[0];
    if (!first) return undefined;
    // A failed invoke is usually seen twice: at the call and where its result was needed; name both.
    const consumer = this.list.find(
      (f) => f !== first && f.message.includes(first.message) && f.source !== first.source,
    );
    const where = consumer ? `${first.source}, needed by ${consumer.source}` : first.source;
    const error = new Error(`${where}: ${first.message}`);
    (error as Error & { cause?: unknown }).cause = first.error;
    return error;
  }
}

/** The log of the environment currently installed (one Pulumi runtime per process, so one at a time). */
let current: FailureLog | undefined;
let installed = false;

interface NamedResource {
  readonly __name?: string;
  readonly __pulumiType?: string;
}

function describe(type: string, name: string, parent: NamedResource | undefined): string {
  const within =
    parent?.__pulumiType && parent.__name ? ` (in ${parent.__pulumiType} "${parent.__name}")` : "";
  return `${type} "${name}"${within}`;
}

/** Calls `onError` for every Output or promise found in `value` (plain objects and arrays, a few levels deep) that rejects. */
function watch(value: unknown, onError: (error: unknown) => void, depth = 0): void {
  if (value === null || typeof value !== "object" || depth > 5) return;
  if (pulumi.Output.isInstance(value)) {
    // `promise()` is the SDK's internal view of an Output (see outputOf); observing it does not consume it.
    (value as unknown as { promise(): Promise<unknown> }).promise().then(undefined, onError);
    return;
  }
  if (value instanceof Promise) {
    value.then(undefined, onError);
    return;
  }
  if (pulumi.Resource.isInstance(value)) return;
  for (const child of Array.isArray(value) ? value : Object.values(value)) watch(child, onError, depth + 1);
}

function onUnhandledRejection(reason: unknown): void {
  (FailureLog.ownerOf(reason) ?? current)?.add("unhandled rejection", reason);
}

type RegisterResource = typeof runtimeResource.registerResource;
type RegisterOutputs = typeof runtimeResource.registerResourceOutputs;

/**
 * Makes `log` the failure log of the running program. The first time, it also (a) listens for unhandled
 * rejections, which is how the Pulumi SDK reports an input or apply that failed (mocha swallows them), and
 * (b) wraps the SDK's `registerResource`/`registerResourceOutputs` so each failing input is attributed to the
 * resource or component it was meant for. The SDK calls both through its module exports, so the wrapper sees
 * every registration; it only observes values and changes nothing.
 */
export function installFailureLog(log: FailureLog): void {
  current = log;
  // Re-added when gone: mocha's parallel workers remove every unhandledRejection listener after each file.
  if (!process.listeners("unhandledRejection").includes(onUnhandledRejection)) {
    process.on("unhandledRejection", onUnhandledRejection);
  }
  if (installed) return;
  installed = true;

  const module = runtimeResource as unknown as {
    registerResource: RegisterResource;
    registerResourceOutputs: RegisterOutputs;
  };
  const register = module.registerResource;
  module.registerResource = function (
    res,
    parent,
    type,
    name,
    custom,
    remote,
    newDependency,
    props,
    ...rest
  ) {
    const log = current;
    if (log)
      watch(props, (error) => log.tag(error, describe(type, name, parent as NamedResource | undefined)));
    return register(res, parent, type, name, custom, remote, newDependency, props, ...rest);
  } as RegisterResource;
  const registerOutputs = module.registerResourceOutputs;
  module.registerResourceOutputs = function (res, outputs) {
    const log = current;
    const named = res as unknown as NamedResource;
    if (log)
      watch(outputs, (error) =>
        log.tag(error, `outputs of ${describe(named.__pulumiType ?? "?", named.__name ?? "?", undefined)}`),
      );
    return registerOutputs(res, outputs);
  } as RegisterOutputs;
}
