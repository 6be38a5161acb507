import { expect } from "chai";
import { APP_ERROR_PATTERN, BOOT_FAILED_PATTERN, WEB_SERVER_ERROR_PATTERN } from "../src";

/**
 * What CloudWatch Logs accepts in a regex filter pattern ("Supported regular expressions (regex) syntax"):
 * letters, digits, the symbols : _ # = @ / ; , - and the operators ^ $ ? [ ] { } | \ * + . — no ( ), no space.
 */
const ALLOWED = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]+$/;

function matcher(pattern: string): RegExp {
  expect(pattern.startsWith("%") && pattern.endsWith("%"), pattern).to.equal(true);
  const body = pattern.slice(1, -1);
  expect(body, `${pattern} uses only what CloudWatch regex allows`).to.match(ALLOWED);
  return new RegExp(body);
}

describe("log filter patterns (ALM-3, seed 004)", () => {
  it("app errors: lines that START with ERROR, not ERROR elsewhere in the line", () => {
    const re = matcher(APP_ERROR_PATTERN);
    expect(re.test("ERROR 2026-12-01T20:00:00Z database writer unreachable")).to.equal(true);
    expect(re.test("INFO 2026-12-01T20:00:00Z GET /search?q=ERROR 200")).to.equal(false);
    expect(re.test("WARN 2026-12-01T20:00:00Z retrying after ERROR")).to.equal(false);
    expect(re.test("error lower case is not the app's format")).to.equal(false);
  });

  it("web-server errors: Apache 2.4's [module:level] at error or worse, whatever the module", () => {
    const re = matcher(WEB_SERVER_ERROR_PATTERN);
    const line = (tag: string) =>
      `[Tue Dec 01 20:00:00.123456 2026] [${tag}] [pid 1234:tid 5678] [client 172.31.10.5:41234] AH01114: failed`;
    for (const tag of [
      "core:error",
      "proxy:error",
      "proxy_http:error",
      ":error",
      "ssl:emerg",
      "mpm_event:alert",
      "core:crit",
    ]) {
      expect(re.test(line(tag)), tag).to.equal(true);
    }
    for (const tag of ["core:warn", "mpm_event:notice", "core:info", "authz_core:debug", "core:trace1"]) {
      expect(re.test(line(tag)), tag).to.equal(false);
    }
  });

  it("boot failure: the boot log's final BOOT FAILED line only", () => {
    const re = matcher(BOOT_FAILED_PATTERN);
    expect(re.test("BOOT FAILED: shared-files")).to.equal(true);
    expect(re.test("BOOT OK")).to.equal(false);
    expect(
      re.test("cloudblocks boot: BOOT FAILED: shared-files (details in /var/log/cloudblocks-boot.log)"),
    ).to.equal(false);
    expect(re.test("2026-12-01T20:00:00Z step shared-files: failed (1)")).to.equal(false);
  });
});
