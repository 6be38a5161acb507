import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import type { MockCatalogue } from "@cloudblocks/testkit";
import { parse } from "yaml";

export interface StackFiles {
  readonly project: string;
  /** Config as the CLI would hand it to the program: `namespace:key` → value (objects stay structured). */
  readonly config: Record<string, unknown>;
  /** Keys whose value was `secure:` in the stack file; the plan sees a marked placeholder instead. */
  readonly secretKeys: string[];
  /**
   * What the target account holds before the first deploy (`stacks/plan-account/<stack>.json`, optional): the
   * hosted zone of the domain, created when it was registered. The offline plan's invokes look these up as
   * `pulumi preview` would, so a zone named in config but absent from the account fails the plan.
   */
  readonly catalogue: Partial<MockCatalogue>;
}

/** `stacks/plan-account/<stack>.json`: the resources the stack expects to find in its account. */
export function planAccountPath(root: string, stack: string): string {
  return path.join(root, "stacks", "plan-account", `${stack}.json`);
}

function readPlanAccount(root: string, stack: string): Partial<MockCatalogue> {
  const file = planAccountPath(root, stack);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<MockCatalogue>) : {};
}

/** The placeholder a `secure:` value becomes offline: there is no key to decrypt it, and it must never be printed. */
export function securePlaceholder(key: string): string {
  return `[secure value of ${key}]`;
}

function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && "secure" in value && Object.keys(value).length === 1;
}

/** Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` from the project root. */
export function readStackFiles(root: string, stack: string): StackFiles {
  const projectFile = parse(readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
    name: string;
    config?: Record<string, { default?: unknown }>;
  };
  const stackPath = path.join(root, `Pulumi.${stack}.yaml`);
  let stackFile: { config?: Record<string, unknown> };
  try {
    stackFile = (parse(readFileSync(stackPath, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  } catch (error) {
    throw new Error(`cannot read ${stackPath}: ${(error as Error).message}`);
  }
  const config: Record<string, unknown> = {};
  for (const [key, declaration] of Object.entries(projectFile.config ?? {})) {
    if (declaration?.default !== undefined) config[`${projectFile.name}:${key}`] = declaration.default;
  }
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(stackFile.config ?? {})) {
    const { plain, secure } = replaceSecure(value, key);
    config[key] = plain;
    // As the CLI does: a key with a `secure:` value anywhere under it is secret as a whole.
    if (secure) secretKeys.push(key);
  }
  return { project: projectFile.name, config, secretKeys, catalogue: readPlanAccount(root, stack) };
}

/** The value with every `secure:` leaf, at any depth (`--path` writes nested ones), replaced by its placeholder. */
function replaceSecure(value: unknown, path: string): { plain: unknown; secure: boolean } {
  if (isSecure(value)) return { plain: securePlaceholder(path), secure: true };
  if (Array.isArray(value)) {
    const items = value.map((item, i) => replaceSecure(item, `${path}[${i}]`));
    return { plain: items.map((i) => i.plain), secure: items.some((i) => i.secure) };
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, replaceSecure(v, `${path}.${k}`)] as const);
    return {
      plain: Object.fromEntries(entries.map(([k, r]) => [k, r.plain])),
      secure: entries.some(([, r]) => r.secure),
    };
  }
  return { plain: value, secure: false };
}
