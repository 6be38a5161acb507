// The path a user takes: pack the published packages, install the tarballs into a scratch Pulumi TypeScript
// project outside the workspace (registry dependencies only), compile it with strict TypeScript, and run its
// mocha tests with the testkit. Runs once with the newest supported Pulumi versions (on the repository's Node)
// and once with the lowest (on the machine's own Node, usually older), so the peer ranges and `engines` in the
// package.json files are what CI proves.  Usage: node scripts/consumer-check.mjs [newest|lowest]...
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixture = path.join(root, "scripts", "consumer-check", "fixture");

/** The supported range of each peer, at both ends: keep in step with the packages' peerDependencies. */
const MATRIX = {
  newest: { "@pulumi/pulumi": "3.276.0", "@pulumi/aws": "7.48.0", "@pulumi/awsx": "3.9.0" },
  lowest: { "@pulumi/pulumi": "3.260.0", "@pulumi/aws": "7.43.0", "@pulumi/awsx": "3.9.0" },
};
const PACKAGES = [
  "component-kit",
  "reference-app",
  "testkit",
  "ha-vpc",
  "monitored-database",
  "web-fleet",
  "alarming-pipeline",
];

/** The machine's own Node (first on PATH outside this repository), as a user would have it. */
function machineNode() {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d && !d.startsWith(root));
  for (const dir of dirs) {
    try {
      execFileSync(path.join(dir, "node"), ["--version"], { stdio: "ignore" });
      return path.join(dir, "node");
    } catch {
      /* not here */
    }
  }
  return process.execPath;
}

const run = (cwd, command, args, node = process.execPath) => {
  console.log(`$ (${path.basename(cwd)}) ${command} ${args.join(" ")}`);
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
  execFileSync(command === "node" ? node : command, args, { cwd, stdio: "inherit", env });
};

const scratch = mkdtempSync(path.join(tmpdir(), "cloudblocks-consumer-"));
process.on("exit", (code) => {
  if (code !== 0) console.error(`consumer check failed; the scratch projects are in ${scratch}`);
});
const packs = path.join(scratch, "packs");
mkdirSync(packs);
// Build once (what each package's `prepack` would do), then pack without running it again per package.
run(root, "node", [path.join(root, "scripts", "build.mjs")]);
for (const name of PACKAGES)
  run(root, "npm", [
    "pack",
    "--silent",
    "--ignore-scripts",
    "--workspace",
    `packages/${name}`,
    "--pack-destination",
    packs,
  ]);
const tarball = (name) =>
  `file:${path.join(
    packs,
    readdirSync(packs).find((f) => f.startsWith(`cloudblocks-${name}-`)),
  )}`;

const which = process.argv.slice(2);
for (const matrix of which.length > 0 ? which : Object.keys(MATRIX)) {
  const versions = MATRIX[matrix];
  if (!versions) throw new Error(`unknown matrix "${matrix}"; allowed: ${Object.keys(MATRIX).join(", ")}`);
  const node = matrix === "lowest" ? machineNode() : process.execPath;
  const project = path.join(scratch, matrix);
  cpSync(fixture, project, { recursive: true });
  writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify(
      {
        name: `consumer-check-${matrix}`,
        version: "0.0.0",
        private: true,
        dependencies: {
          "@cloudblocks/component-kit": tarball("component-kit"),
          // WebFleet's dependency (the app its instances run without an appBootstrap).
          "@cloudblocks/reference-app": tarball("reference-app"),
          "@cloudblocks/ha-vpc": tarball("ha-vpc"),
          "@cloudblocks/monitored-database": tarball("monitored-database"),
          "@cloudblocks/web-fleet": tarball("web-fleet"),
          "@cloudblocks/alarming-pipeline": tarball("alarming-pipeline"),
          ...versions,
        },
        devDependencies: {
          "@cloudblocks/testkit": tarball("testkit"),
          "@types/chai": "^5.2.3",
          "@types/mocha": "^10.0.10",
          "@types/node": "^20.19.0",
          chai: "^6.3.0",
          mocha: "^11.7.0",
          typescript: "~5.9.3",
        },
      },
      null,
      2,
    ),
  );
  console.log(
    `\n::: consumer check (${matrix}: ${Object.entries(versions)
      .map(([k, v]) => `${k}@${v}`)
      .join(", ")}; node ${execFileSync(node, ["--version"]).toString().trim()})`,
  );
  // --ignore-scripts: provider plugins are not needed under mocks, and nothing may download a binary here.
  run(project, "npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], node);
  run(project, "node", ["node_modules/typescript/bin/tsc", "-p", "."], node);
  run(project, "node", ["node_modules/mocha/bin/mocha.js"], node);
}
// Kept only when something failed (the installed project is then worth a look); otherwise it is half a gigabyte a run.
rmSync(scratch, { recursive: true, force: true });
console.log("consumer check passed");
