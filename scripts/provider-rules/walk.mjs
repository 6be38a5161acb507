// Walks a parsed provider schema alongside the Pulumi SDK's types, emitting rules on Pulumi property paths.
import { attrConstToSnake, resolveValue, simplify, validatorCheck } from "./schema-rules.mjs";

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** Pulumi's name for a tf attribute: renamed, camelCased, or pluralised for lists/sets (the bridge's rule). */
function pulumiName(tf, props, renames) {
  if (renames[tf] && props.has(renames[tf])) return renames[tf];
  const c = camel(tf);
  const candidates = [c, `${c}s`, `${c}es`, c.replace(/y$/, "ies"), c.replace(/s$/, "ses")];
  return candidates.find((x) => props.has(x));
}

function fieldsOf(node) {
  const out = {};
  for (const { key, value } of node?.elems ?? []) if (key?.k === "ident") out[key.name] = value;
  return out;
}

function keyOf(node, sym) {
  if (node.k === "lit") return String(node.v);
  if (node.k === "ident" && node.name.startsWith("names.Attr")) return attrConstToSnake(node.name.slice(6));
  // a package constant used as the key (vpc_route.go: `routeDestinationCIDRBlock: {…}`)
  const c = node.k === "ident" ? sym?.consts.get(node.name) : undefined;
  return typeof c === "string" ? c : undefined;
}

/** A package-level schema var used as a value (`"egress": securityGroupRuleSetNestedBlock`), else the node. */
const deref = (node, sym) => (node?.k === "ident" && sym?.schemas?.get(node.name)) || node;

const isTrue = (n) => n?.k === "ident" && n.name === "true";

/** tf reference `a.0.b` (absolute) → Pulumi path segments, following the same name mapping. */
export function mapRef(ref, ctx) {
  const segs = [];
  let props = ctx.rootProps;
  const parts = ref.split(".");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (/^\d+$/.test(part)) continue;
    const name = props && pulumiName(part, props, i === 0 ? ctx.renames : {});
    if (!name) return undefined;
    segs.push(name);
    const shape = ctx.types.shape(props.get(name).type);
    if (shape.array && /^\d+$/.test(parts[i + 1] ?? "")) segs.push(Number(parts[i + 1]));
    props = shape.ref ? ctx.types.nested(shape.ref.ns, shape.ref.name) : undefined;
  }
  return segs;
}

function refList(node, ctx, sym) {
  let values = resolveValue(node, sym);
  if (!Array.isArray(values)) return { unresolved: true };
  // members the bridged SDK has but the source read predates (resources-*.mjs `groupAdditions`, each justified there)
  for (const { member, add } of ctx.groupAdditions ?? [])
    if (values.includes(member)) values = [...values, ...add.filter((a) => !values.includes(a))];
  // a reference to an attribute the SDK no longer has (e.g. rds `name`, removed in @pulumi/aws v7) cannot be set
  const mapped = values.map((v) => mapRef(String(v), ctx));
  const kept = mapped.filter(Boolean);
  return kept.length
    ? { paths: kept, tf: values.filter((_, i) => mapped[i]) }
    : { unresolved: true, tf: values };
}

/**
 * SDKv2: a `map[string]*schema.Schema{…}` literal, at Pulumi path `base` whose properties are `props`.
 * ctx: { types, rootProps, renames, sym, rules, notCovered, unmapped, tfPrefix }
 */
export function walkSdk(mapNode, props, base, tfBase, ctx) {
  for (const { key, value: raw } of mapNode.elems) {
    const tf = keyOf(key, ctx.sym);
    const value = deref(raw, ctx.sym);
    if (!tf || value.k !== "composite") continue; // helper calls such as tftags.TagsSchema() carry no checks
    const f = fieldsOf(value);
    const tfPath = tfBase ? `${tfBase}.${tf}` : tf;
    const computedOnly = f.Computed && !f.Optional && !f.Required;
    if (computedOnly) continue;
    const name = props && pulumiName(tf, props, base.length === 0 ? ctx.renames : {});
    if (!name) {
      ctx.unmapped.push(tfPath);
      continue;
    }
    const path = [...base, name];
    const prop = props.get(name);
    const shape = ctx.types.shape(prop.type);
    const emit = (rule) => ctx.rules.push({ path, tf: tfPath, ...rule });

    if (isTrue(f.Sensitive)) emit({ rule: "sensitive" });
    if (isTrue(f.Required)) {
      if (!prop.optional) emit({ rule: "required" });
      else ctx.pulumiOptional.push(tfPath);
    }
    const maxItems = resolveValue(f.MaxItems, ctx.sym);
    const minItems = resolveValue(f.MinItems, ctx.sym);
    if (shape.array && typeof maxItems === "number") emit({ rule: "maxItems", n: maxItems });
    if (shape.array && typeof minItems === "number" && minItems > 0) emit({ rule: "minItems", n: minItems });
    for (const [field, rule] of [
      ["ConflictsWith", "conflictsWith"],
      ["ExactlyOneOf", "exactlyOneOf"],
      ["AtLeastOneOf", "atLeastOneOf"],
      ["RequiredWith", "requiredWith"],
    ]) {
      if (!f[field]) continue;
      const refs = refList(f[field], ctx, ctx.sym);
      if (refs.unresolved)
        ctx.notCovered.push({ tf: tfPath, what: `${field} ${JSON.stringify(refs.tf ?? "?")}` });
      else emit({ rule, with: refs.paths, tfWith: refs.tf });
    }
    for (const vf of [f.ValidateFunc, f.ValidateDiagFunc].filter(Boolean)) addCheck(vf, path, tfPath, ctx);

    const elem = deref(f.Elem, ctx.sym);
    if (elem?.k === "composite" && /schema\.Schema$/.test(elem.type)) {
      const ef = fieldsOf(elem);
      const elemPath = shape.array ? [...path, "*"] : path;
      for (const vf of [ef.ValidateFunc, ef.ValidateDiagFunc].filter(Boolean))
        addCheck(vf, elemPath, `${tfPath}.*`, ctx);
    } else if (elem?.k === "composite" && /schema\.Resource$/.test(elem.type)) {
      const inner = fieldsOf(elem).Schema;
      const nestedProps = shape.ref ? ctx.types.nested(shape.ref.ns, shape.ref.name) : undefined;
      if (inner?.k === "composite" && nestedProps) {
        walkSdk(
          inner,
          nestedProps,
          shape.array ? [...path, "*"] : path,
          shape.array ? `${tfPath}.*` : `${tfPath}.0`,
          ctx,
        );
      } else ctx.notCovered.push({ tf: tfPath, what: "nested block schema not inline or type not found" });
    } else if (elem && elem.k !== "composite") {
      ctx.notCovered.push({ tf: tfPath, what: "nested block defined by a helper" });
    }
  }
}

function addCheck(node, path, tfPath, ctx) {
  const raw = validatorCheck(node, ctx.sym);
  const check = simplify(raw);
  if (check.k === "unknown") ctx.notCovered.push({ tf: tfPath, what: check.what });
  else {
    ctx.rules.push({ path, tf: tfPath, rule: "value", check });
    // the parts of an All(…) that were dropped (the rest is still checked): listed, so the table says what is not
    for (const what of droppedParts(raw))
      ctx.notCovered.push({ tf: tfPath, what: `part of All(…): ${what}` });
  }
}

function droppedParts(check) {
  if (check.k !== "all") return [];
  return check.of.flatMap((c) => (simplify(c).k === "unknown" ? [simplify(c).what] : droppedParts(c)));
}

/** Plugin framework: `schema.Schema{Attributes: …, Blocks: …}` or a nested block object. */
export function walkFramework(objNode, props, base, tfBase, ctx) {
  const f = fieldsOf(objNode);
  for (const section of [f.Attributes, f.Blocks]) {
    for (const { key, value } of section?.elems ?? []) {
      const tf = keyOf(key, ctx.sym);
      if (!tf || value.k !== "composite") continue;
      const a = fieldsOf(value);
      const tfPath = tfBase ? `${tfBase}.${tf}` : tf;
      if (isTrue(a.Computed) && !isTrue(a.Optional) && !isTrue(a.Required)) continue;
      const name = props && pulumiName(tf, props, base.length === 0 ? ctx.renames : {});
      if (!name) {
        ctx.unmapped.push(tfPath);
        continue;
      }
      const path = [...base, name];
      const prop = props.get(name);
      const shape = ctx.types.shape(prop.type);
      if (isTrue(a.Required)) {
        if (!prop.optional) ctx.rules.push({ path, tf: tfPath, rule: "required" });
        else ctx.pulumiOptional.push(tfPath);
      }
      // fwtypes.StringEnumType[awstypes.X]() as the attribute's type validates like enum.FrameworkValidate
      const ct = a.CustomType;
      if (ct?.k === "call" && ct.fn.k === "generic" && /StringEnumType$/.test(ct.fn.fn.name)) {
        const enumName = ct.fn.targs[0].split(".").pop();
        const values = ctx.sym.enums.get(enumName);
        if (values)
          ctx.rules.push({
            path,
            tf: tfPath,
            rule: "value",
            check: { k: "in", values, ignoreCase: false, enum: enumName },
          });
        else
          ctx.notCovered.push({ tf: tfPath, what: `StringEnumType[${enumName}] (enum values not vendored)` });
      }
      for (const v of a.Validators?.elems ?? []) frameworkValidator(v.value, path, tfPath, shape, ctx);
      if (a.NestedObject?.k === "composite") {
        const nestedProps = shape.ref ? ctx.types.nested(shape.ref.ns, shape.ref.name) : undefined;
        if (nestedProps)
          walkFramework(a.NestedObject, nestedProps, shape.array ? [...path, "*"] : path, `${tfPath}.*`, ctx);
        else ctx.notCovered.push({ tf: tfPath, what: "nested object type not found in the SDK" });
      }
    }
  }
}

function frameworkValidator(node, path, tfPath, shape, ctx) {
  if (node?.k !== "call" || node.fn.k !== "ident")
    return ctx.notCovered.push({ tf: tfPath, what: "validator not a call" });
  const name = node.fn.name;
  const n = (i) => resolveValue(node.args[i], ctx.sym);
  const size = {
    "listvalidator.SizeAtMost": "maxItems",
    "setvalidator.SizeAtMost": "maxItems",
    "listvalidator.SizeAtLeast": "minItems",
    "setvalidator.SizeAtLeast": "minItems",
  }[name];
  if (size) {
    if (shape.array) ctx.rules.push({ path, tf: tfPath, rule: size, n: n(0) });
    return;
  }
  const rel = /\.(ConflictsWith|ExactlyOneOf|AtLeastOneOf|AlsoRequires)$/.exec(name);
  if (rel) {
    const rule = {
      ConflictsWith: "conflictsWith",
      ExactlyOneOf: "exactlyOneOf",
      AtLeastOneOf: "atLeastOneOf",
      AlsoRequires: "requiredWith",
    }[rel[1]];
    const refs = node.args.map((arg) => frameworkPath(arg, path));
    if (refs.some((r) => !r))
      return ctx.notCovered.push({ tf: tfPath, what: `${name} (path expression not modelled)` });
    const mapped = refs.map((r) => mapFrameworkRef(r, path, ctx));
    if (mapped.some((m) => !m)) return ctx.unmapped.push(`${tfPath} ${name}`);
    return ctx.rules.push({ path, tf: tfPath, rule, with: mapped, relative: true });
  }
  addCheck(node, path, tfPath, ctx);
}

/** path.MatchRoot("a") / path.MatchRelative().AtParent().AtName("b") → { root, names } (tf names). */
function frameworkPath(node) {
  const names = [];
  let up = 0;
  let root;
  let e = node;
  while (e?.k === "call" && e.fn.k === "select") {
    if (e.fn.name === "AtName") names.unshift(String(e.args[0]?.v));
    else if (e.fn.name === "AtParent") up++;
    else return undefined;
    e = e.fn.e;
  }
  if (e?.k === "call" && e.fn.k === "ident" && e.fn.name === "path.MatchRoot") root = [String(e.args[0]?.v)];
  else if (e?.k === "call" && e.fn.k === "ident" && e.fn.name === "path.MatchRelative") root = undefined;
  else return undefined;
  return { root, up, names };
}

function mapFrameworkRef(ref, path, ctx) {
  if (ref.root) return mapRef([...ref.root, ...ref.names].join("."), ctx);
  // relative to the attribute: go up, then down by tf names mapped at that level
  const base = path.slice(0, path.length - ref.up);
  if (ref.names.length !== 1) return undefined;
  const parentProps = propsAt(base, ctx);
  const name = parentProps && pulumiName(ref.names[0], parentProps, base.length === 0 ? ctx.renames : {});
  return name ? [...base, name] : undefined;
}

function propsAt(segs, ctx) {
  let props = ctx.rootProps;
  for (const s of segs) {
    if (s === "*" || typeof s === "number") continue;
    const shape = ctx.types.shape(props.get(s).type);
    props = shape.ref ? ctx.types.nested(shape.ref.ns, shape.ref.name) : undefined;
    if (!props) return undefined;
  }
  return props;
}
