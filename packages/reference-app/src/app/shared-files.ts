import { promises as fs, readFileSync } from "node:fs";
import * as path from "node:path";

/** The two shared directories of seed 003 (Django's STATIC_ROOT and MEDIA_ROOT). */
export const SHARED_DIRS = ["static", "media"] as const;

export interface DirCheck {
  readonly mounted: boolean;
  readonly writable: boolean;
  readonly ms: number;
  readonly error?: string;
}

/** Whether `root` is a mount point in the kernel's mount table (field 2 of each line, octal escapes decoded). */
export function isMounted(root: string, mountsFile: string): boolean {
  let table: string;
  try {
    table = readFileSync(mountsFile, "utf8");
  } catch {
    return false;
  }
  const target = path.resolve(root);
  return table
    .split("\n")
    .map((line) => line.split(" ")[1])
    .some(
      (point) =>
        point !== undefined &&
        point.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))) === target,
    );
}

/** Mounted (the shared root is a mount point and the directory exists) and writable (a file written, read back and removed). */
export async function checkDir(
  root: string,
  dir: string,
  mountsFile: string,
  tag: string,
): Promise<DirCheck> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const full = path.join(root, dir);
  const mounted =
    isMounted(root, mountsFile) &&
    (await fs.stat(full).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  if (!mounted)
    return { mounted, writable: false, ms: ms(), error: `${full} is not on a mounted shared file system` };
  const probe = path.join(full, `.reference-app-${tag}-${process.pid}`);
  try {
    const text = new Date().toISOString();
    await fs.writeFile(probe, text);
    const back = await fs.readFile(probe, "utf8");
    await fs.unlink(probe);
    if (back !== text) throw new Error("read back different content");
    return { mounted, writable: true, ms: ms() };
  } catch (error) {
    return { mounted, writable: false, ms: ms(), error: `${full}: ${(error as Error).message}` };
  }
}
