import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { scratchDir, setupMocks } from "../src";
import { runProcess } from "./run-process";
import { IN_PROCESS_TARGET } from "../src/in-process-callbacks";
import { deferModule, deferUnusedPulumiModules, pulumiModulesToDefer } from "../src/load-less";

// The SDK internals the testkit speeds up (both untyped: their .d.ts export nothing).
/* eslint-disable @typescript-eslint/no-require-imports */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debugPromiseLeaks: boolean;
  debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T>;
};
const state = require("@pulumi/pulumi/runtime/state") as {
  getStore(): {
    leakCandidates: Set<Promise<unknown>>;
    callbacks?: { _server?: unknown; _target?: Promise<string> };
  };
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Loads = { loads?: number };

/** A fresh CommonJS module that counts how often it is evaluated. */
function fixtureModule(): string {
  const file = path.join(scratchDir("cloudblocks-defer-"), "fixture.js");
  writeFileSync(
    file,
    "globalThis.loads = (globalThis.loads ?? 0) + 1;\nexports.answer = 42;\nexports.double = (n) => 2 * n;\n",
  );
  return file;
}

describe("testkit load time: what it skips, without changing what runs", () => {
  beforeEach(() => {
    delete (globalThis as Loads).loads;
    delete (globalThis as { loaded?: string[] }).loaded;
  });

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
    const dir = scratchDir("cloudblocks-defer-");
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
    const [named, subModules] = [files.slice(0, 12), files.slice(12)];
    expect(named).to.deep.equal([
      path.join("@pulumi", "pulumi", "typescript-shim.js"),
      path.join("@npmcli", "arborist", "lib", "index.js"),
      path.join("normalize-package-data", "lib", "normalize.js"),
      path.join("@aws-sdk", "client-ecs", "dist-cjs", "index.js"),
      path.join("@pulumi", "pulumi", "automation", "index.js"),
      path.join("@pulumi", "pulumi", "proto", "callback_grpc_pb.js"),
      path.join("@pulumi", "pulumi", "proto", "engine_grpc_pb.js"),
      path.join("@pulumi", "pulumi", "proto", "resource_grpc_pb.js"),
      path.join("@pulumi", "pulumi", "proto", "provider_grpc_pb.js"),
      path.join("@grpc", "grpc-js", "build", "src", "index.js"),
      path.join("@opentelemetry", "api", "build", "src", "index.js"),
      path.join("zod", "v4", "locales", "index.cjs"),
    ]);
    // Every service of @pulumi/aws and every namespace of awsx, as their indexes import them.
    const aws = subModules.filter((f) => f.startsWith(path.join("@pulumi", "aws", path.sep)));
    const awsx = subModules.filter((f) => f.startsWith(path.join("@pulumi", "awsx", path.sep)));
    expect(aws.length, "services of @pulumi/aws").to.be.greaterThan(200);
    expect(aws).to.include.members(
      ["ec2", "s3", "rds", "types"].map((s) => path.join("@pulumi", "aws", s, "index.js")),
    );
    expect(awsx).to.deep.equal(
      ["classic", "cloudtrail", "ec2", "ecr", "ecs", "lb", "types"].map((s) =>
        path.join("@pulumi", "awsx", s, "index.js"),
      ),
    );
    expect(aws.length + awsx.length).to.equal(subModules.length);
    for (const file of pulumiModulesToDefer().map((m) => m.file))
      expect(existsSync(file), file).to.equal(true);
  });

  it("a package index's sub-modules load when the program first reads them, as the index would have loaded them", () => {
    // A package laid out as @pulumi/aws is: an index that imports every service with __importStar.
    const project = scratchDir("cloudblocks-eager-");
    const sdk = path.join(project, "node_modules", "@pulumi", "aws");
    for (const service of ["ec2", "s3"]) {
      mkdirSync(path.join(sdk, service), { recursive: true });
      writeFileSync(
        path.join(sdk, service, "index.js"),
        `Object.defineProperty(exports, "__esModule", { value: true });\n` +
          `globalThis.loaded = [...(globalThis.loaded ?? []), "${service}"];\nexports.Thing = class ${service} {};\n`,
      );
    }
    writeFileSync(path.join(sdk, "utilities.js"), "exports.used = true;\n");
    writeFileSync(path.join(sdk, "package.json"), JSON.stringify({ name: "@pulumi/aws", main: "index.js" }));
    writeFileSync(
      path.join(sdk, "index.js"),
      [
        "var __importStar = (mod) => (mod && mod.__esModule ? mod : { default: mod, ...mod });",
        'Object.defineProperty(exports, "__esModule", { value: true });',
        'const utilities = __importStar(require("./utilities"));',
        "// Export sub-modules:",
        'const ec2 = __importStar(require("./ec2"));',
        "exports.ec2 = ec2;",
        'const s3 = __importStar(require("./s3"));',
        "exports.s3 = s3;",
      ].join("\n"),
    );
    const deferred = deferUnusedPulumiModules(project);
    expect(deferred).to.deep.equal(["ec2", "s3"].map((s) => path.join(sdk, s, "index.js")));
    const loaded = () => (globalThis as { loaded?: string[] }).loaded;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const aws = require(sdk) as { ec2: { Thing: { name: string } } };
    expect(loaded(), "nothing loaded at import").to.equal(undefined);
    expect(aws.ec2.Thing.name).to.equal("ec2");
    expect(loaded(), "only what was read").to.deep.equal(["ec2"]);
  });

  it("under the mocks, the SDK's debug promises record no stack unless PULUMI_DEBUG_PROMISE_LEAKS asks for one", async () => {
    setupMocks();
    const limit = Error.stackTraceLimit;
    await debuggable.debuggablePromise(Promise.resolve(0), "an earlier registration");
    let resolve!: (value: number) => void;
    const pending = new Promise<number>((r) => (resolve = r));
    const tracked = debuggable.debuggablePromise(pending, "a registration");
    const stack = (pending as unknown as { _debugStackTrace?: string })._debugStackTrace;
    expect(stack ?? "no stack", "nothing captured").to.be.oneOf(["Error", "no stack"]);
    expect(Error.stackTraceLimit, "the limit is restored").to.equal(limit);
    // The SDK's leak tracking still runs: pending while unresolved, forgotten once resolved.
    expect(state.getStore().leakCandidates.has(pending)).to.equal(true);
    resolve(7);
    expect(await tracked).to.equal(7);
    expect(state.getStore().leakCandidates.has(pending)).to.equal(false);
    const rejected = debuggable.debuggablePromise(Promise.reject(new Error("refused")), "a failed invoke");
    await rejected.then(
      () => expect.fail("should reject"),
      (error: Error) => expect(error.message).to.equal("refused"),
    );
    expect([...state.getStore().leakCandidates].some((p) => p === rejected)).to.equal(false);

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

  it("under the mocks, a promise still pending at exit fails the program as the SDK's leak check does", async function () {
    this.timeout(20_000);
    const program = path.join(scratchDir("cloudblocks-leak-"), "leak.js");
    writeFileSync(
      program,
      [
        `require(${JSON.stringify(path.join(__dirname, "..", "src", "preload"))});`,
        `const { setupMocks } = require(${JSON.stringify(path.join(__dirname, "..", "src", "harness"))});`,
        "setupMocks();",
        `const sdk = require(require.resolve("@pulumi/pulumi/runtime/debuggable", { paths: [${JSON.stringify(__dirname)}] }));`,
        'sdk.debuggablePromise(Promise.resolve(1), "a registration that answered");',
        'sdk.debuggablePromise(Promise.resolve(2), "an invoke that answered");',
        'sdk.debuggablePromise(new Promise(() => {}), "a registration that never answers");',
        "setTimeout(() => {}, 10);",
      ].join("\n"),
    );
    const { code, stderr } = await runProcess(process.execPath, [program]);
    expect(code).to.equal(1);
    expect(stderr).to.contain("The Pulumi runtime detected that 1 promise was still active");
  });

  it("a transform runs in-process: the SDK starts no gRPC callback server under the mocks", async () => {
    const env = setupMocks();
    new aws.sqs.Queue(
      "jobs",
      { messageRetentionSeconds: 3600 },
      {
        transforms: [
          (args) => ({ props: { ...args.props, messageRetentionSeconds: 7200 }, opts: args.opts }),
        ],
      },
    );
    await env.settle();
    expect(env.recorder.ofType("aws:sqs/queue:Queue")[0]!.inputs["messageRetentionSeconds"]).to.equal(7200);
    const callbacks = state.getStore().callbacks;
    expect(callbacks, "the SDK registered the transform through its callback registry").to.not.equal(
      undefined,
    );
    expect(callbacks!._server, "no server bound to 127.0.0.1").to.equal(undefined);
    expect(await callbacks!._target).to.equal(IN_PROCESS_TARGET);
  });

  it("under the mocks, a resource records no source position (only the engine's diagnostics would read it)", async () => {
    setupMocks();
    const sdk = pulumi.Resource as unknown as { callsites(): unknown[] };
    expect(sdk.callsites()).to.deep.equal([]);
  });
});
