#!/usr/bin/env node
// Generates packages/testkit/src/provider-rules/rules.generated.json from terraform-provider-aws resource
// sources read into a scratch folder (not committed), mapping tf attribute names to the Pulumi property names
// of the installed @pulumi/aws SDK. Usage:
//   node scripts/generate-provider-rules.mjs [scratchDir]   (default: /work/scratch/tfsrc)
// Each scratch file starts with `// provenance: <owner/repo>@<commit> <path>`; see packages/testkit/README.md.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PulumiTypes } from "./provider-rules/dts.mjs";
import { collectSymbols, parseResourceSchema, resourceValidators } from "./provider-rules/schema-rules.mjs";
import { mapRef, walkFramework, walkSdk } from "./provider-rules/walk.mjs";
import { RESOURCES } from "./provider-rules/resources.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const scratch = process.argv[2] ?? "/work/scratch/tfsrc";
const out = join(root, "packages/testkit/src/provider-rules/rules.generated.json");
const awsDir = join(root, "node_modules/@pulumi/aws");
const types = new PulumiTypes(awsDir);
const awsVersion = JSON.parse(readFileSync(join(awsDir, "package.json"), "utf8")).version;

function provenance(file) {
  // a commit, or (for enum values taken from a released package, e.g. botocore's models) its release version
  const m = /^\/\/ provenance: (\S+)@([0-9a-f]{40}|\d+\.\d+\.\d+) (\S+)/.exec(readFileSync(file, "utf8"));
  if (!m) throw new Error(`${file}: first line must be "// provenance: <repo>@<commit or release> <path>"`);
  return { repo: m[1], commit: m[2], file: m[3] };
}

function goFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(".go"))
    .map((f) => join(dir, f));
}

const sources = [];
const sourceIndex = new Map();
function sourceId(file) {
  const p = provenance(file);
  const key = `${p.repo}@${p.commit}:${p.file}`;
  if (!sourceIndex.has(key)) {
    sourceIndex.set(key, sources.length);
    sources.push(p);
  }
  return sourceIndex.get(key);
}

const result = {
  generatedBy: "scripts/generate-provider-rules.mjs",
  pulumiAws: awsVersion,
  sources,
  types: {},
  missing: [],
};
for (const res of RESOURCES) {
  const file = join(scratch, res.file);
  if (!existsSync(file)) {
    result.missing.push({ type: res.type, file: res.file });
    continue;
  }
  const pkgDir = dirname(file);
  const symFiles = [
    ...readdirSync(pkgDir)
      .filter((f) => f.endsWith(".go"))
      .map((f) => join(pkgDir, f)),
    ...(res.enums ?? []).flatMap((d) => goFiles(join(scratch, d))),
  ];
  const sym = collectSymbols(symFiles.map((f) => readFileSync(f, "utf8")));
  const src = sourceId(file);
  const enumSources = [...new Set((res.enums ?? []).flatMap((d) => goFiles(join(scratch, d))).map(sourceId))];
  const { framework, node } = parseResourceSchema(readFileSync(file, "utf8"), res.func);
  const rootProps = types.args(res.type);
  const ctx = {
    types,
    rootProps,
    renames: res.renames ?? {},
    groupAdditions: res.groupAdditions,
    sym,
    rules: [],
    notCovered: [],
    unmapped: [],
    pulumiOptional: [],
  };
  if (framework) walkFramework(node, rootProps, [], "", ctx);
  else walkSdk(node, rootProps, [], "", ctx);
  // plugin-framework ConfigValidators (resourcevalidator.ExactlyOneOf(path.MatchRoot(…), …) …)
  for (const { kind, names } of resourceValidators(readFileSync(file, "utf8"))) {
    const paths = names.map((n) => n && mapRef(n, ctx));
    const tf = `ConfigValidators ${kind}(${names.join(", ")})`;
    if (paths.some((x) => !x)) {
      ctx.notCovered.push({ tf, what: "path not mapped" });
      continue;
    }
    if (kind === "exactlyOneOf" || kind === "atLeastOneOf")
      ctx.rules.push({ path: paths[0], tf: names[0], rule: kind, with: paths });
    for (const [i, p] of paths.entries()) {
      const others = paths.filter((_, j) => j !== i);
      if (kind === "conflicting")
        ctx.rules.push({ path: p, tf: names[i], rule: "conflictsWith", with: others });
      if (kind === "requiredTogether")
        ctx.rules.push({ path: p, tf: names[i], rule: "requiredWith", with: others });
    }
  }
  result.types[res.type] = {
    tf: res.tf,
    src,
    enumSrc: enumSources.length ? enumSources : undefined,
    framework: framework || undefined,
    rules: ctx.rules,
    notCovered: ctx.notCovered,
    unmapped: ctx.unmapped,
    pulumiOptional: ctx.pulumiOptional,
  };
}

writeFileSync(out, JSON.stringify(result, null, 1) + "\n");
const n = Object.values(result.types).reduce((a, t) => a + t.rules.length, 0);
console.log(
  `${relative(root, out)}: ${Object.keys(result.types).length} types, ${n} rules; missing sources: ${result.missing.length}`,
);
for (const [type, t] of Object.entries(result.types)) {
  if (t.unmapped.length) console.log(`  ${type}: unmapped tf attributes ${t.unmapped.join(", ")}`);
}
