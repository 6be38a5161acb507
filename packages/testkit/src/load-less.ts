import { readFileSync } from "node:fs";
import { Module } from "node:module";
import * as path from "node:path";

/** How an SDK module imports a module it loads but a mocked run never uses. */
interface Deferred {
  /** The package whose module imports it (resolved from there). */
  readonly sdk: Sdk;
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

/** The packages whose modules are deferred: the Pulumi SDKs, and zod (which every component validates with). */
type Sdk = "@pulumi/pulumi" | "@pulumi/aws" | "@pulumi/awsx" | "zod";

/**
 * Modules loaded when `@pulumi/pulumi`, `@pulumi/awsx` or zod is first imported, but used only to serialize a
 * JavaScript function into a Lambda package (`pulumi.runtime.serializeFunction`, aws `CallbackFunction`), to
 * call ECS from awsx's classic task definitions, to drive the Pulumi CLI (the Automation API), to talk gRPC to a
 * real engine (the mocks answer in-process; `installInProcessCallbacks` in harness.ts keeps the SDK from
 * starting its callback server), or to speak another language than English: never in a plan or a test run.
 * Loading the first ones was 0.5 s of every process that imports Pulumi (`require("@pulumi/pulumi")`: 0.83 s →
 * 0.30 s, measured by the perf branch) and a further 0.1 s with awsx.
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
  // index.js: `pulumi.automation` (`__importStar`), the Automation API, which runs the Pulumi CLI.
  { sdk: "@pulumi/pulumi", request: "@pulumi/pulumi/automation", esModule: true },
  // The generated gRPC clients and services (`__importStar` imports; each builds its client class with grpc-js
  // as it loads), and grpc-js itself (`__importStar`; read elsewhere only for status codes of a failed call).
  ...["callback", "engine", "resource", "provider"].map((proto): Deferred => ({
    sdk: "@pulumi/pulumi",
    request: `@pulumi/pulumi/proto/${proto}_grpc_pb`,
    esModule: true,
  })),
  { sdk: "@pulumi/pulumi", request: "@grpc/grpc-js", esModule: true },
  // runtime/settings.js (plain require): OpenTelemetry, read only inside the interceptor of a real engine's client
  // to pass the trace context along.
  { sdk: "@pulumi/pulumi", request: "@opentelemetry/api", esModule: true },
  // zod's error messages in 48 languages (`z.locales`, `__importStar` in core/index and classic/external): the
  // components use the English one, which zod loads by itself (`config(en())`).
  { sdk: "zod", request: "zod/v4/locales/index.cjs", esModule: true },
];

/**
 * Packages whose index imports every sub-module at once (`const ec2 = __importStar(require("./ec2"))`, 250 of them
 * in @pulumi/aws, awsx's whole classic library), of which a program uses a handful: each is deferred until the
 * program first reads from it (`aws.ec2.Vpc`), which loads and registers it exactly as the index would have.
 */
const EAGER_INDEXES: readonly Sdk[] = ["@pulumi/aws", "@pulumi/awsx"];
/** Where Pulumi's code generator lists a package's sub-modules in its index, one import each. */
const SUB_MODULES_MARKER = "// Export sub-modules:";
const SUB_MODULE_IMPORT = /^const (\w+) = __importStar\(require\("\.\/\1"\)\);$/gm;

/**
 * The sub-module index files `sdk`'s own index imports with `__importStar`, as found in its source: each is
 * `<name>/index.js` beside it (the generator's layout, so no resolution per file: 250 of them in @pulumi/aws).
 */
function eagerSubModules(sdk: Sdk, from: string): { readonly file: string; readonly deferred: Deferred }[] {
  let index: string;
  let source: string;
  try {
    index = require.resolve(sdk, { paths: [from] });
    source = readFileSync(index, "utf8");
  } catch {
    return []; // not installed: nothing to defer
  }
  const marker = source.indexOf(SUB_MODULES_MARKER);
  if (marker < 0) return []; // not generated as expected: everything loads as usual
  return [...source.slice(marker).matchAll(SUB_MODULE_IMPORT)].map(([, name]) => ({
    file: path.join(path.dirname(index), name!, "index.js"),
    deferred: { sdk, request: `${sdk}/${name!}`, esModule: true },
  }));
}

/** The folder of `sdk` as `from` resolves it; undefined when it is not installed there. */
function sdkFolder(sdk: Sdk, from: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${sdk}/package.json`, { paths: [from] }));
  } catch {
    return undefined;
  }
}

/** The resolved file of `request` as `sdk` in `sdkDir` would load it; undefined without it. */
function resolveFromSdk({ sdk, request }: Deferred, sdkDir: string): string | undefined {
  try {
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
  const folders = new Map<Sdk, string | undefined>();
  const folderOf = (sdk: Sdk) => {
    if (!folders.has(sdk)) folders.set(sdk, sdkFolder(sdk, from));
    return folders.get(sdk);
  };
  const named = DEFERRED.flatMap((deferred) => {
    const sdkDir = folderOf(deferred.sdk);
    const file = sdkDir === undefined ? undefined : resolveFromSdk(deferred, sdkDir);
    return file === undefined ? [] : [{ file, deferred }];
  });
  return [...named, ...EAGER_INDEXES.flatMap((sdk) => eagerSubModules(sdk, from))];
}

/**
 * Defers what the Pulumi SDKs and zod load but a mocked run never uses (see {@link DEFERRED}) or uses only in
 * part (see {@link EAGER_INDEXES}) until it is used. Call it before they are first imported (the plan CLI does;
 * `mocha --require @cloudblocks/testkit/preload` does it for a test run); later calls and modules already loaded
 * change nothing.
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
