import { Module } from "node:module";
import * as path from "node:path";

/** How an SDK module imports a module it loads but a mocked run never uses. */
interface Deferred {
  /** The package whose module imports it (resolved from there). */
  readonly sdk: "@pulumi/pulumi" | "@pulumi/awsx";
  /** The module, as that package requires it; a path inside `sdk` when it starts with `sdk`. */
  readonly request: string;
  /**
   * What the stand-in answers for `__esModule` before the module loads. TypeScript's `__importStar` copies every
   * key of a module that does not say `__esModule` (which would load it at once), so for those importers it says
   * true and is used as it is; `__importDefault` wraps one that says false, which is what it really says.
   */
  readonly esModule: boolean;
  /** The module is a function the importer calls (the stand-in must be callable). */
  readonly callable?: boolean;
}

/**
 * Modules loaded when `@pulumi/pulumi` or `@pulumi/awsx` is first imported, but used only to serialize a
 * JavaScript function into a Lambda package (`pulumi.runtime.serializeFunction`, aws `CallbackFunction`) or to
 * call ECS from awsx's classic task definitions: never in a plan or a test run. Loading them was 0.5 s of every
 * process that imports Pulumi (`require("@pulumi/pulumi")`: 0.83 s → 0.30 s, measured by the perf branch) and
 * a further 0.1 s with awsx.
 */
const DEFERRED: readonly Deferred[] = [
  // The SDK's own shim of `require("typescript")` (runtime/closure/parseFunction.js, plain require): deferring the
  // shim, not `typescript` itself, leaves every other importer of the compiler untouched.
  { sdk: "@pulumi/pulumi", request: "@pulumi/pulumi/typescript-shim", esModule: false },
  // runtime/closure/codePaths.js: `new arborist.Arborist(...)` and `normalize(data)` when it packs a function's
  // dependencies (`__importStar` and `__importDefault` imports).
  { sdk: "@pulumi/pulumi", request: "@npmcli/arborist", esModule: true },
  { sdk: "@pulumi/pulumi", request: "normalize-package-data", esModule: false, callable: true },
  // awsx classic/ecs/taskDefinition.js: `new ecssdk.ECS()` when a task definition looks up its container images.
  { sdk: "@pulumi/awsx", request: "@aws-sdk/client-ecs", esModule: true },
];

/** The resolved file of `request` as `sdk` (the copy `from` resolves) would load it; undefined without it. */
function resolveFromSdk({ sdk, request }: Deferred, from: string): string | undefined {
  try {
    const sdkDir = path.dirname(require.resolve(`${sdk}/package.json`, { paths: [from] }));
    return request.startsWith(`${sdk}/`)
      ? require.resolve(path.join(sdkDir, request.slice(sdk.length + 1)))
      : require.resolve(request, { paths: [sdkDir] });
  } catch {
    return undefined; // not installed, or another SDK layout: nothing deferred, everything loads as usual
  }
}

/**
 * A stand-in for the module at `file` that loads the real one on first use (any property read, `in`, key
 * listing): the importer then sees exactly the real module's values.
 */
export function deferModule(
  file: string,
  { esModule, callable = false }: { readonly esModule: boolean; readonly callable?: boolean },
): void {
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (): Record<PropertyKey, unknown> => {
    if (!real) {
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deferred module, on first use
      real = require(file) as Record<PropertyKey, unknown>;
    }
    return real;
  };
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  // An arrow function when callable: its own keys (length, name) are configurable, as a proxy's report must be.
  const target = callable ? () => undefined : {};
  standIn.exports = new Proxy(target, {
    get: (_target, key) => (key === "__esModule" && !real ? esModule || undefined : load()[key]),
    set: (_target, key, value) => Reflect.set(load(), key, value),
    has: (_target, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      // A proxy may not report a non-configurable property its target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
    apply: (_target, self, args) =>
      Reflect.apply(load() as unknown as (...a: unknown[]) => unknown, self, args),
  });
  require.cache[file] = standIn;
}

/** The files {@link deferUnusedPulumiModules} defers, for the SDKs `from` resolves (none for another layout). */
export function pulumiModulesToDefer(
  from: string = __dirname,
): { readonly file: string; readonly deferred: Deferred }[] {
  return DEFERRED.flatMap((deferred) => {
    const file = resolveFromSdk(deferred, from);
    return file === undefined ? [] : [{ file, deferred }];
  });
}

/**
 * Defers what `@pulumi/pulumi` and `@pulumi/awsx` load but a mocked run never uses (see {@link DEFERRED}) until
 * it is used. Call it before they are first imported (the plan CLI does; `mocha --require
 * @cloudblocks/testkit/preload` does it for a test run); later calls and modules already loaded change nothing.
 * `from`: where to resolve the SDKs (by default the copies the testkit itself uses). Returns the files deferred.
 */
export function deferUnusedPulumiModules(from: string = __dirname): string[] {
  const files: string[] = [];
  for (const { file, deferred } of pulumiModulesToDefer(from)) {
    if (require.cache[file]) continue;
    deferModule(file, deferred);
    files.push(file);
  }
  return files;
}
