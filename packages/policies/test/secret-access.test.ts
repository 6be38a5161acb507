import * as aws from "./aws";
import { expect } from "chai";
import { actionCovers, secretAccessProblems, secretReadScoped } from "../src/rules/secret-access";
import { check } from "./harness";

const SECRET = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!db-1-AbCdEf";
const KEY = "arn:aws:kms:ap-northeast-2:123456789012:key/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab";
const read = { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: SECRET };
const decrypt = {
  Effect: "Allow",
  Action: "kms:Decrypt",
  Resource: KEY,
  Condition: { StringEquals: { "kms:ViaService": "secretsmanager.ap-northeast-2.amazonaws.com" } },
};
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

describe("iam-secret-read-scoped", () => {
  it("passes one named secret and one named key decrypted through Secrets Manager", () => {
    expect(secretAccessProblems(doc(read, decrypt))).to.deep.equal([]);
    expect(
      secretAccessProblems(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })),
    ).to.deep.equal([]);
  });

  it("refuses wildcard secrets, wildcard keys and a decrypt without kms:ViaService, also through broad actions", () => {
    expect(
      secretAccessProblems(doc({ ...read, Resource: "arn:aws:secretsmanager:*:*:secret:*" })),
    ).to.deep.equal([
      "statement 0 grants secretsmanager:GetSecretValue on arn:aws:secretsmanager:*:*:secret:*; name the secret ARNs",
    ]);
    expect(secretAccessProblems(doc({ ...decrypt, Resource: "*" }))).to.deep.equal([
      "statement 0 grants kms:Decrypt on *; name the key ARNs",
    ]);
    // Decrypting without a secret read (e.g. publishing to an encrypted topic) only needs a named key.
    expect(
      secretAccessProblems(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY })),
    ).to.deep.equal([]);
    expect(
      secretAccessProblems(doc(read, { Sid: "Any", Effect: "Allow", Action: "kms:Decrypt", Resource: KEY })),
    ).to.deep.equal([
      "statement 1 (Any) grants kms:Decrypt without a StringEquals kms:ViaService condition; allow it only through the service that stores the secret",
    ]);
    expect(
      secretAccessProblems(doc({ Effect: "Allow", Action: ["secretsmanager:Get*"], Resource: "*" })),
    ).to.have.length(1);
    expect(
      secretAccessProblems(
        doc(read, {
          Effect: "Allow",
          Action: "kms:*",
          Resource: KEY,
          Condition: { StringLike: { "kms:ViaService": "*" } },
        }),
      ),
    ).to.have.length(1);
    expect(secretAccessProblems(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" }))).to.have.length(
      2,
    );
    expect(
      secretAccessProblems(doc({ ...decrypt, Effect: "Deny", Resource: "*", Condition: undefined })),
    ).to.deep.equal([]);
    expect(actionCovers("KMS:decrypt", "kms:Decrypt")).to.equal(true);
    expect(actionCovers("kms:Encrypt", "kms:Decrypt")).to.equal(false);
  });

  it("reports on a role policy as the plan records it (the policy JSON-encoded)", async () => {
    const report = await check(secretReadScoped, (provider) => {
      new aws.iam.RolePolicy("app", { role: "r", policy: JSON.stringify(doc(read, decrypt)) }, { provider });
      new aws.iam.RolePolicy(
        "wide",
        { role: "r", policy: JSON.stringify(doc({ ...read, Resource: "*" })) },
        { provider },
      );
    });
    expect(report.violations.map((v) => v.message)).to.deep.equal([
      'policy "wide": statement 0 grants secretsmanager:GetSecretValue on *; name the secret ARNs.',
    ]);
  });
});
