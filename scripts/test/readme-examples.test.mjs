// The README examples check (scripts/check-readme-examples.mjs, also `npm run check:readmes`) as one of
// `npm test`'s tests: its TypeScript program then type-checks in a child process while the other worker runs
// tests, instead of holding up every test for 3 s. First in mocha's spec, so it starts with the run.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { describe, it } from "mocha";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("README examples", () => {
  it("every ts block of every README type-checks, standalone or with its declared prelude", async function () {
    this.timeout(120_000);
    const { code, output } = await new Promise((resolve) =>
      execFile(
        process.execPath,
        [path.join(root, "scripts", "check-readme-examples.mjs")],
        { cwd: root },
        (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, output: stdout + stderr }),
      ),
    );
    expect(code, output).to.equal(0);
    expect(output).to.match(/README examples: \d+ blocks type-check/);
  });
});
