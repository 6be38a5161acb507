import type { z } from "zod";

/** Bad component arguments: one line per problem, each naming the argument path, the bad value and what is allowed. */
export class ArgsValidationError extends Error {
  constructor(
    readonly component: string,
    readonly problems: readonly string[],
  ) {
    super(`${component}: invalid arguments\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ArgsValidationError";
  }
}

/** `args.subnets[1].cidr` from a zod path. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    root,
  );
}

function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // JSON would say null
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Parses `args` with `schema` or throws an {@link ArgsValidationError} listing every problem at once, so a
 * component fails at construction, before it creates anything (ALL-1).
 *
 * Schemas say what is allowed through their messages (e.g. `.refine(..., "allowed: 2 to 6 distinct AZs")`).
 */
export function validateArgs<S extends z.ZodType>(
  component: string,
  schema: S,
  args: unknown,
  root = "args",
): z.output<S> {
  const result = schema.safeParse(args, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const input = "input" in issue ? issue.input : undefined;
    return `${formatPath(root, issue.path)}: got ${formatValue(input)}; ${issue.message}`;
  });
  throw new ArgsValidationError(component, problems);
}

/** Throws an {@link ArgsValidationError} for a rule that needs more than a schema (e.g. a lookup result). */
export function rejectArg(component: string, path: string, value: unknown, allowed: string): never {
  throw new ArgsValidationError(component, [`${path}: got ${formatValue(value)}; ${allowed}`]);
}
