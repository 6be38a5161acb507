import { formatValue } from "@cloudblocks/component-kit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { awsRules, type AwsRule, type Lookup } from "./aws-rules";
import { compileCheck, type CompiledCheck } from "./compile";
import type { RuleSpec, RulesTable, Segment, Source } from "./types";

/** The sentinel the Pulumi runtime uses for a value not known during preview. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Read at run time rather than imported, so the compiler does not type a 1 MB literal on every build. */
const TABLE_FILE = join(__dirname, "..", "..", "..", "src", "provider-rules", "rules.generated.json");

interface CompiledRule {
  readonly spec: RuleSpec;
  readonly check?: CompiledCheck;
  readonly origin: string;
}

type Found = { value: unknown; at: Segment[] };

/** A registration the provider (or AWS) would refuse. */
export class ProviderRuleError extends Error {
  constructor(
    readonly type: string,
    readonly resourceName: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${type} "${resourceName}": ${path}: ${detail}`);
    this.name = "ProviderRuleError";
  }
}

const isUnknown = (v: unknown) => v === UNKNOWN;
const isSet = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/** Every value at `segs` (wildcards expanded), with its concrete path. Plain recursion: cheap when cold. */
function find(node: unknown, segs: readonly Segment[]): Found[] {
  const out: Found[] = [];
  const walk = (n: unknown, i: number, at: Segment[]): void => {
    if (i === segs.length) {
      out.push({ value: n, at });
      return;
    }
    if (n === undefined || n === null || typeof n !== "object" || isUnknown(n)) return;
    const s = segs[i]!;
    if (Array.isArray(n)) {
      if (s === "*") for (let k = 0; k < n.length; k++) walk(n[k], i + 1, [...at, k]);
      else if (typeof s === "number") walk(n[s], i + 1, [...at, s]);
      return;
    }
    if (s !== "*") walk((n as Record<string, unknown>)[String(s)], i + 1, i === 0 ? [s] : [...at, s]);
  };
  walk(node, 0, []);
  return out;
}

/** A `with` path with the wildcards it shares with the rule's own path bound to the same list elements. */
function bind(other: readonly Segment[], self: readonly Segment[], at: readonly Segment[]): Segment[] {
  const out = [...other];
  for (let j = 0; j < other.length && j < self.length && other[j] === self[j]; j++)
    if (self[j] === "*") out[j] = at[j];
  return out;
}

export function pathText(at: readonly Segment[]): string {
  return at.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

const SECRET_NAME = /password|secret|token|privatekey/i;
/** Names that match SECRET_NAME but hold no secret: EC2 `httpTokens` is the IMDSv2 setting "optional" | "required". */
const NOT_SECRET = new Set(["httpTokens"]);
/** Paths of Sensitive attributes (wildcards for list indexes), per type. */
const sensitivePaths = new Map<string, Set<string>>();
function show(value: unknown, type: string, at: readonly Segment[]): string {
  const generic = at.map((s) => (typeof s === "number" ? "*" : s)).join(".");
  if (
    sensitivePaths.get(type)?.has(generic) ||
    at.some((s) => typeof s === "string" && SECRET_NAME.test(s) && !NOT_SECRET.has(s))
  ) {
    return "[secret]";
  }
  // The house formatting: credential-looking values masked too, and cut at 80 characters (user data, policies).
  return formatValue(value);
}

function originOf(sources: readonly Source[], src: number, tf: string): string {
  const s = sources[src];
  return `${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})`;
}

/** Rules by resource type, compiled once (regexes built here, rules indexed by type). */
export class ProviderRuleChecker {
  private readonly byType = new Map<string, CompiledRule[]>();
  private readonly awsByType = new Map<string, AwsRule[]>();

  constructor(table: RulesTable, extra: readonly AwsRule[] = []) {
    for (const [type, t] of Object.entries(table.types)) {
      const seen = new Set<string>();
      const rules: CompiledRule[] = [];
      for (const spec of t.rules) {
        if (spec.rule === "sensitive") {
          sensitivePaths.set(type, (sensitivePaths.get(type) ?? new Set()).add(spec.path.join(".")));
          continue;
        }
        // ExactlyOneOf/AtLeastOneOf repeat on every member of the group; check each group once.
        if (spec.rule === "exactlyOneOf" || spec.rule === "atLeastOneOf") {
          const key = `${spec.rule}:${spec.path.slice(0, -1).join(".")}:${JSON.stringify([...(spec.with ?? [])].sort())}`;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        rules.push({
          spec,
          check: spec.check && compileCheck(spec.check),
          origin: originOf(table.sources, t.src, spec.tf),
        });
      }
      this.byType.set(type, rules);
    }
    for (const rule of extra) this.awsByType.set(rule.type, [...(this.awsByType.get(rule.type) ?? []), rule]);
  }

  check(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    region: string,
    lookup: Lookup = () => undefined,
  ): void {
    for (const rule of this.byType.get(type) ?? []) {
      const failure = evaluate(rule, inputs, type);
      if (failure)
        throw new ProviderRuleError(
          type,
          name,
          failure.path,
          `${failure.detail} [provider rule: ${rule.origin}]`,
        );
    }
    for (const rule of this.awsByType.get(type) ?? []) {
      const failure = rule.check(inputs, region, lookup);
      if (failure)
        throw new ProviderRuleError(type, name, failure.path, `${failure.detail} [AWS rule: ${rule.doc}]`);
    }
  }
}

interface Failure {
  readonly path: string;
  readonly detail: string;
}

function evaluate(
  { spec, check }: CompiledRule,
  inputs: Record<string, unknown>,
  type: string,
): Failure | undefined {
  const withText = (at: readonly Segment[]) =>
    (spec.with ?? []).map((w) => pathText(bind(w, spec.path, at))).join(", ");
  const anySet = (w: readonly Segment[]): boolean | undefined => {
    let unknown = false;
    for (const f of find(inputs, w)) {
      if (isUnknown(f.value)) unknown = true;
      else if (isSet(f.value)) return true;
    }
    return unknown ? undefined : false;
  };
  switch (spec.rule) {
    case "sensitive":
      return undefined;
    case "value":
      for (const f of find(inputs, spec.path)) {
        if (f.value === undefined || f.value === null || isUnknown(f.value)) continue;
        if (check!.test(f.value) === false) {
          return {
            path: pathText(f.at),
            detail: `got ${show(f.value, type, f.at)}; allowed: ${check!.allowed}`,
          };
        }
      }
      return undefined;
    case "required": {
      const last = spec.path[spec.path.length - 1];
      for (const parent of find(inputs, spec.path.slice(0, -1))) {
        if (!parent.value || typeof parent.value !== "object" || Array.isArray(parent.value)) continue;
        const v = (parent.value as Record<string, unknown>)[String(last)];
        if (v === undefined || v === null) {
          return {
            path: pathText([...parent.at, last]),
            detail: "got nothing; allowed: a value (the provider requires it)",
          };
        }
      }
      return undefined;
    }
    case "maxItems":
    case "minItems":
      for (const f of find(inputs, spec.path)) {
        if (!Array.isArray(f.value)) continue;
        const n = f.value.length;
        if (spec.rule === "maxItems" ? n > spec.n! : n < spec.n!) {
          return {
            path: pathText(f.at),
            detail: `got ${n} items; allowed: ${spec.rule === "maxItems" ? "at most" : "at least"} ${spec.n}`,
          };
        }
      }
      return undefined;
    case "conflictsWith":
    case "requiredWith":
      for (const f of find(inputs, spec.path)) {
        if (!isSet(f.value) || isUnknown(f.value)) continue;
        for (const w of spec.with ?? []) {
          const other = anySet(bind(w, spec.path, f.at));
          if (spec.rule === "conflictsWith" && other === true) {
            return {
              path: pathText(f.at),
              detail: `got ${show(f.value, type, f.at)} together with ${pathText(bind(w, spec.path, f.at))}; allowed: only one of them (ConflictsWith)`,
            };
          }
          if (spec.rule === "requiredWith" && other === false) {
            return {
              path: pathText(f.at),
              detail: `got ${show(f.value, type, f.at)} without ${pathText(bind(w, spec.path, f.at))}; allowed: only together with ${withText(f.at)} (RequiredWith)`,
            };
          }
        }
      }
      return undefined;
    case "exactlyOneOf":
    case "atLeastOneOf":
      for (const parent of find(inputs, spec.path.slice(0, -1))) {
        if (!parent.value || typeof parent.value !== "object") continue;
        const at = [...parent.at, spec.path[spec.path.length - 1]];
        const states = (spec.with ?? []).map((w) => anySet(bind(w, spec.path, at)));
        if (states.includes(undefined)) continue;
        const count = states.filter(Boolean).length;
        const bad = spec.rule === "exactlyOneOf" ? count !== 1 : count === 0;
        if (bad) {
          const set = (spec.with ?? [])
            .filter((_, i) => states[i])
            .map((w) => pathText(bind(w, spec.path, at)));
          return {
            path: pathText(parent.at) || "(resource)",
            detail: `got ${set.length ? set.join(" and ") + " set" : "none set"}; allowed: ${spec.rule === "exactlyOneOf" ? "exactly one" : "at least one"} of ${withText(at)} (${spec.rule === "exactlyOneOf" ? "ExactlyOneOf" : "AtLeastOneOf"})`,
          };
        }
      }
      return undefined;
  }
}

let index: ProviderRuleChecker | undefined;

/**
 * Refuses inputs that terraform-provider-aws (as bridged by @pulumi/aws) or AWS itself would refuse at
 * `pulumi preview`, throwing a {@link ProviderRuleError} naming the resource, property, value and rule.
 * Values unknown during preview are skipped.
 */
export function checkProviderRules(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  region: string,
  lookup?: Lookup,
): void {
  index ??= new ProviderRuleChecker(JSON.parse(readFileSync(TABLE_FILE, "utf8")) as RulesTable, awsRules);
  index.check(type, name, inputs, region, lookup);
}

/** The generated table (for tests and reports). */
export function providerRulesTable(): RulesTable {
  return JSON.parse(readFileSync(TABLE_FILE, "utf8")) as RulesTable;
}
