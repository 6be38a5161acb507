// `node scripts/bin.mjs <bin> [args…]`: runs a workspace package's bin the way an installed one runs — with the
// node options of its `#!/usr/bin/env -S node <options>` line — on the Node.js that runs this script. npm links a
// workspace bin only if its file existed at install time (in a fresh clone, before the build, it did not), and a
// Windows shell cannot run a .js file by its first line.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every bin of the workspace's packages, by name: the file its package.json names. */
export function workspaceBins() {
  const bins = new Map();
  for (const folder of readdirSync(path.join(root, "packages"))) {
    const manifest = path.join(root, "packages", folder, "package.json");
    if (!existsSync(manifest)) continue;
    for (const [name, file] of Object.entries(JSON.parse(readFileSync(manifest, "utf8")).bin ?? {}))
      bins.set(name, path.join(root, "packages", folder, file));
  }
  return bins;
}

/** The bin's file and the node options its first line gives. */
export function binCommand(name) {
  const file = workspaceBins().get(name);
  if (!file) throw new Error(`no workspace package has a bin named ${name}`);
  const shebang = readFileSync(file, "utf8").split("\n", 1)[0];
  // `#!/usr/bin/env -S node --a --b` → ["--a", "--b"]; `#!/usr/bin/env node` → []
  const options =
    /^#!\S*env\s+(?:-S\s+)?node\b(.*)$/.exec(shebang)?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  return { file, options };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [name, ...args] = process.argv.slice(2);
  const { file, options } = binCommand(name);
  const run = spawnSync(process.execPath, [...options, file, ...args], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}
