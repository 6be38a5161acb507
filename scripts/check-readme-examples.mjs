// Type-checks every ```ts block of every README.md (root, packages/*, stacks/) as its own module, with the
// workspace's packages resolved as a user would import them. A block may be preceded by an HTML comment
// `<!-- prelude: … -->`, whose text is prepended (for what the block assumes, e.g. `declare const vpc: HaVpc;`),
// so every example either compiles standalone or says what it assumes. Exits non-zero on the first type error.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "stacks", "dist", "readme-examples");

const readmes = [
  "README.md",
  "stacks/README.md",
  ...readdirSync(path.join(root, "packages")).map((p) => `packages/${p}/README.md`),
].filter((file) => existsSync(path.join(root, file)));

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

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = [];
for (const readme of readmes) {
  examplesOf(readFileSync(path.join(root, readme), "utf8")).forEach((example, i) => {
    const name = `${readme.replace(/\/README\.md$|README\.md$/, "").replace(/\//g, "_") || "root"}-${i + 1}.ts`;
    const header = `// ${readme}:${example.line}\nexport {};\n`;
    writeFileSync(path.join(outDir, name), `${header}${example.prelude}\n${example.code}`);
    files.push(name);
  });
}
writeFileSync(
  path.join(outDir, "tsconfig.json"),
  JSON.stringify({
    extends: "../../../tsconfig.base.json",
    compilerOptions: {
      noEmit: true,
      composite: false,
      declaration: false,
      declarationMap: false,
      noUnusedLocals: false,
      rootDir: ".",
    },
    include: ["*.ts"],
  }),
);
try {
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript7/bin/tsc"), "-p", outDir], {
    stdio: "inherit",
  });
  console.log(`README examples: ${files.length} blocks type-check`);
} catch {
  console.error(
    `README examples: type errors above (files in ${path.relative(root, outDir)}, first line names the README)`,
  );
  process.exit(1);
}
