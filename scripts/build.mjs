// `node scripts/build.mjs [tsc -b options]`: the build every npm script runs. It writes the README examples
// (scripts/readme-examples.mjs), then runs `tsc -b` over the workspace, those examples included, so a README
// whose example no longer compiles fails the build like any other type error.
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { workspaceBins } from "./bin.mjs";
import { examplesDir, writeReadmeExamples } from "./readme-examples.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
writeReadmeExamples();
const tsc = path.join(root, "node_modules/typescript7/bin/tsc");
const build = spawnSync(process.execPath, [tsc, "-b", ...process.argv.slice(2)], {
  cwd: root,
  stdio: ["inherit", "pipe", "inherit"],
  encoding: "utf8",
});
process.stdout.write(build.stdout ?? "");
if (build.stdout?.includes(path.relative(root, examplesDir)))
  console.error(
    `(a README example: the first line of each file in ${path.relative(root, examplesDir)} names its README and line)`,
  );
// What npm does to a package's bin when it installs it: the build has just rewritten (or, after a clean, created)
// the files without their executable bit, and a bin runs by its first line (`npx cloudblocks-plan` once npm has
// linked it, or the file itself).
if (build.status === 0) for (const file of workspaceBins().values()) chmodSync(file, 0o755);
process.exit(build.status ?? 1);
