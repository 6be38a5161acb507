import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { runProcess } from "./run-process";

describe("testkit scratchDir", () => {
  it("gives a fresh folder under the temp dir and removes it, files and all, when the process exits", async () => {
    // In its own process: the folders go when that process exits, whatever its tests did.
    const scratch = path.join(__dirname, "..", "src", "scratch");
    const program = [
      `const { scratchDir } = require(${JSON.stringify(scratch)});`,
      'const fs = require("node:fs"), path = require("node:path");',
      'const a = scratchDir("cloudblocks-scratch-"), b = scratchDir("cloudblocks-scratch-");',
      'fs.mkdirSync(path.join(a, "nested"));',
      'fs.writeFileSync(path.join(a, "nested", "file.txt"), "x");',
      "console.log(JSON.stringify([a, b, fs.existsSync(a), fs.existsSync(b)]));",
    ].join("\n");
    const { code, stdout } = await runProcess(process.execPath, ["-e", program]);
    expect(code).to.equal(0);
    const [a, b, existedA, existedB] = JSON.parse(stdout) as [string, string, boolean, boolean];
    expect([existedA, existedB], "made while the process ran").to.deep.equal([true, true]);
    expect(a).not.to.equal(b);
    expect(path.dirname(a)).to.equal(tmpdir());
    expect(path.basename(a)).to.match(/^cloudblocks-scratch-.{6}$/);
    expect([existsSync(a), existsSync(b)], "gone after it exited").to.deep.equal([false, false]);
    expect(() => readFileSync(path.join(a, "nested", "file.txt"))).to.throw(/ENOENT/);
  });
});
