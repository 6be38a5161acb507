import { createHash } from "node:crypto";

/**
 * The final snapshot's identifier: `<name>-<stack>-final-<8 hex>`. The hash covers what makes this primary
 * different from an earlier one under the same name (engine major version, storage key, user, database name), so
 * a replaced instance never collides with its predecessor's snapshot; identical inputs give the identical id, so
 * it never shows as a change in a preview. RDS rules: starts with a letter, letters/digits/hyphens, no double or
 * trailing hyphen, at most 255 characters.
 */
export function finalSnapshotIdentifier(
  name: string,
  stack: string,
  discriminators: readonly string[],
): string {
  const hash = createHash("sha256")
    .update(JSON.stringify([name, stack, ...discriminators]))
    .digest("hex")
    .slice(0, 8);
  const base = `${name}-${stack}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-$/, "");
  return `${base || "db"}-final-${hash}`.slice(0, 255);
}
