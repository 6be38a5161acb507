import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const made: string[] = [];

function removeAll(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh folder under the OS temp dir (`<tmp>/<prefix>XXXXXX`) for a test's files, removed with everything in it
 * when the process exits, so a test run leaves nothing behind, even when a test fails halfway.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (made.length === 0) process.once("exit", removeAll);
  made.push(dir);
  return dir;
}
