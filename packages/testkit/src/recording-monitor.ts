import type * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import {
  deserializeProperties,
  serializeProperties,
  specialSecretSig,
  specialSigKey,
} from "@pulumi/pulumi/runtime/rpc";
import { getProject, getStack } from "@pulumi/pulumi/runtime/settings";
import { AWSX_VPC_TYPE, isModelledType, type AwsMocks } from "./aws-mocks";
import type { Props } from "./model";
import type { VirtualChild } from "./model/awsx-vpc";
import type { FailureLog } from "./failures";
import { duplicateUrnError, type RecordedOptions, type Recorder } from "./recorder";

/* The engine's gRPC request objects are untyped in the SDK; this is the part the recorder reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getRemote(): boolean;
  getObject(): { toJavaScript(): unknown };
  getProtect(): boolean;
  getDependenciesList(): string[];
  getIgnorechangesList(): string[];
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getReplaceonchangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getAliasesList(): unknown[];
  getAliasurnsList(): string[];
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
  getDeletedwith(): string;
  getProvider(): string;
  getProvidersMap(): { get(key: string): string | undefined };
  getTransformsList(): TransformCallback[];
  setTransformsList(list: TransformCallback[]): void;
  setObject(value: unknown): void;
}

/** A transform as the SDK registers it with the engine: a callback token. */
interface TransformCallback {
  getToken(): string;
}

interface InvokeRequest {
  getTok(): string;
  getArgs(): { toJavaScript(): unknown; constructor: unknown };
  setArgs(value: unknown): void;
  getVersion(): string;
  getPlugindownloadurl(): string;
}

/** What an invoke transform (`pulumi.runtime.registerInvokeTransform`) is called with and may return. */
type InvokeTransform = (args: {
  token: string;
  args: Record<string, unknown>;
  opts: { version?: string; pluginDownloadURL?: string };
}) => Promise<{ args: Record<string, unknown> } | undefined> | { args: Record<string, unknown> } | undefined;

interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): unknown;
}

type Callback = (err: unknown, response: unknown) => void;

/**
 * Key paths of every value marked secret in a serialized property struct, as lists of keys: a key may itself
 * contain a dot (a tag named `buddyverse.owner`), so a dotted string could not be followed back.
 */
function secretKeyPaths(value: unknown, path: readonly string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (record[specialSigKey] === specialSecretSig) return [[...path]];
  return Object.entries(record).flatMap(([key, child]) => secretKeyPaths(child, [...path, key]));
}

/** The value with every secret wrapper replaced by what it wraps (the paths are recorded separately). */
function unwrapSecrets(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  const record = value as Record<string, unknown>;
  if (record[specialSigKey] === specialSecretSig) return unwrapSecrets(record["value"]);
  return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, unwrapSecrets(child)]));
}

function optionsOf(req: RegisterRequest): RecordedOptions {
  const timeouts = req.getCustomtimeouts();
  // A component has no provider of its own; its `providers` map says what its AWS children will use.
  const provider = req.getProvider() || req.getProvidersMap().get("aws") || "";
  return {
    protect: req.getProtect() === true,
    dependsOn: req.getDependenciesList(),
    ignoreChanges: req.getIgnorechangesList(),
    retainOnDelete: req.getRetainondelete() === true,
    deleteBeforeReplace: req.getDeletebeforereplace() === true,
    replaceOnChanges: req.getReplaceonchangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    aliasCount: req.getAliasesList().length + req.getAliasurnsList().length,
    customTimeouts: timeouts
      ? {
          create: timeouts.getCreate() || undefined,
          update: timeouts.getUpdate() || undefined,
          delete: timeouts.getDelete() || undefined,
        }
      : undefined,
    deletedWith: req.getDeletedwith() || undefined,
    provider: provider ? provider.split("::").slice(0, -1).join("::") : undefined,
  };
}

/** The options of a resource registered with none set (also what tests build plan resources with). */
export const NO_OPTIONS: RecordedOptions = {
  protect: false,
  dependsOn: [],
  ignoreChanges: [],
  retainOnDelete: false,
  deleteBeforeReplace: false,
  replaceOnChanges: [],
  additionalSecretOutputs: [],
  aliasCount: 0,
};

/** The URN the engine gives a registration (as MockMonitor builds it: the parent's type chain, then the type). */
function urnOf(req: RegisterRequest): string {
  const parent = req.getParent();
  const type = parent ? `${parent.split("::")[2]!}$${req.getType()}` : req.getType();
  return `urn:pulumi:${getStack()}::${getProject()}::${type}::${req.getName()}`;
}

/**
 * Pulumi's MockMonitor, plus what the engine does with each request: it refuses a second registration of a URN,
 * records every registration with the options the engine would see, logs every failure with where it came
 * from, and counts registrations still in flight so tests can wait until the program has settled.
 */
export class RecordingMonitor extends MockMonitor {
  private inFlight = 0;
  private readonly urns = new Set<string>();
  /** Each registered resource's transforms, its own first, then its ancestors' (the order the engine uses). */
  private readonly transformChains = new Map<string, TransformCallback[]>();
  /**
   * Stack transforms (`pulumi.runtime.registerResourceTransform`), in the order the program registered them. The
   * engine runs them on every resource registered after them, after the resource's own and its ancestors' ("applied
   * after all the transformations of custom and component resources in the stack", Pulumi's StackOptions
   * reference); MockMonitor hands them to `mocks.registerTransform` (and invoke transforms to
   * `mocks.registerInvokeTransform`), which the AWS mocks, like most, lack.
   */
  private readonly stackTransforms: TransformCallback[] = [];
  /** Stack invoke transforms (`pulumi.runtime.registerInvokeTransform`): the engine runs them on every later invoke. */
  private readonly invokeTransforms: TransformCallback[] = [];

  constructor(
    private readonly awsMocks: AwsMocks,
    private readonly recorder: Recorder,
    private readonly failures: FailureLog,
  ) {
    super(awsMocks);
  }

  get pending(): number {
    return this.inFlight;
  }

  override async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    const urn = urnOf(req);
    if (this.urns.has(urn)) {
      const error = duplicateUrnError(urn);
      this.failures.add(urn, error);
      callback(error, undefined);
      return;
    }
    this.urns.add(urn);
    this.inFlight++;
    try {
      const transforming = this.applyTransforms(req);
      // No extra turn of the event loop for a resource without transforms: registration timing stays the SDK's.
      if (transforming) await transforming;
      await super.registerResource(req, (err, response) => {
        if (err) this.failures.add(urn, err);
        else this.record(req, response as RegisterResponse);
        callback(err, response);
      });
    } finally {
      this.inFlight--;
    }
  }

  /**
   * What the engine does with transforms: it runs the resource's own and every ancestor component's on the
   * resource's inputs before registering it (the SDK sends only the resource's own; MockMonitor runs none). A
   * remote component gets the whole chain, so the awsx model applies it to its out-of-process children.
   * Transforms see the inputs in wire form (secrets and resource references as their signature objects).
   */
  private applyTransforms(req: RegisterRequest): Promise<void> | undefined {
    // MockMonitor keeps it private in its declarations; it is what its own registerResource uses.
    const engine = this as unknown as { transformCallbacks: Map<string, pulumi.ResourceTransform> };
    const parent = req.getParent();
    const inherited = [...req.getTransformsList(), ...(this.transformChains.get(parent) ?? [])];
    this.transformChains.set(urnOf(req), inherited);
    const chain = [...inherited, ...this.stackTransforms];
    if (chain.length === 0) return undefined;
    if (req.getRemote()) {
      req.setTransformsList(chain);
      return undefined;
    }
    return this.runTransforms(req, chain, engine.transformCallbacks);
  }

  override registerStackTransform(req: TransformCallback, callback: Callback): void {
    this.stackTransforms.push(req);
    callback(null, {});
  }

  override registerStackInvokeTransform(req: TransformCallback, callback: Callback): void {
    this.invokeTransforms.push(req);
    callback(null, {});
  }

  /**
   * What the engine does with invoke transforms: each, in registration order, gets the token, the arguments and
   * the invoke's version and plugin URL (the provider reference is not passed here), and may return new arguments.
   */
  private async runInvokeTransforms(req: InvokeRequest): Promise<void> {
    const engine = this as unknown as { transformCallbacks: Map<string, InvokeTransform> };
    let args = deserializeProperties(req.getArgs() as never) as Record<string, unknown>;
    let changed = false;
    const opts = {
      ...(req.getVersion() ? { version: req.getVersion() } : {}),
      ...(req.getPlugindownloadurl() ? { pluginDownloadURL: req.getPlugindownloadurl() } : {}),
    };
    for (const callback of this.invokeTransforms) {
      const result = await engine.transformCallbacks.get(callback.getToken())?.({
        token: req.getTok(),
        args,
        opts,
      });
      if (result) {
        args = result.args;
        changed = true;
      }
    }
    const struct = req.getArgs().constructor as { fromJavaScript(value: unknown): unknown };
    if (changed) req.setArgs(struct.fromJavaScript(await serializeProperties("invoke transform", args)));
  }

  private async runTransforms(
    req: RegisterRequest,
    chain: readonly TransformCallback[],
    callbacks: Map<string, pulumi.ResourceTransform>,
  ): Promise<void> {
    const object = req.getObject() as { toJavaScript(): unknown; constructor: unknown };
    let props = object.toJavaScript() as Props;
    let changed = false;
    for (const callback of chain) {
      const transform = callbacks.get(callback.getToken());
      const result = await transform?.({
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        props,
        opts: {},
      });
      if (result) {
        props = result.props as Props;
        changed = true;
      }
    }
    // The request's Struct class (google-protobuf), so the testkit needs no protobuf dependency of its own.
    const struct = object.constructor as { fromJavaScript(value: unknown): unknown };
    if (changed) req.setObject(struct.fromJavaScript(props));
  }

  override async invoke(req: InvokeRequest, callback: Callback): Promise<void> {
    this.inFlight++;
    const answer: Callback = (err, response) => {
      if (err) {
        this.failures.add(`invoke ${req.getTok()}`, err);
        // The SDK rethrows a failed invoke as `new Error(err.details)`: gRPC's field for the provider's text.
        const rpcError = err as { details?: string; message?: string };
        rpcError.details ??= rpcError.message;
      }
      callback(err, response);
    };
    try {
      if (this.invokeTransforms.length > 0) {
        const failed = await this.runInvokeTransforms(req).then(
          () => undefined,
          (error: unknown) => error as Error,
        );
        // As the engine fails the invoke whose transform threw.
        if (failed) return answer(new Error(`invoke transform failed: ${failed.message}`), undefined);
      }
      await super.invoke(req, answer);
    } finally {
      this.inFlight--;
    }
  }

  private record(req: RegisterRequest, response: RegisterResponse): void {
    const raw = req.getObject().toJavaScript();
    const urn = response.getUrn();
    const type = req.getType();
    this.recorder.add({
      urn,
      type,
      name: req.getName(),
      parent: req.getParent() || undefined,
      custom: req.getCustom(),
      remote: req.getRemote(),
      virtual: false,
      modelled: isModelledType(type, req.getCustom()),
      id: response.getId() || undefined,
      inputs: unwrapSecrets(deserializeProperties(req.getObject() as never)) as Props,
      secretPaths: secretKeyPaths(raw).map((keys) => keys.join(".")),
      secretKeyPaths: secretKeyPaths(raw),
      outputs: unwrapSecrets(deserializeProperties(response.getObject() as never)) as Props,
      options: optionsOf(req),
    });
    if (type === AWSX_VPC_TYPE) {
      this.recordVirtualChildren(
        urn,
        this.awsMocks.virtualChildren.get(req.getName()) ?? [],
        optionsOf(req).provider,
      );
    }
  }

  /** Adds what awsx creates out of process, with URNs built the way the engine builds them. */
  private recordVirtualChildren(
    componentUrn: string,
    children: VirtualChild[],
    provider: string | undefined,
  ): void {
    const [prefix, qualifiedType] = [
      componentUrn.split("::").slice(0, 2).join("::"),
      componentUrn.split("::")[2]!,
    ];
    const urnByKey = new Map<string, { urn: string; qualifiedType: string }>();
    for (const child of children) {
      const parent = child.parentName
        ? urnByKey.get(`${child.parentType}::${child.parentName}`)
        : { urn: componentUrn, qualifiedType };
      const chain = `${parent!.qualifiedType}$${child.type}`;
      const urn = `${prefix}::${chain}::${child.name}`;
      urnByKey.set(`${child.type}::${child.name}`, { urn, qualifiedType: chain });
      this.recorder.add({
        urn,
        type: child.type,
        name: child.name,
        parent: parent!.urn,
        custom: true,
        remote: false,
        virtual: true,
        modelled: true,
        id: child.id,
        inputs: child.inputs,
        secretPaths: [],
        secretKeyPaths: [],
        outputs: { ...child.inputs, id: child.id },
        options: { ...NO_OPTIONS, provider },
      });
    }
  }
}
