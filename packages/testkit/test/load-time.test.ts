import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { setupMocks } from "../src";
import { deferModule, pulumiModulesToDefer } from "../src/load-less";

// The SDK internals the testkit speeds up (both untyped: their .d.ts export nothing).
/* eslint-disable @typescript-eslint/no-require-imports */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T>;
};
const state = require("@pulumi/pulumi/runtime/state") as {
  getStore(): { leakCandidates: Set<Promise<unknown>> };
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Loads = { loads?: number };

/** A fresh CommonJS module that counts how often it is evaluated. */
function fixtureModule(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cloudblocks-defer-")), "fixture.js");
  writeFileSync(
    file,
    "globalThis.loads = (globalThis.loads ?? 0) + 1;\nexports.answer = 42;\nexports.double = (n) => 2 * n;\n",
  );
  return file;
}

describe("testkit load time: what it skips, without changing what runs", () => {
  beforeEach(() => delete (globalThis as Loads).loads);

  it("a deferred module loads on first use and then answers with the real module's values", () => {
    const file = fixtureModule();
    deferModule(file, { esModule: false });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standIn = require(file) as { answer: number; double(n: number): number };
    expect((globalThis as Loads).loads, "loaded before use").to.equal(undefined);
    expect(standIn.answer).to.equal(42);
    expect(standIn.double(21)).to.equal(42);
    expect(Object.keys(standIn)).to.deep.equal(["answer", "double"]);
    expect("double" in standIn).to.equal(true);
    expect((globalThis as Loads).loads, "evaluated exactly once").to.equal(1);
    // Later importers get the real module itself.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const real = require(file) as { answer: number };
    expect(real).to.not.equal(standIn);
    expect(real.answer).to.equal(42);
    expect((globalThis as Loads).loads).to.equal(1);
  });

  it("a module imported with TypeScript's __importStar stays unloaded at import time", () => {
    const file = fixtureModule();
    deferModule(file, { esModule: true });
    // What `import * as x from "…"` compiles to in the SDK: a module saying __esModule is used as it is.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const imported = require(file) as { __esModule?: boolean; answer: number };
    expect(imported.__esModule).to.equal(true);
    expect((globalThis as Loads).loads).to.equal(undefined);
    expect(imported.answer).to.equal(42);
    expect((globalThis as Loads).loads).to.equal(1);
  });

  it("a module imported with __importDefault and called as a function stays unloaded until the call", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cloudblocks-defer-"));
    const file = path.join(dir, "normalize.js");
    writeFileSync(
      file,
      "globalThis.loads = (globalThis.loads ?? 0) + 1;\nmodule.exports = (data) => ({ ...data, ok: true });\n",
    );
    deferModule(file, { esModule: false, callable: true });
    // What `import normalize from "…"` compiles to: a module not saying __esModule is wrapped as the default.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { __esModule?: boolean } & ((data: object) => object);
    const imported = mod && mod.__esModule ? mod : { default: mod };
    expect((globalThis as Loads).loads).to.equal(undefined);
    expect((imported as { default: (data: object) => object }).default({ name: "x" })).to.deep.equal({
      name: "x",
      ok: true,
    });
    expect((globalThis as Loads).loads).to.equal(1);
  });

  it("finds what it defers in the installed SDKs (an SDK that moved them would quietly cost 0.5 s a process)", () => {
    const modules = path.resolve(require.resolve("@pulumi/pulumi"), "..", "..", "..");
    const files = pulumiModulesToDefer().map((m) => path.relative(modules, m.file));
    expect(files).to.deep.equal([
      path.join("@pulumi", "pulumi", "typescript-shim.js"),
      path.join("@npmcli", "arborist", "lib", "index.js"),
      path.join("normalize-package-data", "lib", "normalize.js"),
      path.join("@aws-sdk", "client-ecs", "dist-cjs", "index.js"),
    ]);
    for (const file of pulumiModulesToDefer().map((m) => m.file))
      expect(existsSync(file), file).to.equal(true);
  });

  it("under the mocks, the SDK's debug promises record no stack unless PULUMI_DEBUG_PROMISE_LEAKS asks for one", async () => {
    setupMocks();
    const limit = Error.stackTraceLimit;
    let resolve!: (value: number) => void;
    const pending = new Promise<number>((r) => (resolve = r));
    const tracked = debuggable.debuggablePromise(pending, "a registration");
    expect((pending as unknown as { _debugStackTrace: string })._debugStackTrace).to.equal("Error");
    expect(Error.stackTraceLimit, "the limit is restored").to.equal(limit);
    // The SDK's leak tracking still runs: pending while unresolved, forgotten once resolved.
    expect(state.getStore().leakCandidates.has(pending)).to.equal(true);
    resolve(7);
    expect(await tracked).to.equal(7);
    expect(state.getStore().leakCandidates.has(pending)).to.equal(false);

    debuggable.debugPromiseLeaks = true;
    try {
      const debugged = Promise.resolve(1);
      await debuggable.debuggablePromise(debugged, "a registration");
      expect((debugged as unknown as { _debugStackTrace: string })._debugStackTrace).to.contain(
        "load-time.test.js",
      );
    } finally {
      debuggable.debugPromiseLeaks = false;
    }
  });
});
