// Turns a parsed terraform-provider-aws schema (SDKv2 `map[string]*schema.Schema` or plugin-framework
// `schema.Schema{Attributes, Blocks}`) into checker rules on Pulumi property paths.
import { Parser, tokenize } from "./go-parse.mjs";

/** `names.AttrKMSKeyID` → `kms_key_id` (the names package spells attribute names this way). */
const ACRONYMS = [
  "IDs",
  "ARNs",
  "IPv6",
  "IPv4",
  "CIDR",
  "HTTP",
  "JSON",
  "ARN",
  "VPC",
  "KMS",
  "IAM",
  "DNS",
  "SNS",
  "SQS",
].concat(["URL", "TTL", "ACL", "EC2", "MFA", "SSL", "TLS", "ID", "IP", "AZ", "S3"]);
export function attrConstToSnake(name) {
  let s = name.replace(/^Attr/, "");
  for (const a of ACRONYMS) s = s.split(a).join(`_${a.toLowerCase()}_`);
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/__+/g, "_")
    .replace(/^_|_$/g, "");
}

/** The constant value of an expression: literals, constants of the package, `X_Values()` and SDK enum values. */
export function resolveValue(node, sym) {
  if (!node) return undefined;
  if (node.k === "lit") return node.v;
  if (node.k === "ident") {
    if (node.name === "true" || node.name === "false") return node.name === "true";
    if (node.name.startsWith("names.Attr")) return attrConstToSnake(node.name.slice(6));
    const short = node.name.split(".").pop();
    if (sym.consts.has(node.name)) return sym.consts.get(node.name);
    if (sym.consts.has(short)) return sym.consts.get(short);
    return undefined;
  }
  if (node.k === "composite") {
    const vs = node.elems.map((e) => resolveValue(e.value, sym));
    return vs.every((v) => v !== undefined) ? vs : undefined;
  }
  // enum.Slice(a, b…) / enum.Slice[T](a, b…) / enum.Slice(xs...): the values as strings
  const isSlice = (fn) =>
    (fn.k === "ident" && fn.name === "enum.Slice") || (fn.k === "generic" && fn.fn.name === "enum.Slice");
  if (node.k === "call" && isSlice(node.fn)) {
    const vs = node.args.flatMap((a) => [resolveValue(a, sym)].flat());
    return vs.every((v) => v !== undefined) ? vs : undefined;
  }
  // tfslices.AppendUnique(xs, y…): xs with the values it lacks appended
  if (node.k === "call" && node.fn.k === "ident" && node.fn.name === "tfslices.AppendUnique") {
    const vs = node.args.flatMap((a) => [resolveValue(a, sym)].flat());
    return vs.every((v) => v !== undefined) ? [...new Set(vs)] : undefined;
  }
  // Go's append(xs, y…): xs followed by the values (rds/cluster.go `append(engineMode_Values(), "")`)
  if (node.k === "call" && node.fn.k === "ident" && node.fn.name === "append") {
    const vs = node.args.flatMap((a) => [resolveValue(a, sym)].flat());
    return vs.every((v) => v !== undefined) ? vs : undefined;
  }
  // fmt.Sprintf with %s / %d verbs only (rds `fmt.Sprintf(`^%s.*$`, InstanceEngineCustomPrefix)`)
  if (node.k === "call" && node.fn.k === "ident" && node.fn.name === "fmt.Sprintf") {
    const [format, ...args] = node.args.map((a) => resolveValue(a, sym));
    if (typeof format !== "string" || args.some((v) => typeof v !== "string" && typeof v !== "number"))
      return undefined;
    const verbs = format.match(/%./g) ?? [];
    if (verbs.length !== args.length || verbs.some((v) => v !== "%s" && v !== "%d")) return undefined;
    let i = 0;
    return format.replace(/%[sd]/g, () => String(args[i++]));
  }
  if (node.k === "call" && node.fn.k === "ident") {
    const short = node.fn.name.split(".").pop();
    if (sym.funcs.has(short)) return sym.funcs.get(short);
    // aws-sdk-go v1 style `cloudwatch.ComparisonOperator_Values()`
    const m = /^(\w+)_Values$/.exec(short);
    if (m && sym.enums.has(m[1])) return sym.enums.get(m[1]);
    if (node.fn.name === "string" && node.args.length === 1) return resolveValue(node.args[0], sym);
  }
  if (node.k === "call" && node.fn.k === "generic" && /enum\.Values$/.test(node.fn.fn.name)) {
    return sym.enums.get(node.fn.targs[0].split(".").pop());
  }
  if (node.k === "call" && node.fn.k === "select" && node.fn.name === "Values") {
    // awstypes.Foo("").Values()
    const inner = node.fn.e;
    if (inner.k === "call" && inner.fn.k === "ident") return sym.enums.get(inner.fn.name.split(".").pop());
  }
  return undefined;
}

/**
 * RE2 accepts `\-` anywhere as a literal hyphen; a JavaScript `u` pattern only inside a class. Outside one it is
 * the same literal `-`, so the escape is dropped there (e.g. config rules' `^guard\-2\.x\.x$`).
 */
function unescapeHyphens(re) {
  let out = "";
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === "\\") {
      const next = re[i + 1] ?? "";
      out += !inClass && next === "-" ? "-" : c + next;
      i++;
    } else {
      if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      out += c;
    }
  }
  return out;
}

/** A Go regexp (RE2) as a JavaScript pattern and flags, or undefined when it uses what JavaScript lacks. */
export function goRegex(src) {
  let flags = "u";
  let re = src;
  const m = /^\(\?([a-z]+)\)/.exec(re);
  if (m) {
    if (m[1].includes("i")) flags += "i";
    if (m[1].includes("s")) flags += "s";
    re = re.slice(m[0].length);
  }
  re = re
    .replace(/\\A/g, "^")
    .replace(/\\z/g, "$")
    .replace(/\[:alnum:\]/g, "a-zA-Z0-9")
    .replace(/\[:alpha:\]/g, "a-zA-Z")
    .replace(/\[:digit:\]/g, "0-9")
    .replace(/\[:lower:\]/g, "a-z")
    .replace(/\[:upper:\]/g, "A-Z")
    .replace(/\[:space:\]/g, "\\s")
    .replace(/\[:punct:\]/g, "!-\\/:-@\\[-`{-~")
    .replace(/\\pL/g, "\\p{L}")
    .replace(/\\pN/g, "\\p{N}");
  re = unescapeHyphens(re);
  try {
    new RegExp(re, flags);
    return { re, flags };
  } catch {
    return undefined;
  }
}

const call = (node) => (node?.k === "call" ? node : undefined);
const fnName = (node) =>
  node.fn.k === "ident"
    ? node.fn.name
    : node.fn.k === "generic"
      ? `${node.fn.fn.name}[${node.fn.targs.join(",")}]`
      : "?";

/** A validator expression → a check, or `{k: "unknown", what}` when its logic is not modelled. */
export function validatorCheck(node, sym) {
  if (node?.k === "ident") {
    const simple = {
      "verify.ValidARN": { k: "arn" },
      // terraform-plugin-sdk's StringIsJSON runs structure.NormalizeJsonString, which returns "" for "" without an
      // error; verify.ValidIAMPolicyJSON refuses "" ("contains an invalid JSON policy")
      "validation.StringIsJSON": { k: "json", allowEmpty: true },
      "verify.ValidIAMPolicyJSON": { k: "json" },
      "validation.IsCIDR": { k: "cidr" },
      "verify.ValidCIDRNetworkAddress": { k: "cidr" },
      // the family and zero host bits are not checked: never stricter than the provider
      "verify.ValidIPv4CIDRNetworkAddress": { k: "cidr" },
      "verify.ValidIPv6CIDRNetworkAddress": { k: "cidr" },
      "validation.IsIPv4Address": { k: "ipv4" },
      "validation.IsIPAddress": { k: "ip" },
      "validation.IsIPv6Address": { k: "ipv6" },
      "validation.StringIsNotEmpty": { k: "len", min: 1 },
      "validation.StringIsNotWhiteSpace": {
        k: "match",
        re: "\\S",
        flags: "u",
        msg: "must not be empty or white space",
      },
      "validation.IsPortNumber": { k: "range", min: 1, max: 65535 },
      "validation.IsPortNumberOrZero": { k: "range", min: 0, max: 65535 },
      "validation.NoZeroValues": { k: "nonZero" },
      // nullable.TypeNullable* attributes are strings ("" = unset) parsed with strconv (sdkv2/types/nullable)
      "nullable.ValidateTypeStringNullableInt": { k: "nullable", type: "int" },
      "nullable.ValidateTypeStringNullableFloat": { k: "nullable", type: "float" },
      // autoscaling/schedule.go: time.Parse("2006-01-02T15:04:05Z", v). Go takes a 1–2 digit hour, a signed 3-digit
      // year and fractional seconds there; the pattern allows all of that (day/month ranges unchecked: never stricter)
      validScheduleTimestamp: {
        k: "match",
        re: "^([0-9]{4}|[+-][0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{1,2}:[0-9]{2}:[0-9]{2}([.,][0-9]+)?Z$",
        flags: "u",
        msg: 'cannot be parsed as iso8601 Timestamp Format (Go layout "2006-01-02T15:04:05Z")',
      },
    };
    if (simple[node.name]) return simple[node.name];
    // elbv2 validListenerRulePriority (imperative): fails when `value < listenerRulePriorityMin || (value >
    // listenerRulePriorityMax && value != listenerRulePriorityDefault)`, i.e. passes min–max or the default rule's value
    if (node.name === "validListenerRulePriority") {
      const [min, max, dflt] = ["Min", "Max", "Default"].map((x) =>
        sym.consts.get(`listenerRulePriority${x}`),
      );
      if ([min, max, dflt].every((v) => typeof v === "number"))
        return {
          k: "any",
          of: [
            { k: "range", min, max },
            { k: "in", values: [dflt], ignoreCase: false },
          ],
        };
    }
    const helper = sym.validators?.get(node.name);
    if (helper && helper.params.length === 0 && (sym.depth ?? 0) < 4) {
      const consts = new Map([...sym.consts, ...(helper.locals ?? [])]);
      return validatorCheck(helper.body, { ...sym, consts, depth: (sym.depth ?? 0) + 1 });
    }
    return { k: "unknown", what: node.name };
  }
  const c = call(node);
  if (!c) return { k: "unknown", what: node?.k ?? "?" };
  const name = fnName(c);
  const n = (i) => resolveValue(c.args[i], sym);
  // a bound computed from provider constants (e.g. `64 - id.UniqueIDSuffixLength - 11`) is not modelled
  const numeric = /(Between|AtLeast|AtMost|DivisibleBy|Length)/.test(name);
  if (numeric && c.args.some((_, i) => typeof n(i) !== "number"))
    return { k: "unknown", what: `${name}(computed bound)` };
  switch (name) {
    case "fwvalidators.IPv4CIDRNetworkAddress":
    case "fwvalidators.IPv6CIDRNetworkAddress":
      return { k: "cidr" }; // the family and zero host bits are not checked: never stricter than the provider
    case "validation.ToDiagFunc":
      return validatorCheck(c.args[0], sym);
    case "validation.StringInSlice":
    case "validation.StringInSliceCaseInsensitive":
    case "stringvalidator.OneOf":
    case "stringvalidator.OneOfCaseInsensitive": {
      const values = name.startsWith("stringvalidator")
        ? c.args.flatMap((a) => [resolveValue(a, sym)].flat())
        : n(0);
      if (!Array.isArray(values) || values.some((v) => v === undefined))
        return { k: "unknown", what: `${name}(unresolved values)` };
      const ignoreCase =
        name.endsWith("CaseInsensitive") || (name === "validation.StringInSlice" && n(1) === true);
      return { k: "in", values, ignoreCase };
    }
    case "validation.IntInSlice":
    case "int64validator.OneOf": {
      const values = name === "int64validator.OneOf" ? c.args.map((a) => resolveValue(a, sym)) : n(0);
      return Array.isArray(values) ? { k: "in", values, ignoreCase: false } : { k: "unknown", what: name };
    }
    case "verify.StringHasPrefix": {
      const prefix = String(n(0));
      const re = `^${prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`;
      return { k: "match", re, flags: "u", msg: `must begin with ${JSON.stringify(prefix)}` };
    }
    case "nullable.ValidateTypeStringNullableIntBetween":
      return { k: "nullable", type: "int", min: n(0), max: n(1) };
    case "nullable.ValidateTypeStringNullableIntAtLeast":
      return { k: "nullable", type: "int", min: n(0) };
    case "validation.IntBetween":
    case "validation.FloatBetween":
    case "int64validator.Between":
    case "int32validator.Between":
    case "float64validator.Between":
      return { k: "range", min: n(0), max: n(1) };
    case "validation.IntAtLeast":
    case "validation.FloatAtLeast":
    case "int64validator.AtLeast":
    case "int32validator.AtLeast":
      return { k: "range", min: n(0) };
    case "validation.IntAtMost":
    case "validation.FloatAtMost":
    case "int64validator.AtMost":
    case "int32validator.AtMost":
      return { k: "range", max: n(0) };
    case "validation.IntDivisibleBy":
      return { k: "divisibleBy", n: n(0) };
    // UTF-8 byte length: a JavaScript length (UTF-16 units) is never longer, so this is never stricter
    case "verify.StringUTF8LenBetween":
    case "validation.StringLenBetween":
    case "stringvalidator.LengthBetween":
      return { k: "len", min: n(0), max: n(1) };
    case "stringvalidator.LengthAtLeast":
      return { k: "len", min: n(0) };
    case "stringvalidator.LengthAtMost":
      return { k: "len", max: n(0) };
    case "validation.StringMatch":
    case "validation.StringDoesNotMatch":
    case "stringvalidator.RegexMatches": {
      const reNode = c.args[0];
      const reSrc = reNode?.k === "call" ? resolveValue(reNode.args[0], sym) : undefined;
      const compiled = typeof reSrc === "string" ? goRegex(reSrc) : undefined;
      if (!compiled) return { k: "unknown", what: `${name}(regexp not portable)` };
      return { k: name.endsWith("DoesNotMatch") ? "notMatch" : "match", ...compiled, msg: n(1) ?? "" };
    }
    case "validation.IsCIDRNetwork":
      return { k: "cidr", minPrefix: n(0), maxPrefix: n(1) };
    case "validation.All":
    case "validation.AllDiag":
      return { k: "all", of: c.args.map((a) => validatorCheck(a, sym)) };
    case "validation.Any":
    case "validation.AnyDiag":
      return { k: "any", of: c.args.map((a) => validatorCheck(a, sym)) };
  }
  // a validator helper of the provider package, e.g. iam `validResourceName(max int)`: its body with the arguments
  const helper = c.fn.k === "ident" ? sym.validators?.get(name) : undefined;
  if (helper && helper.params.length === c.args.length && (sym.depth ?? 0) < 4) {
    const consts = new Map([...sym.consts, ...(helper.locals ?? [])]);
    helper.params.forEach((p, i) => consts.set(p, n(i)));
    return validatorCheck(helper.body, { ...sym, consts, depth: (sym.depth ?? 0) + 1 });
  }
  if (c.fn.k === "generic" && /^enum\.(Validate|FrameworkValidate|ValidateIgnoreCase)$/.test(c.fn.fn.name)) {
    const enumName = c.fn.targs[0].split(".").pop();
    const values = sym.enums.get(enumName);
    if (!values) return { k: "unknown", what: `${name} (enum values not vendored)` };
    return { k: "in", values, ignoreCase: c.fn.fn.name === "enum.ValidateIgnoreCase", enum: enumName };
  }
  return { k: "unknown", what: name };
}

/** Simplifies: unknowns inside all() are dropped (the rest still must hold); an unknown inside any() makes it unknown. */
export function simplify(check) {
  if (check.k === "all") {
    const of = check.of.map(simplify).filter((c) => c.k !== "unknown");
    const lost = check.of.map(simplify).filter((c) => c.k === "unknown");
    if (of.length === 0) return lost[0] ?? { k: "unknown", what: "all()" };
    return of.length === 1 ? { ...of[0], partial: lost.length > 0 || undefined } : { k: "all", of };
  }
  if (check.k === "any") {
    const of = check.of.map(simplify);
    const unknown = of.find((c) => c.k === "unknown");
    return unknown
      ? { k: "unknown", what: `any(${of.map((c) => c.what ?? c.k).join(", ")})` }
      : { k: "any", of };
  }
  return check;
}

/** Symbols (constants, `X_Values()` funcs, SDK enum `Values()`) defined by the scratch files of a package. */
export function collectSymbols(sources) {
  const sym = {
    consts: new Map(),
    funcs: new Map(),
    enums: new Map(),
    schemas: new Map(),
    validators: new Map(),
  };
  for (const src of sources) {
    for (const m of src.matchAll(/^\s*([A-Za-z_]\w*)(?:\s+[A-Za-z_][\w.]*)?\s*=\s*"([^"]*)"/gm))
      sym.consts.set(m[1], m[2]);
    // Go digit separators (`50_000`) are allowed in integer literals
    for (const m of src.matchAll(/^\s*([A-Za-z_]\w*)(?:\s+[A-Za-z_][\w.]*)?\s*=\s*(-?\d[\d_]*)\s*$/gm))
      sym.consts.set(m[1], Number(m[2].replace(/_/g, "")));
  }
  // package vars: string lists (`var routeValidTargets = []string{…}`, used as ExactlyOneOf) and shared schema
  // blocks (`securityGroupRuleNestedBlock = &schema.Resource{…}`, used as a field or an Elem)
  for (const src of sources) {
    for (const m of src.matchAll(
      /^\s*(?:var\s+)?([A-Za-z_]\w*)\s*=\s*(?=\[\]string\{|&schema\.(?:Schema|Resource)\{)/gm,
    )) {
      try {
        const node = new Parser(tokenize(src.slice(m.index + m[0].length))).parseExpr();
        if (node.k !== "composite") continue;
        if (node.type === "[]string") {
          const v = resolveValue(node, sym);
          if (Array.isArray(v)) sym.consts.set(m[1], v);
        } else sym.schemas.set(m[1], node);
      } catch {
        // not a literal the parser reads
      }
    }
  }
  // validator helpers the package defines as one expression: `var validX = validation.All(…)` and
  // `func validX(max int) schema.SchemaValidateFunc { return validation.All(…) }` (imperative ones stay unknown)
  for (const src of sources) {
    const found = [
      ...[...src.matchAll(/^var\s+(valid\w*)\s*=\s*/gm)].map((m) => ({ m, params: [] })),
      // comment lines and raw-string locals (`pattern := `…``) may come before the return (lambda/validate.go); a
      // "…" local would need Go unescaping, so such a helper stays unknown
      ...[
        ...src.matchAll(
          /^func (valid\w*)\(([^)]*)\) schema\.SchemaValidateFunc \{((?:\s*\/\/[^\n]*|\s*\w+ := `[^`]*`)*)\s*return\s+/gm,
        ),
      ].map((m) => ({
        m,
        params: m[2]
          .split(",")
          .map((p) => p.trim().split(/\s+/)[0])
          .filter(Boolean),
        locals: [...m[3].matchAll(/(\w+) := `([^`]*)`/g)].map((l) => [l[1], l[2]]),
      })),
    ];
    for (const { m, params, locals } of found) {
      try {
        const body = new Parser(tokenize(src.slice(m.index + m[0].length))).parseExpr();
        if (body.k === "call" || body.k === "ident") sym.validators.set(m[1], { params, body, locals });
      } catch {
        // not an expression the parser reads
      }
    }
  }
  // SDK enum Values() first, over every file: a package helper may build on them (enum.Values[T]())
  for (const src of sources) {
    for (const m of src.matchAll(/func \((\w+)\) Values\(\) \[\]\w+ \{\s*return \[\]\w+\{([^}]*)\}/g)) {
      // elements are string literals (the SDK) or constants of the package (the provider's own enum types)
      const items = m[2]
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
      const values = items.map((x) => (/^"[^"]*"$/.test(x) ? x.slice(1, -1) : sym.consts.get(x)));
      if (values.length > 0 && values.every((v) => typeof v === "string")) sym.enums.set(m[1], values);
    }
  }
  for (const src of sources) {
    // `func foo_Values() []string { return <expr> }`: a literal list or enum.Slice(…) of constants
    for (const m of src.matchAll(/func (\w+)\(\) \[\][\w.]+ \{\s*return ([\s\S]*?)\n\}/g)) {
      try {
        const value = resolveValue(new Parser(tokenize(m[2])).parseExpr(), sym);
        if (value !== undefined) sym.funcs.set(m[1], value);
      } catch {
        // not a plain value list
      }
    }
    // aws-sdk-go v1: `func Foo_Values() []string { return []string{ FooBar, … } }`
    for (const m of src.matchAll(/func (\w+)_Values\(\) \[\]string \{\s*return \[\]string\{([^}]*)\}/g)) {
      const values = [...m[2].matchAll(/(\w+)/g)].map((x) => sym.consts.get(x[1]));
      if (values.every((v) => v !== undefined)) sym.enums.set(m[1], values);
    }
  }
  return sym;
}

/** Finds the schema literal after `func <name>(` (or the method `func (r *T) <name>(`) and parses it. */
export function parseResourceSchema(src, funcName) {
  const m = new RegExp(`func (\\([^)]*\\) )?${funcName}\\(`).exec(src);
  if (!m) throw new Error(`func ${funcName} not found`);
  const at = m.index;
  const tokens = tokenize(src.slice(at));
  const p = new Parser(tokens);
  // `map[string]*schema.Schema{` as a literal, not as a SchemaFunc's return type (`func() map[…]… {`)
  const sdkAt = (i) =>
    tokens[i - 1]?.v !== ")" &&
    tokens[i]?.v === "map" &&
    tokens[i + 4]?.v === "*" &&
    tokens[i + 5]?.v === "schema" &&
    tokens[i + 7]?.v === "Schema" &&
    tokens[i + 8]?.v === "{";
  const fwAt = (i) =>
    tokens[i - 1]?.v !== "*" &&
    (tokens[i]?.v === "schema" || tokens[i]?.v === "tfsdk") &&
    tokens[i + 1]?.v === "." &&
    tokens[i + 2]?.v === "Schema" &&
    tokens[i + 3]?.v === "{";
  while (p.i < tokens.length && !sdkAt(p.i) && !fwAt(p.i)) p.i++;
  const framework = fwAt(p.i);
  return { framework, node: p.parseExpr(), tokens };
}

/** Resource-level plugin-framework validators: resourcevalidator.ExactlyOneOf(path.MatchRoot("a"), …) and friends. */
export function resourceValidators(src) {
  const kinds = {
    ExactlyOneOf: "exactlyOneOf",
    AtLeastOneOf: "atLeastOneOf",
    Conflicting: "conflicting",
    RequiredTogether: "requiredTogether",
  };
  const tokens = tokenize(src);
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].v !== "resourcevalidator" || tokens[i + 1]?.v !== "." || !kinds[tokens[i + 2]?.v]) continue;
    const node = new Parser(tokens, i).parseExpr();
    const names = node.args.map((a) =>
      a.k === "call" && a.fn.name === "path.MatchRoot" ? String(a.args[0].v) : undefined,
    );
    out.push({ kind: kinds[tokens[i + 2].v], names });
  }
  return out;
}
