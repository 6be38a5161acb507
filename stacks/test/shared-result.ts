import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import * as path from "node:path";
import { deserialize, serialize } from "node:v8";

/**
 * A result computed once and shared by every mocha worker (each is its own process), stored under a key that
 * names everything it depends on: a different build is a different key, so a stored result is never used for
 * code it was not computed from.
 */

/** Folders and files whose content a plan depends on, relative to the repository root. */
const PLAN_INPUTS = {
  // The compiled code that runs (dist/src), and src for what it reads at run time (the provider-rules table).
  folders: ["packages", "stacks"],
  files: ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "package-lock.json"],
};
/** Not read by a plan: tests, type declarations, source maps, installed packages (package-lock.json names them). */
const SKIPPED = /(^|\/)(node_modules|test|readme-examples)(\/|$)|\.d\.ts$|\.map$|\.tsbuildinfo$|\.md$/;

function filesUnder(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (SKIPPED.test(child)) continue;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  walk(folder);
  return found;
}

/** The SHA-256 of every plan input's path and content, the Node.js version and `salt`. */
export function planInputsKey(root: string, salt: string): string {
  const hash = createHash("sha256").update(`${process.version}\0${salt}\0`);
  const files = [...PLAN_INPUTS.folders.flatMap((f) => filesUnder(root, f)), ...PLAN_INPUTS.files].sort();
  for (const file of files) {
    const full = path.join(root, file);
    hash.update(`${file}\0`);
    if (existsSync(full)) hash.update(readFileSync(full));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 32);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the process that wrote `lock` has gone (a crashed worker must not block the others). */
function holderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, "utf8"));
  } catch {
    return false; // removed meanwhile: the loop looks again
  }
  if (!pid) return Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 5_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * The value `compute` returns, computed by the first worker that asks under `key` and read from `dir` by the
 * others (they wait while it computes). Every worker, the first included, gets a structured-clone copy, so all
 * see the same plain data. A failure is not stored: each asker then computes, and fails, itself.
 */
export async function sharedResult<T>(dir: string, key: string, compute: () => Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${key}.v8`);
  const lock = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    if (existsSync(file)) {
      try {
        return deserialize(readFileSync(file)) as T;
      } catch {
        rmSync(file, { force: true }); // unreadable (another Node.js wrote it?): computed again below
      }
    }
    let fd: number;
    try {
      fd = openSync(lock, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderGone(lock) || Date.now() - started > 120_000) rmSync(lock, { force: true });
      else await sleep(25);
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const bytes = serialize(await compute());
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, bytes);
      renameSync(partial, file); // atomic: a reader sees the whole result or none
      forgetOthers(dir, file);
      return deserialize(bytes) as T;
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

/** Drops results of earlier builds (older than a minute, so a concurrent run of another build keeps its own). */
function forgetOthers(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    const other = path.join(dir, name);
    if (other === keep || !name.endsWith(".v8")) continue;
    const stat = statSync(other, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > 60_000) rmSync(other, { force: true });
  }
}
