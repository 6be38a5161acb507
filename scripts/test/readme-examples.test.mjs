// The README examples are type-checked by the build itself (scripts/build.mjs writes them, `tsc -b` compiles them
// with the workspace): `npm test` fails there on an example that does not compile. What this checks is that the
// build did see them — every example the READMEs hold now, compiled — so a README edited after the last build,
// or a bare `tsc -b` that never wrote them, does not pass unnoticed.
import { existsSync, statSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { describe, it } from "mocha";
import { examplesDir, examplesOf, readmeExamples, staleReadmeExamples } from "../readme-examples.mjs";

const compiledDir = path.join(examplesDir, "..", "..", "dist", "generated");

describe("README examples", () => {
  it("every ts block of every README was type-checked by the build, as the README says it now", () => {
    const examples = readmeExamples();
    expect(examples.size, "READMEs with ts blocks").to.be.greaterThan(5);
    expect(staleReadmeExamples(examples), "changed since the last build: run npm run build").to.deep.equal(
      [],
    );
    for (const name of examples.keys()) {
      const source = path.join(examplesDir, name);
      const compiled = path.join(compiledDir, name.replace(/\.ts$/, ".js"));
      expect(existsSync(compiled), `${name} compiled`).to.equal(true);
      expect(statSync(compiled).mtimeMs, `${name} compiled since it was written`).to.be.at.least(
        statSync(source).mtimeMs,
      );
    }
  });

  it("takes each block with its prelude and the line it starts on", () => {
    const markdown = [
      "# T",
      "",
      "<!-- prelude: declare const x: number; -->",
      "```ts",
      "x + 1;",
      "```",
      "```ts",
      "2;",
      "```",
    ];
    expect(examplesOf(markdown.join("\n"))).to.deep.equal([
      { line: 3, prelude: "declare const x: number;", code: "x + 1;\n" },
      { line: 7, prelude: "", code: "2;\n" },
    ]);
  });
});
