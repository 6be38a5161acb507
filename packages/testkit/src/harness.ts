import * as pulumi from "@pulumi/pulumi";
import { setMockOptions } from "@pulumi/pulumi/runtime/settings";
import { AwsMocks } from "./aws-mocks";
import { withCatalogue, type MockCatalogue } from "./catalogue";
import { defaultAccount, type MockAccount } from "./context";
import { FailureLog, installFailureLog, type ProgramFailure } from "./failures";
import { installInProcessCallbacks } from "./in-process-callbacks";
import { skipPromiseDebugStacks } from "./promise-stacks";
import { skipSourcePositions } from "./source-positions";
import { Recorder } from "./recorder";
import { RecordingMonitor } from "./recording-monitor";
import { sdkStore } from "./sdk-store";

export interface MockEnvironmentOptions {
  /** @default "cloudblocks" */
  readonly project?: string;
  /** @default "test" */
  readonly stack?: string;
  /**
   * Stack configuration, keyed as in `Pulumi.<stack>.yaml` (`aws:region`, `buddyverse:env`, or a bare key for
   * the project namespace). Objects and arrays are passed as JSON, as the Pulumi CLI does.
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Config keys to mark secret (their values are still readable by the program). */
  readonly secretKeys?: readonly string[];
  /**
   * The fake account: id, partition, and `region`, which overrides the default provider's region (otherwise
   * `aws:region` from `config`, else ap-northeast-2). Explicit providers keep their own `region`.
   */
  readonly account?: Partial<MockAccount>;
  /**
   * What the account already holds, for invokes to find (hosted zones, a shared ALB and its listeners, private
   * images and parameters), added to the public catalogue (Amazon Linux 2023 images and their SSM parameters).
   */
  readonly catalogue?: Partial<MockCatalogue>;
  /** Run as `pulumi preview` (outputs of new resources unknown where the engine would not know them). @default false */
  readonly preview?: boolean;
}

/** A mocked Pulumi runtime that records every registration. Create one per test (or per `before`). */
export interface MockEnvironment {
  readonly recorder: Recorder;
  readonly mocks: AwsMocks;
  /** Every failure so far (registrations refused, invokes failed, inputs and applies that threw), in order. */
  readonly failures: readonly ProgramFailure[];
  /**
   * Waits until every registration and invoke the program started has finished, including those from applies;
   * then rejects with the first failure, naming the resource, component or call it came from, as the engine
   * would fail the deployment. Resolves only when the program ran clean.
   */
  settle(): Promise<void>;
}

/**
 * What `pulumi.runtime.setMocks` does, with the recording monitor instead of a plain MockMonitor: the same
 * engine features are announced, so secrets and transforms reach the monitor as they would reach the engine.
 */
function installMonitor(monitor: RecordingMonitor, project: string, stack: string, preview: boolean): void {
  // Transforms run in the mock monitor only from @pulumi/pulumi 3.260 on (MockMonitor.transformCallbacks); an
  // older SDK would fail on the first component with a transform, far from the cause.
  if (!(monitor as unknown as { transformCallbacks?: unknown }).transformCallbacks)
    throw new Error(
      "@cloudblocks/testkit needs @pulumi/pulumi 3.260 or newer (its mock monitor runs resource transforms from that version on)",
    );
  setMockOptions(monitor, project, stack, preview);
  const store = sdkStore<Record<string, boolean>>();
  store.supportsSecrets = true;
  store.supportsResourceReferences = true;
  store.supportsOutputValues = false;
  store.supportsDeletedWith = true;
  store.supportsReplaceWith = true;
  store.supportsAliasSpecs = true;
  store.supportsTransforms = true;
  store.supportsInvokeTransforms = true;
  store.supportsParameterization = true;
  store.supportsResourceHooks = true;
  store.supportsErrorHooks = true;
  store.supportsInvokeDependsOn = false;
  installInProcessCallbacks(store, monitor);
}

function configKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * Installs the cloudblocks mocks as the Pulumi runtime (no engine, no cloud) and returns the recorder.
 * Each call starts from an empty record and a fresh config.
 */
export function setupMocks(options: MockEnvironmentOptions = {}): MockEnvironment {
  const project = options.project ?? "cloudblocks";
  const stack = options.stack ?? "test";
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.config ?? {})) {
    config[configKey(project, key)] = typeof value === "string" ? value : JSON.stringify(value);
  }
  skipPromiseDebugStacks();
  skipSourcePositions();
  const recorder = new Recorder();
  const failures = new FailureLog();
  const defaultRegion = options.account?.region ?? config["aws:region"] ?? defaultAccount.region;
  const mocks = new AwsMocks(
    recorder,
    options.account ?? {},
    withCatalogue(options.catalogue),
    defaultRegion,
  );
  const monitor = new RecordingMonitor(mocks, recorder, failures);
  installMonitor(monitor, project, stack, options.preview ?? false);
  installFailureLog(failures);

  pulumi.runtime.setAllConfig(
    config,
    (options.secretKeys ?? []).map((key) => configKey(project, key)),
  );

  return {
    recorder,
    mocks,
    get failures() {
      return failures.all;
    },
    settle: async () => {
      await waitUntilIdle(monitor);
      const failure = failures.firstError();
      if (failure) throw failure;
    },
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function waitUntilIdle(monitor: RecordingMonitor): Promise<void> {
  // A registration resolving can trigger applies that register more resources, so the monitor must stay idle
  // across several event-loop turns before the program counts as settled.
  let idleTurns = 0;
  while (idleTurns < 5) {
    await nextTurn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    idleTurns = monitor.pending === 0 ? idleTurns + 1 : 0;
  }
}

/**
 * The resolved value of an input or output (for assertions). Rejects when the output failed (e.g. an apply
 * threw), so validation done at apply time can be asserted too.
 */
export function outputOf<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
  // `promise()` is the SDK's own way to await an Output; it is internal (not in the .d.ts) but stable since 1.0.
  const output = pulumi.output(value) as unknown as { promise(): Promise<pulumi.Unwrap<T>> };
  return output.promise();
}
