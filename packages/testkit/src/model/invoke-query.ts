import type { MockCatalogue } from "../catalogue";
import type { MockAccount } from "../context";
import type { Recorder } from "../recorder";
import type { Props } from "./types";

/** Everything an invoke model may consult: the call, where it runs, and what exists in the mock account. */
export interface InvokeQuery {
  readonly token: string;
  readonly inputs: Props;
  /** The region the call runs in: its own `region` argument, else its provider's region, else the default. */
  readonly region: string;
  readonly account: MockAccount;
  /** Public AWS catalogues and what the account held before the program ran. */
  readonly catalogue: MockCatalogue;
  /** What the program has registered so far: during `pulumi up` those resources exist and can be looked up. */
  readonly recorder: Recorder;
  /** URN of the provider the call goes through, if any (its `defaultTags`, its region). */
  readonly providerUrn: string | undefined;
}

/** Answers one provider function call the way the provider would, or throws {@link InvokeError}. */
export type InvokeModel = (query: InvokeQuery) => Props;

/**
 * A provider function that failed, with the provider's own diagnostic (the text after `* ` in the CLI output),
 * formatted the way the Pulumi engine reports a failed invoke.
 */
export class InvokeError extends Error {
  constructor(
    readonly token: string,
    readonly providerMessage: string,
  ) {
    super(`invoking ${token}: 1 error occurred:\n\t* ${providerMessage}`);
    this.name = "InvokeError";
  }
}

/** A string argument, or undefined when absent or empty (the provider's `d.GetOk` treats "" as unset). */
export function stringArg(inputs: Props, key: string): string | undefined {
  const value = inputs[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** EC2 `Filter` values: `*` matches any run of characters and `?` exactly one (DescribeImages, DescribeAvailabilityZones). */
export function wildcardMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`).test(value);
}

export interface Filter {
  readonly name: string;
  readonly values: readonly string[];
}

export function filtersOf(inputs: Props): Filter[] {
  const raw = inputs["filters"];
  if (!Array.isArray(raw)) return [];
  return raw.map((f) => {
    const filter = f as { name?: unknown; values?: unknown };
    return {
      name: String(filter.name),
      values: Array.isArray(filter.values) ? filter.values.map(String) : [],
    };
  });
}

/**
 * Whether an item passes every filter (filters AND, values within one filter OR), each filter name read through
 * `fields`. A filter name the testkit does not model fails loudly rather than matching everything.
 */
export function passesFilters<T>(
  token: string,
  item: T,
  filters: readonly Filter[],
  fields: Readonly<Record<string, (item: T) => string | undefined>>,
): boolean {
  return filters.every((filter) => {
    const field = fields[filter.name];
    if (!field) {
      throw new Error(
        `testkit: ${token} filter "${filter.name}" is not modelled (modelled: ${Object.keys(fields).join(", ")})`,
      );
    }
    return filter.values.some((pattern) => wildcardMatches(pattern, field(item)));
  });
}
