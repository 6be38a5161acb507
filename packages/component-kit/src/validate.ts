import { z } from "zod";
import { isSecretLikeKey, redactSecrets, redactText, SECRET_VALUE } from "./secrets";
import { objectKeysAt } from "./strict";
import { nearestKey } from "./suggest";

/** Bad component arguments: one line per problem, each naming the argument path, the bad value and what is allowed. */
export class ArgsValidationError extends Error {
  readonly problems: readonly string[];
  constructor(
    readonly component: string,
    problems: readonly string[],
  ) {
    // A message may quote another argument's value: no credential survives into it, whatever rule wrote it.
    const redacted = problems.map(redactText);
    super(`${component}: invalid arguments\n${redacted.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = redacted;
    this.name = "ArgsValidationError";
  }
}

/** `args.subnets[1].cidr` from a zod path; a key that is not a plain name is quoted: `args.tags["a b"]`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === "number"
        ? `${acc}[${key}]`
        : /^[A-Za-z0-9_$-]+$/.test(String(key))
          ? `${acc}.${String(key)}`
          : `${acc}[${JSON.stringify(String(key))}]`,
    root,
  );
}

/**
 * A value as the user wrote it, for a message: JSON, cut at 80 characters, `[secret]` for anything under a
 * secret-like key or looking like a credential (a webhook URL pasted into an ARN field is never echoed).
 */
export function formatValue(value: unknown, path: readonly PropertyKey[] = [], secret = false): string {
  if (value === undefined) return "nothing";
  const shown = redactSecrets(value, secret || path.some(isSecretLikeKey));
  if (shown === SECRET_VALUE) return SECRET_VALUE;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // JSON would say null
  const text = JSON.stringify(shown);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const typeNames: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a map of keys and values",
  record: "a map of keys and values",
  undefined: "nothing (leave the key out)",
  nan: "a number",
  bigint: "an integer",
  date: "a date",
};

function bound(
  issue: { origin?: unknown; inclusive?: boolean },
  limit: unknown,
  side: "min" | "max",
): string {
  const op = side === "min" ? (issue.inclusive ? "≥" : ">") : issue.inclusive ? "≤" : "<";
  switch (issue.origin) {
    case "string":
      return `${side === "min" ? "at least" : "at most"} ${String(limit)} characters`;
    case "array":
    case "set":
      return `${side === "min" ? "at least" : "at most"} ${String(limit)} items`;
    default:
      return `a number ${op} ${String(limit)}`;
  }
}

/**
 * House-style text for an issue whose schema gave no message of its own (schema messages win): what is allowed,
 * never zod's "Invalid input: expected boolean, received string".
 */
function houseMessage(issue: z.core.$ZodRawIssue): string {
  const i = issue as Record<string, unknown> & z.core.$ZodRawIssue;
  switch (i.code) {
    case "invalid_type":
      return `allowed: ${typeNames[String(i["expected"])] ?? `a ${String(i["expected"])}`}`;
    case "too_small":
      return `allowed: ${bound(i, i["minimum"], "min")}`;
    case "too_big":
      return `allowed: ${bound(i, i["maximum"], "max")}`;
    case "invalid_value":
      return `allowed: ${(i["values"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_format":
      return i["format"] === "regex"
        ? `allowed: a string matching ${String(i["pattern"])}`
        : `allowed: a valid ${String(i["format"])}`;
    case "not_multiple_of":
      return `allowed: a multiple of ${String(i["divisor"])}`;
    case "invalid_key":
      return "allowed: a valid key (see the argument's documentation)";
    case "invalid_union":
      return "allowed: one of the documented forms of this argument";
    case "unrecognized_keys":
      return "allowed: known keys only";
    default:
      return "allowed: a valid value (see the argument's documentation)";
  }
}

/** `allowed: a known key — did you mean emailAddresses? (keys: …)` */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const near = nearestKey(key, allowed);
  const list = allowed.length > 0 ? `keys: ${allowed.join(", ")}` : "no keys";
  return `allowed: a known key${near ? ` — did you mean ${near}?` : ""} (${list})`;
}

export type ParseOutcome<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly problems: readonly string[] };

/**
 * Parses `input` with `schema` and turns every issue into one house-style line
 * `<key path>: got <value as written>; allowed: <what>`. `keyPath` renders a zod path (`args.minSize`,
 * `buddyverse:fleet.minSize`). One line per unknown key, with the allowed keys and the nearest one.
 */
export function parseWithProblems<S extends z.ZodType>(
  schema: S,
  input: unknown,
  keyPath: (path: readonly PropertyKey[]) => string,
  /** Paths whose values are secret whatever their key (e.g. config set with `--secret`): shown as `[secret]`. */
  isSecretPath: (path: readonly PropertyKey[]) => boolean = () => false,
): ParseOutcome<z.output<S>> {
  // jitless: a component's arguments are parsed once per construction, where zod's fast path (code compiled with
  // `new Function` for each object schema on its first parse) costs more than it saves: 36 ms of plan prod.
  const result = schema.safeParse(input, { reportInput: true, error: houseMessage, jitless: true });
  if (result.success) return { success: true, data: result.data };
  const problems = result.error.issues.flatMap((issue) => {
    const value = "input" in issue ? issue.input : undefined;
    if (issue.code === "unrecognized_keys") {
      const allowed = objectKeysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        const child = (value as Record<string, unknown> | undefined)?.[key];
        return `${keyPath(path)}: got ${formatValue(child, path, isSecretPath(path))}; ${unknownKeyMessage(key, allowed)}`;
      });
    }
    return [
      `${keyPath(issue.path)}: got ${formatValue(value, issue.path, isSecretPath(issue.path))}; ${issue.message}`,
    ];
  });
  return { success: false, problems: [...new Set(problems)] };
}

/**
 * Parses `args` with `schema` or throws an {@link ArgsValidationError} listing every problem at once, so a
 * component fails at construction, before it creates anything (ALL-1).
 *
 * Schemas say what is allowed through their messages (e.g. `.refine(..., "allowed: 2 to 6 distinct AZs")`);
 * where a schema says nothing, a house message says what the type allows. Build object schemas with
 * {@link argsObject} (strict: unknown keys are refused with the allowed keys and the nearest one).
 */
export function validateArgs<S extends z.ZodType>(
  component: string,
  schema: S,
  args: unknown,
  root = "args",
): z.output<S> {
  const outcome = parseWithProblems(schema, args, (path) => formatPath(root, path));
  if (outcome.success) return outcome.data;
  throw new ArgsValidationError(component, outcome.problems);
}

/** Throws an {@link ArgsValidationError} for a rule that needs more than a schema (e.g. a lookup result). */
export function rejectArg(component: string, path: string, value: unknown, allowed: string): never {
  throw new ArgsValidationError(component, [
    `${path}: got ${formatValue(value, path.split("."))}; ${allowed}`,
  ]);
}
