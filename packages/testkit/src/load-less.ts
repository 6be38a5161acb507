import { Module } from "node:module";
import * as path from "node:path";

/**
 * Modules `@pulumi/pulumi` loads when it is first imported but uses only to serialize a JavaScript function into
 * a Lambda package (`pulumi.runtime.serializeFunction`, aws `CallbackFunction`): the TypeScript compiler and npm's
 * Arborist. Loading them is 0.5 s of every process that imports Pulumi (measured by the perf branch: 0.83 s →
 * 0.30 s for `require("@pulumi/pulumi")`), and a plan or a test run never serializes a function.
 *
 * `importStar`: how the SDK imports it. TypeScript's `__importStar` copies every key of a module that does not
 * say `__esModule` at import time, which would load it at once; the stand-in says `__esModule` for those.
 */
const DEFERRED: readonly { readonly request: string; readonly importStar: boolean }[] = [
  // The SDK's own shim of `require("typescript")` (runtime/closure/parseFunction.js): deferring the shim, not
  // `typescript` itself, leaves every other importer of the compiler untouched.
  { request: "@pulumi/pulumi/typescript-shim", importStar: false },
  // runtime/closure/codePaths.js, for `new arborist.Arborist(...)` when it packs a function's dependencies.
  { request: "@npmcli/arborist", importStar: true },
];

/** The resolved file of `request` as `@pulumi/pulumi` (the copy `from` resolves) would load it. */
function resolveFromPulumi(request: string, from: string): string | undefined {
  try {
    const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [from] }));
    return request.startsWith("@pulumi/pulumi/")
      ? require.resolve(path.join(pulumiDir, request.slice("@pulumi/pulumi/".length)))
      : require.resolve(request, { paths: [pulumiDir] });
  } catch {
    return undefined; // another SDK layout: nothing deferred, everything loads as usual
  }
}

/**
 * A stand-in for the module at `file` that loads the real one on first use (any property read, `in`, key
 * listing): the importer then sees exactly the real module's values.
 */
export function deferModule(file: string, { importStar }: { readonly importStar: boolean }): void {
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
  standIn.exports = new Proxy(
    {},
    {
      get: (_target, key) => (importStar && key === "__esModule" && !real ? true : load()[key]),
      set: (_target, key, value) => Reflect.set(load(), key, value),
      has: (_target, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        // A proxy may not report a non-configurable property its (empty) target lacks.
        return descriptor && { ...descriptor, configurable: true };
      },
      getPrototypeOf: () => Reflect.getPrototypeOf(load()),
    },
  );
  require.cache[file] = standIn;
}

/** The files {@link deferUnusedPulumiModules} defers, for the SDK `from` resolves (none for another SDK layout). */
export function pulumiModulesToDefer(
  from: string = __dirname,
): { readonly file: string; readonly importStar: boolean }[] {
  return DEFERRED.flatMap(({ request, importStar }) => {
    const file = resolveFromPulumi(request, from);
    return file === undefined ? [] : [{ file, importStar }];
  });
}

/**
 * Defers what `@pulumi/pulumi` loads but a mocked run never uses (see {@link DEFERRED}) until it is used.
 * Call it before `@pulumi/pulumi` is first imported (the plan CLI does; `mocha --require
 * @cloudblocks/testkit/preload` does it for a test run); later calls and an already loaded SDK change nothing.
 * `from`: where to resolve the SDK (by default the copy the testkit itself uses). Returns the files deferred.
 */
export function deferUnusedPulumiModules(from: string = __dirname): string[] {
  const deferred: string[] = [];
  for (const { file, importStar } of pulumiModulesToDefer(from)) {
    if (require.cache[file]) continue;
    deferModule(file, { importStar });
    deferred.push(file);
  }
  return deferred;
}
