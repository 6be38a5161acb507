// `npm run bench [-- --runs N] [-- --only plan|test]`: median of N (default 5) runs of each offline plan and of a
// cold `npm test`, the plans' peak memory, and what the provider-rules checker adds to plan prod. Prints the load
// average before each case: on a shared machine, numbers taken under load are not comparable (repeat them).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { binCommand } from "./bin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const RUNS = Number(option("runs") ?? 5);
const only = option("only");
const node = process.execPath;
// The plan runs as its bin runs: with the node options of its first line.
const { file: cli, options: cliOptions } = binCommand("cloudblocks-plan");
// Reports the process's peak resident memory (KB) to a file at exit; the checker switch for the A/B below.
const peakRss = path.join(root, "scripts/bench/peak-rss.cjs");
const withoutRules = path.join(root, "scripts/bench/without-provider-rules.cjs");
const rulesTime = path.join(root, "scripts/bench/provider-rules-time.cjs");

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const scratch = mkdtempSync(path.join(tmpdir(), "cloudblocks-bench-"));
const reportFile = (name) => path.join(scratch, name);

/** Runs node with `args` (stdout ignored), returns seconds and what the preloads reported. */
function runNode(args, env = {}) {
  const rss = reportFile("rss");
  const ms = reportFile("ms");
  rmSync(rss, { force: true });
  rmSync(ms, { force: true });
  const start = performance.now();
  execFileSync(node, args, {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, BENCH_RSS_FILE: rss, BENCH_MS_FILE: ms, ...env },
  });
  const seconds = (performance.now() - start) / 1000;
  const read = (file) => {
    try {
      return Number(readFileSync(file, "utf8"));
    } catch {
      return undefined;
    }
  };
  return { seconds, rssMb: read(rss) && read(rss) / 1024, checkerMs: read(ms) };
}

function report(name, samples, extra = "") {
  const s = samples.map((x) => x.toFixed(2)).join(", ");
  console.log(`${name.padEnd(46)} median ${median(samples).toFixed(2)} s  (runs: ${s})${extra}`);
}

console.log(`node ${process.version}, ${cpus().length} CPUs, ${RUNS} runs each; load average ${load()}`);

if (only !== "test") {
  for (const stack of ["dev", "prod"]) {
    const runs = Array.from({ length: RUNS }, () =>
      runNode([...cliOptions, "--require", peakRss, cli, stack]),
    );
    report(
      `plan ${stack}`,
      runs.map((r) => r.seconds),
      `; peak memory ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB; load ${load()}`,
    );
  }
  // The provider-rules checker's share of plan prod: its own time inside the plan (summed around every call, the
  // table's loading included), and an A/B against the checker replaced by a no-op (bench only: nothing in the
  // testkit can turn it off). Both sides load a preload, interleaved, so they differ only by the checker.
  const on = [];
  const off = [];
  for (let i = 0; i < RUNS; i++) {
    on.push(runNode([...cliOptions, "--require", rulesTime, cli, "prod"]));
    off.push(runNode([...cliOptions, "--require", withoutRules, cli, "prod"]).seconds);
  }
  console.log(
    `provider-rules checker in plan prod: ${median(on.map((r) => r.checkerMs)).toFixed(0)} ms of its own time; ` +
      `A/B median ${median(on.map((r) => r.seconds)).toFixed(2)} s with, ${median(off).toFixed(2)} s without; load ${load()}`,
  );
}

if (only !== "plan") {
  // Cold: what a fresh clone runs. No dist (`tsc -b --clean`), no shared test plans, an empty Node.js compile
  // cache (the plan CLI's children would otherwise find one from earlier runs); then `npm test` itself.
  const npm = process.env.npm_execpath;
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    execFileSync(node, ["node_modules/typescript7/bin/tsc", "-b", "--clean"], { cwd: root, stdio: "ignore" });
    rmSync(path.join(root, "node_modules/.cache/cloudblocks-test-plans"), { recursive: true, force: true });
    const env = { ...process.env, NODE_COMPILE_CACHE: mkdtempSync(path.join(scratch, "compile-cache-")) };
    const start = performance.now();
    if (npm) execFileSync(node, [npm, "test", "--silent"], { cwd: root, stdio: "ignore", env });
    else execFileSync("npm", ["test", "--silent"], { cwd: root, stdio: "ignore", env });
    samples.push((performance.now() - start) / 1000);
  }
  report("npm test (cold: clean build, every test)", samples, `; load ${load()}`);
}
rmSync(scratch, { recursive: true, force: true });
