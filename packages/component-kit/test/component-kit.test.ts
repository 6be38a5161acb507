import { expect } from "chai";
import { z } from "zod";
import {
  ArgsValidationError,
  azSuffix,
  blockSize,
  cidrContains,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  regionOfAz,
  validateArgs,
} from "../src";

describe("component-kit validateArgs", () => {
  const schema = z.object({
    minSize: z.number().int().min(1, "allowed: an integer ≥ 1"),
    zones: z
      .array(z.string().regex(/^[a-z]{2}-[a-z]+-\d[a-z]$/, "allowed: AZ names such as ap-northeast-2a"))
      .min(2, "allowed: at least 2 AZs"),
  });

  it("returns the parsed value when the arguments are valid", () => {
    expect(
      validateArgs("Fleet", schema, { minSize: 2, zones: ["ap-northeast-2a", "ap-northeast-2c"] }).minSize,
    ).to.equal(2);
  });

  it("names the argument path, the bad value and what is allowed, for every problem at once", () => {
    try {
      validateArgs("Fleet", schema, { minSize: 0, zones: ["ap-northeast-2a", "moon-1"] });
      expect.fail("should have thrown");
    } catch (error) {
      expect(error).to.be.instanceOf(ArgsValidationError);
      const problems = (error as ArgsValidationError).problems;
      expect(problems).to.deep.equal([
        "args.minSize: got 0; allowed: an integer ≥ 1",
        'args.zones[1]: got "moon-1"; allowed: AZ names such as ap-northeast-2a',
      ]);
      expect((error as Error).message).to.contain("Fleet: invalid arguments");
    }
  });

  it("compiles no code to parse (zod's eval-built fast path costs more than it saves on one parse)", () => {
    const fresh = z.object({ minSize: z.number(), zones: z.array(z.string()) });
    const original = globalThis.Function;
    let compiled = 0;
    globalThis.Function = new Proxy(original, {
      construct: (target, args) => {
        compiled++;
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      validateArgs("Fleet", fresh, { minSize: 2, zones: ["ap-northeast-2a", "ap-northeast-2c"] });
    } finally {
      globalThis.Function = original;
    }
    expect(compiled).to.equal(0);
  });
});

describe("component-kit value formatting", () => {
  it("prints non-finite numbers as themselves, not as JSON's null", () => {
    const problems = (() => {
      try {
        validateArgs("X", z.object({ n: z.number().max(10, "allowed: up to 10") }), { n: Infinity });
      } catch (error) {
        return (error as ArgsValidationError).problems;
      }
      return [];
    })();
    expect(problems[0]).to.match(/^args\.n: got Infinity;/);
  });
});

describe("component-kit naming", () => {
  it("derives stable AZ suffixes and regions from AZ names", () => {
    expect(
      ["ap-northeast-2a", "ap-northeast-2c", "us-gov-west-1b", "us-west-2-lax-1a"].map(azSuffix),
    ).to.deep.equal(["a", "c", "b", "lax-1a"]);
    expect(regionOfAz("ap-northeast-2c")).to.equal("ap-northeast-2");
    expect(() => azSuffix("nowhere")).to.throw('not an availability zone name: "nowhere"');
  });
});

describe("component-kit cidr", () => {
  it("parses, formats and rejects malformed blocks or blocks with host bits", () => {
    expect(formatCidr(parseCidr("172.31.10.0/24")!)).to.equal("172.31.10.0/24");
    expect(parseCidr("172.31.10.5/24")).to.equal(undefined);
    expect(parseCidr("300.1.1.0/24")).to.equal(undefined);
    expect(parseCidr("10.0.0.0")).to.equal(undefined);
  });

  it("tells containment and overlap", () => {
    const vpc = parseCidr("172.31.0.0/16")!;
    expect(cidrContains(vpc, parseCidr("172.31.21.0/24")!)).to.equal(true);
    expect(cidrContains(vpc, parseCidr("172.32.0.0/24")!)).to.equal(false);
    expect(cidrsOverlap(parseCidr("172.31.10.0/23")!, parseCidr("172.31.11.0/24")!)).to.equal(true);
    expect(cidrsOverlap(parseCidr("172.31.10.0/24")!, parseCidr("172.31.11.0/24")!)).to.equal(false);
    expect(blockSize(28)).to.equal(16);
  });
});
