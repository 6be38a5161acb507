import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type { MockCatalogue } from "../catalogue";
import { parse } from "yaml";

export interface StackFiles {
  readonly project: string;
  /** Config as the CLI would hand it to the program: `namespace:key` → value (objects stay structured). */
  readonly config: Record<string, unknown>;
  /** Keys whose value was `secure:` in the stack file; the plan sees a marked placeholder instead. */
  readonly secretKeys: string[];
  /**
   * What the target account holds before the first deploy (`plan-account/<stack>.json` next to the program,
   * optional): e.g. the hosted zone of the domain, created when it was registered. The offline plan's invokes
   * look these up as `pulumi preview` would, so a zone named in config but absent from the account fails the plan.
   */
  readonly catalogue: Partial<MockCatalogue>;
  /** Absolute path of the program (`main` of `Pulumi.yaml`, resolved against the project folder). */
  readonly main: string;
}

/** The folder of the program (`main` of `Pulumi.yaml`; the project folder when `main` names a file or is unset). */
export function programDirOf(root: string, main: string | undefined): string {
  const resolved = path.resolve(root, main ?? ".");
  return existsSync(resolved) && statSync(resolved).isDirectory() ? resolved : path.dirname(resolved);
}

/** `plan-account/<stack>.json` next to the program: the resources the stack expects to find in its account. */
export function planAccountPath(root: string, stack: string): string {
  return path.join(programDirOf(root, readProjectFile(root).main), "plan-account", `${stack}.json`);
}

/** `policy-config/<stack>.json` next to the program: the stack's policy exceptions (`--policy-pack-config`). */
export function policyConfigPath(root: string, stack: string): string {
  return path.join(programDirOf(root, readProjectFile(root).main), "policy-config", `${stack}.json`);
}

function readJsonIfAny<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

/** The stack's policy exceptions, when it has a `policy-config/<stack>.json`; none otherwise. */
export function readPolicyConfig(root: string, stack: string): Record<string, unknown> {
  return readJsonIfAny<Record<string, unknown>>(policyConfigPath(root, stack)) ?? {};
}

interface ProjectFile {
  name: string;
  main?: string;
  config?: Record<string, { default?: unknown }>;
}

function readProjectFile(root: string): ProjectFile {
  const file = path.join(root, "Pulumi.yaml");
  try {
    return parse(readFileSync(file, "utf8")) as ProjectFile;
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The placeholder a `secure:` value becomes offline: there is no key to decrypt it, and it must never be printed. */
export function securePlaceholder(key: string): string {
  return `[secure value of ${key}]`;
}

function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && "secure" in value && Object.keys(value).length === 1;
}

/** Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` from the project folder, as the Pulumi CLI would. */
export function readStackFiles(root: string, stack: string): StackFiles {
  const projectFile = readProjectFile(root);
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
  return {
    project: projectFile.name,
    config,
    secretKeys,
    catalogue: readJsonIfAny<Partial<MockCatalogue>>(planAccountPath(root, stack)) ?? {},
    main: path.resolve(root, projectFile.main ?? "."),
  };
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
