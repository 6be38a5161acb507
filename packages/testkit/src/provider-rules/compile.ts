import { isIP } from "node:net";
import type { Check } from "./types";

/** A compiled check: `undefined` when the value passes, else what would have been allowed. */
export type Validator = (value: unknown) => boolean | undefined;

export interface CompiledCheck {
  /** true: passes; false: fails; undefined: the value is not of the type the check is for (the check says nothing). */
  readonly test: Validator;
  readonly allowed: string;
}

const list = (values: readonly (string | number)[]) => values.map((v) => JSON.stringify(v)).join(", ");

function arnOk(v: string): boolean {
  // aws-sdk-go's arn.Parse, which verify.ValidARN starts from: "arn:" and at least six colon-separated sections.
  return v.startsWith("arn:") && v.split(":").length >= 6;
}

function cidrOk(v: string, minPrefix = 0, maxPrefix = 128): boolean {
  const m = /^([0-9.]+|[0-9a-fA-F:]+)\/(\d{1,3})$/.exec(v);
  if (!m) return false;
  const prefix = Number(m[2]);
  const v4 = m[1].includes(".");
  if (v4 && !ipv4Ok(m[1])) return false;
  return prefix >= minPrefix && prefix <= Math.min(maxPrefix, v4 ? 32 : 128);
}

function ipv4Ok(v: string): boolean {
  const parts = v.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** Compiles a check once (regexes built here, not per value). */
export function compileCheck(check: Check): CompiledCheck {
  const str =
    (f: (v: string) => boolean): Validator =>
    (v) =>
      typeof v === "string" ? f(v) : undefined;
  const num =
    (f: (v: number) => boolean): Validator =>
    (v) =>
      typeof v === "number" ? f(v) : undefined;
  switch (check.k) {
    case "in": {
      const fold = (v: string | number) => (check.ignoreCase && typeof v === "string" ? v.toLowerCase() : v);
      const set = new Set(check.values.map(fold));
      const numeric = typeof check.values[0] === "number";
      return {
        test: (v) =>
          typeof v === (numeric ? "number" : "string") ? set.has(fold(v as string | number)) : undefined,
        allowed: `one of ${list(check.values)}${check.ignoreCase ? " (any case)" : ""}`,
      };
    }
    case "range": {
      const { min, max } = check;
      const allowed =
        min !== undefined && max !== undefined
          ? `${min} to ${max}`
          : min !== undefined
            ? `at least ${min}`
            : `at most ${max}`;
      return {
        test: num((v) => (min === undefined || v >= min) && (max === undefined || v <= max)),
        allowed,
      };
    }
    case "divisibleBy":
      return { test: num((v) => Number.isInteger(v / check.n)), allowed: `a multiple of ${check.n}` };
    case "len": {
      const { min = 0, max } = check;
      const allowed = max === undefined ? `at least ${min} characters` : `${min} to ${max} characters`;
      return { test: str((v) => v.length >= min && (max === undefined || v.length <= max)), allowed };
    }
    case "match":
    case "notMatch": {
      const re = new RegExp(check.re, check.flags);
      const want = check.k === "match";
      const what = `${want ? "matching" : "not matching"} /${check.re}/${check.msg ? ` (${check.msg})` : ""}`;
      return { test: str((v) => re.test(v) === want), allowed: what };
    }
    case "all":
    case "any": {
      const parts = check.of.map(compileCheck);
      const all = check.k === "all";
      return {
        test: (v) => {
          const results = parts.map((p) => p.test(v));
          if (results.every((r) => r === undefined)) return undefined;
          return all ? results.every((r) => r !== false) : results.some((r) => r === true);
        },
        allowed: parts.map((p) => p.allowed).join(all ? " and " : " or "),
      };
    }
    case "arn":
      return {
        test: str(arnOk),
        allowed: "an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)",
      };
    case "json":
      return {
        test: str((v) => {
          if (v === "" && check.allowEmpty) return true;
          try {
            JSON.parse(v);
            return true;
          } catch {
            return false;
          }
        }),
        allowed: "valid JSON",
      };
    case "ipv4":
      return { test: str(ipv4Ok), allowed: "an IPv4 address" };
    case "ip":
      return { test: str((v) => isIP(v) !== 0), allowed: "an IPv4 or IPv6 address" };
    case "ipv6":
      return { test: str((v) => isIP(v) === 6), allowed: "an IPv6 address" };
    case "cidr":
      return {
        test: str((v) => cidrOk(v, check.minPrefix, check.maxPrefix)),
        allowed: `a CIDR block${check.minPrefix !== undefined ? ` with a /${check.minPrefix}–/${check.maxPrefix} prefix` : ""}`,
      };
    case "nullable": {
      // The attribute is a string: "" means unset; otherwise strconv.ParseInt(v, 10, 64) / ParseFloat(v, 64) must
      // accept it, then the bounds apply. A number (Pulumi's type for some of these) is checked against the bounds.
      const { min, max } = check;
      // ParseFloat also takes inf/infinity/nan and hex floats (and `_` after a base prefix): accepted, never stricter
      const syntax =
        check.type === "int"
          ? /^[+-]?\d+$/
          : /^[+-]?((\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?|0x[\da-f_.]+(p[+-]?\d+)?|inf(inity)?|nan)$/i;
      const value = (v: string) => (/^[+-]?(\d|\.\d)/.test(v) && !/x|_/i.test(v) ? Number(v) : undefined);
      const inBounds = (n: number | undefined) =>
        n === undefined || ((min === undefined || n >= min) && (max === undefined || n <= max));
      const bounds =
        min !== undefined && max !== undefined
          ? ` from ${min} to ${max}`
          : min !== undefined
            ? ` of at least ${min}`
            : max !== undefined
              ? ` of at most ${max}`
              : "";
      return {
        test: (v) =>
          typeof v === "number"
            ? inBounds(v)
            : typeof v === "string"
              ? v === "" || (syntax.test(v) && inBounds(value(v)))
              : undefined,
        allowed: `"" (unset) or ${check.type === "int" ? "an integer" : "a number"}${bounds}, as a string`,
      };
    }
    case "nonZero":
      return { test: (v) => (v === "" || v === 0 ? false : true), allowed: "a non-zero value" };
  }
}
