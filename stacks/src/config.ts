import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import {
  ArgsValidationError,
  formatPath,
  isSecretLikeKey,
  looksLikeSecretValue,
  parseWithProblems,
  redactText,
  secretLikeKeyPaths,
  SECRET_VALUE,
} from "@cloudblocks/component-kit";
import {
  projectConfigKeys,
  SECRETABLE_KEYS,
  stackConfigSchema,
  type SecretableKey,
  type StackConfig,
} from "./config-schema";
import { validateComponentSectionsOfInvalid, validateSections } from "./config-sections";

/** A bad `Pulumi.<stack>.yaml`: each line names the key path (`buddyverse:network.natMode`), the value and what is allowed. */
export class StackConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    // A message may quote another key's value: no credential survives into it, whatever rule wrote it.
    const redacted = problems.map(redactText);
    super(`invalid stack configuration\n${redacted.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = redacted;
    this.name = "StackConfigError";
  }
}

/** The raw config of one stack as the program sees it, and which top-level keys were set with `--secret`. */
export interface RawStackConfig {
  readonly values: Record<string, unknown>;
  readonly secretKeys: ReadonlySet<string>;
}

// `isConfigSecret` is internal to the SDK (not in its .d.ts) but is what `Config.get` itself consults; the
// CLI marks a whole top-level key secret when any value under it is `secure:`.
const isConfigSecret = (runtimeConfig as unknown as { isConfigSecret(key: string): boolean }).isConfigSecret;

/**
 * Reads EVERY key of the project's namespace (so an unknown one — a typo, a pasted password — is refused rather
 * than ignored), plus `aws:region`. The CLI passes objects and arrays as JSON and everything else as the text
 * written, so only `{…}`/`[…]` are parsed: `costCenter: 4711` stays the string "4711".
 */
function readRaw(project: string): RawStackConfig {
  return rawFromConfigMap(pulumi.runtime.allConfig(), project, isConfigSecret);
}

/**
 * {@link readRaw} over a config map as the CLI hands it to the program (`namespace:key` → text; objects and
 * arrays as JSON). Exported so tests and the fuzzer read config exactly as the program does.
 */
export function rawFromConfigMap(
  all: Readonly<Record<string, string>>,
  project: string,
  isSecret: (fullKey: string) => boolean = () => false,
): RawStackConfig {
  const fromText = (text: string) => (/^\s*[[{]/.test(text) ? parseJson(text) : text);
  const region = all["aws:region"];
  const values: Record<string, unknown> = { region: region === undefined ? undefined : fromText(region) };
  const secretKeys = new Set<string>();
  for (const [fullKey, text] of Object.entries(all)) {
    if (!fullKey.startsWith(`${project}:`)) continue;
    const key = fullKey.slice(project.length + 1);
    if (isSecret(fullKey)) secretKeys.add(key);
    values[key] = fromText(text);
  }
  return { values, secretKeys };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function keyPath(project: string, path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  const root = first === "region" ? "aws:region" : `${project}:${String(first)}`;
  return formatPath(root, rest);
}

/** `pulumi config set --secret --path 'buddyverse:database.masterPassword' <value>` for a config path. */
function secretCommand(project: string, path: readonly PropertyKey[]): string {
  const key = keyPath(project, path);
  return `pulumi config set --secret${path.length > 1 ? " --path" : ""} '${key}' <value>`;
}

/** Secret-like keys and credential-looking values written in plain text in the stack file. */
function plainSecrets(project: string, raw: RawStackConfig): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw.values)) {
    if (key === "region" || raw.secretKeys.has(key)) continue; // secure: values are encrypted in the file
    const paths = isSecretLikeKey(key) ? [[key]] : secretLikeKeyPaths(value, [key]);
    const credentials = credentialPaths(value, [key]).filter((p) => !paths.some((q) => isPrefix(q, p)));
    for (const path of [...paths, ...credentials]) {
      problems.push(
        `${keyPath(project, path)}: got ${SECRET_VALUE}; allowed: no secret in a committed stack file — remove it; a secret the program reads is set with ${secretCommand(project, path)}`,
      );
    }
  }
  return problems;
}

function credentialPaths(value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (looksLikeSecretValue(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => credentialPaths(item, [...path, i]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([key, child]) => credentialPaths(child, [...path, key]));
  return [];
}

const isPrefix = (prefix: readonly PropertyKey[], path: readonly PropertyKey[]) =>
  prefix.length <= path.length && prefix.every((key, i) => path[i] === key);

/** Keys set with `--secret` that cannot stay secret, because they shape names, counts or policies. */
function unsecretable(project: string, raw: RawStackConfig): string[] {
  return [...raw.secretKeys]
    .filter((key) => projectConfigKeys.includes(key) && !(SECRETABLE_KEYS as readonly string[]).includes(key))
    .map(
      (key) =>
        `${keyPath(project, [key])}: got ${SECRET_VALUE}; allowed: a plain value (set without --secret) — it shapes resource names, counts and policies, which cannot stay secret, and holds no credential; only ${SECRETABLE_KEYS.map((k) => `${project}:${k}`).join(" and ")} may be secret`,
    );
}

/**
 * Parses a raw config (as read from Pulumi config) into the typed stack config, or throws {@link StackConfigError}
 * with every problem at once: plaintext secrets, unknown keys, every section — the component sections with the
 * components' own validators — and the AZs against `aws:region`. Nothing is created before this returns
 * (DESIGN.md decision 7), so a bad config leaves zero registrations.
 */
export function parseStackConfig(
  rawValues: Record<string, unknown> | RawStackConfig,
  project = "buddyverse",
): StackConfig {
  const raw: RawStackConfig =
    "values" in rawValues && "secretKeys" in rawValues
      ? (rawValues as RawStackConfig)
      : { values: rawValues, secretKeys: new Set() };
  const early = [...plainSecrets(project, raw), ...unsecretable(project, raw)];
  const reported = (line: string) => early.some((p) => line.startsWith(p.slice(0, p.indexOf(": got ") + 1)));
  const outcome = parseWithProblems(
    stackConfigSchema,
    raw.values,
    (path) => keyPath(project, path),
    (path) => raw.secretKeys.has(String(path[0])),
  );
  const problems = [...early, ...(outcome.success ? [] : outcome.problems.filter((p) => !reported(p)))];
  problems.push(
    ...(outcome.success
      ? validateSections(outcome.data, raw.values, project)
      : validateComponentSectionsOfInvalid(raw.values, project)
    ).filter((p) => !reported(p) && !problems.includes(p)),
  );
  if (problems.length > 0) throw new StackConfigError(problems);
  return outcome.success ? outcome.data : (undefined as never);
}

/** The typed config of the current stack (`Pulumi.<stack>.yaml`), secrets read as secrets. */
export function loadStackConfig(): StackConfig {
  const project = pulumi.getProject();
  const raw = readRaw(project);
  const config = parseStackConfig(raw, project);
  const projectConfig = new pulumi.Config(project);
  const secretValues: Partial<Record<SecretableKey, pulumi.Output<string>>> = {};
  for (const key of SECRETABLE_KEYS)
    if (raw.secretKeys.has(key)) secretValues[key] = projectConfig.requireSecret(key);
  return { ...config, secretValues };
}

/**
 * Builds a component from a config section. The component validates its own arguments; its errors are
 * reported against the config key they came from (`args.minSize` → `buddyverse:fleet.minSize`). A safety net:
 * `parseStackConfig` has already run the same validators before anything was created.
 */
export function fromConfigSection<T>(configKey: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ArgsValidationError)) throw error;
    // `args.x` of a constructor, or the root a method validates under (`logAlarm.x` of addLogAlarm).
    throw new StackConfigError(
      error.problems.map((problem) => problem.replace(/^(args|logAlarm|metricAlarm)(?=[.[:])/, configKey)),
    );
  }
}
