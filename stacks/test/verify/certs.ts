import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export interface TestChain {
  /** The CA the checks are told to trust (never a global switch-off of verification). */
  readonly ca: string;
  readonly key: string;
  readonly cert: string;
}

let cached: TestChain | undefined;

/** A throw-away CA and a leaf for `hosts`, made with openssl at test time (EC keys: fast). */
export function testChain(hosts: readonly string[] = ["buddyverse.test", "www.buddyverse.test"]): TestChain {
  if (cached) return cached;
  const dir = mkdtempSync(path.join(tmpdir(), "verify-chain-"));
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  try {
    run(
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "1",
      "-subj",
      "/CN=cloudblocks verify test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign",
    );
    run("req", ...ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", `/CN=${hosts[0]}`);
    writeFileSync(path.join(dir, "san.cnf"), `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(",")}\n`);
    run(
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "leaf.pem",
      "-days",
      "1",
      "-extfile",
      "san.cnf",
    );
    cached = {
      ca: readFileSync(path.join(dir, "ca.pem"), "utf8"),
      key: readFileSync(path.join(dir, "leaf.key"), "utf8"),
      cert: readFileSync(path.join(dir, "leaf.pem"), "utf8"),
    };
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
