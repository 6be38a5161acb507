// The ```ts blocks of every README.md (root, stacks/, packages/*), each written as its own module into
// scripts/readme-examples/src/generated/, a TypeScript project of the build: `node scripts/build.mjs` (what every
// npm script runs) writes them, then `tsc -b` type-checks them with everything else, the workspace's packages
// resolved as a user imports them — in the same compiler process, which parses @pulumi/aws once for all projects.
// A block may be preceded by an HTML comment `<!-- prelude: … -->`, whose text is prepended (for what the block
// assumes, e.g. `declare const vpc: HaVpc;`), so every example either compiles standalone or says what it assumes.
// Run directly, it writes them and says how many.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const examplesDir = path.join(root, "scripts", "readme-examples", "src", "generated");

/** The ```ts blocks of a Markdown file, each with the line it starts on and its prelude comment, if any. */
export function examplesOf(markdown) {
  const examples = [];
  const pattern = /(?:<!--\s*prelude:([\s\S]*?)-->\s*\n)?```ts\n([\s\S]*?)```/g;
  for (const match of markdown.matchAll(pattern)) {
    const line = markdown.slice(0, match.index).split("\n").length;
    examples.push({ line, prelude: (match[1] ?? "").trim(), code: match[2] });
  }
  return examples;
}

/** Every README's examples as the files the build compiles: name → text (the first line names the README). */
export function readmeExamples() {
  const readmes = [
    "README.md",
    "stacks/README.md",
    ...readdirSync(path.join(root, "packages")).map((p) => `packages/${p}/README.md`),
  ].filter((file) => existsSync(path.join(root, file)));
  const files = new Map();
  for (const readme of readmes) {
    examplesOf(readFileSync(path.join(root, readme), "utf8")).forEach((example, i) => {
      const name = `${readme.replace(/\/README\.md$|README\.md$/, "").replace(/\//g, "_") || "root"}-${i + 1}.ts`;
      files.set(name, `// ${readme}:${example.line}\nexport {};\n${example.prelude}\n${example.code}`);
    });
  }
  return files;
}

/** The examples whose file is missing, different or left over from a block that is gone. */
export function staleReadmeExamples(expected = readmeExamples()) {
  const present = existsSync(examplesDir) ? readdirSync(examplesDir) : [];
  const stale = present.filter((name) => !expected.has(name));
  for (const [name, text] of expected) {
    const file = path.join(examplesDir, name);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) stale.push(name);
  }
  return stale;
}

/**
 * Writes the examples, touching only the files that changed: an unchanged README leaves its examples as they
 * were, so an incremental `tsc -b` has nothing to redo. Returns how many there are.
 */
export function writeReadmeExamples() {
  const expected = readmeExamples();
  mkdirSync(examplesDir, { recursive: true });
  for (const name of staleReadmeExamples(expected)) {
    const text = expected.get(name);
    if (text === undefined) rmSync(path.join(examplesDir, name));
    else writeFileSync(path.join(examplesDir, name), text);
  }
  return expected.size;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = writeReadmeExamples();
  console.log(`README examples: ${count} blocks written to ${path.relative(process.cwd(), examplesDir)}`);
}
