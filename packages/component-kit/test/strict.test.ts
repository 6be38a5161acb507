import { expect } from "chai";
import { z } from "zod";
import {
  argsObject,
  ArgsValidationError,
  isSecretLikeKey,
  looksLikeSecretValue,
  nearestKey,
  rejectArg,
  strippingObjectPaths,
  validateArgs,
} from "../src";

function problems(schema: z.ZodType, args: unknown): readonly string[] {
  try {
    validateArgs("C", schema, args);
  } catch (error) {
    expect(error).to.be.instanceOf(ArgsValidationError);
    return (error as ArgsValidationError).problems;
  }
  throw new Error("expected a refusal");
}

describe("component-kit strict arguments (argsObject)", () => {
  const schema = argsObject({
    emailAddresses: z.array(z.string()).optional(),
    retention: argsObject({ days: z.number().optional() }).optional(),
    flag: z.boolean().optional(),
    mode: z.enum(["a", "b"]).optional(),
    count: z.number().int().min(2).optional(),
    name: z.string().max(3).optional(),
  });

  it("refuses each unknown key with the allowed keys and the nearest one", () => {
    expect(problems(schema, { emailAdresses: ["x@y.z"], zzz: 1, retention: { dais: 3 } })).to.deep.equal([
      "args.retention.dais: got 3; allowed: a known key — did you mean days? (keys: days)",
      'args.emailAdresses: got ["x@y.z"]; allowed: a known key — did you mean emailAddresses? (keys: emailAddresses, retention, flag, mode, count, name)',
      "args.zzz: got 1; allowed: a known key (keys: emailAddresses, retention, flag, mode, count, name)",
    ]);
  });

  it("says what a type allows instead of zod's raw text", () => {
    expect(problems(schema, { flag: "true", mode: "c", count: 1.5, name: "long" })).to.deep.equal([
      'args.flag: got "true"; allowed: true or false',
      'args.mode: got "c"; allowed: "a", "b"',
      "args.count: got 1.5; allowed: an integer",
      'args.name: got "long"; allowed: at most 3 characters',
    ]);
    expect(problems(schema, "x")).to.deep.equal(['args: got "x"; allowed: a map of keys and values']);
    for (const p of problems(schema, { flag: 1, count: 1, emailAddresses: "a" }))
      expect(p).not.to.match(/Invalid input|expected .* received/);
  });

  it("never echoes a secret: values under secret-like keys and credential-looking values are [secret]", () => {
    expect(
      problems(schema, { dbPassword: "hunter2", name: "https://hooks.slack.com/services/T0/B0/xyz" }),
    ).to.deep.equal([
      "args.name: got [secret]; allowed: at most 3 characters",
      "args.dbPassword: got [secret]; allowed: a known key (keys: emailAddresses, retention, flag, mode, count, name)",
    ]);
    expect(
      problems(schema, { retention: { privateKey: "-----BEGIN RSA PRIVATE KEY-----\nabc" } })[0],
    ).to.contain("got [secret]");
    expect(() => rejectArg("C", "args.webhookUrl", "https://example.com/x", "allowed: nothing")).to.throw(
      "args.webhookUrl: got [secret]; allowed: nothing",
    );
  });

  it("redacts a credential quoted inside any message, whatever rule wrote it", () => {
    const error = new ArgsValidationError("C", [
      'args.domainName: got "a.link"; allowed: a name inside the hosted zone https://hooks.slack.com/services/T/B/x',
    ]);
    expect(error.problems).to.deep.equal([
      'args.domainName: got "a.link"; allowed: a name inside the hosted zone [secret]',
    ]);
    expect(error.message).not.to.contain("hooks.slack.com");
  });

  it("tells secret-like keys from references to secrets", () => {
    for (const key of [
      "password",
      "masterPassword",
      "dbPassword",
      "apiToken",
      "webhookUrl",
      "privateKey",
      "clientSecret",
      "api_key",
    ])
      expect(isSecretLikeKey(key), key).to.equal(true);
    for (const key of [
      "webhookSecretArn",
      "webhookSecretKmsKeyArn",
      "masterUserSecretArn",
      "keyName",
      "tokenParameterName",
      "emailAddresses",
      "owner",
    ])
      expect(isSecretLikeKey(key), key).to.equal(false);
    expect(looksLikeSecretValue("https://hooks.slack.com/services/T/B/C")).to.equal(true);
    expect(looksLikeSecretValue("https://user:pw@example.com/")).to.equal(true);
    expect(looksLikeSecretValue("arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:hook")).to.equal(
      false,
    );
  });

  it("suggests the nearest key only when it is close", () => {
    expect(nearestKey("emailAdresses", ["emailAddresses", "owner"])).to.equal("emailAddresses");
    expect(nearestKey("deletionProtecton", ["deletionProtection"])).to.equal("deletionProtection");
    expect(nearestKey("minSzie", ["minSize", "maxSize"])).to.equal("minSize");
    expect(nearestKey("completelyDifferent", ["minSize", "maxSize"])).to.equal(undefined);
  });

  it("finds every object that would silently drop an unknown key", () => {
    const loose = argsObject({
      a: z.object({ b: z.string() }).optional(),
      c: z.array(z.object({ d: z.string() })),
      e: z.looseObject({ f: z.string() }), // deliberate: a structural contract
      g: z.record(z.string(), argsObject({ h: z.string() })),
    });
    expect(strippingObjectPaths(loose)).to.deep.equal(["args.a", "args.c[]"]);
  });
});
