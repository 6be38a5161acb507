import * as aws from "./aws";
import { expect } from "chai";
import { sqsEncrypted, sqsNoPublicAccess } from "../src/rules/messaging";
import { check } from "./harness";

const messages = (report: { violations: readonly { message: string }[] }) =>
  report.violations.map((v) => v.message);
const QUEUE = "arn:aws:sqs:ap-northeast-2:123456789012:q";
const TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:t";

describe("messaging policies: SQS.1/3", () => {
  it("SQS.1 passes a KMS or SQS-managed encrypted queue and rejects a plain one", async () => {
    const report = await check(sqsEncrypted, () => {
      new aws.sqs.Queue("kms", { kmsMasterKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/1" });
      new aws.sqs.Queue("managed", { sqsManagedSseEnabled: true });
      new aws.sqs.Queue("plain", {});
    });
    expect(messages(report)).to.deep.equal([
      'queue "plain" is not encrypted at rest (neither kmsMasterKeyId nor sqsManagedSseEnabled).',
    ]);
  });

  it("SQS.3 rejects '*' without a condition and a service principal without a source condition", async () => {
    const doc = (statement: object) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: QUEUE, ...statement }],
      });
    const report = await check(sqsNoPublicAccess, () => {
      new aws.sqs.QueuePolicy("scoped", {
        queueUrl: "u",
        policy: doc({
          Sid: "Topic",
          Principal: { Service: "sns.amazonaws.com" },
          Condition: { ArnEquals: { "aws:SourceArn": TOPIC } },
        }),
      });
      new aws.sqs.QueuePolicy("public", { queueUrl: "u", policy: doc({ Sid: "Anyone", Principal: "*" }) });
      new aws.sqs.QueuePolicy("public-aws", {
        queueUrl: "u",
        policy: doc({ Sid: "AnyAws", Principal: { AWS: ["*"] } }),
      });
      new aws.sqs.QueuePolicy("deputy", {
        queueUrl: "u",
        policy: doc({ Sid: "AnySns", Principal: { Service: ["sns.amazonaws.com"] } }),
      });
    });
    expect(messages(report)).to.deep.equal([
      'queue policy "public" statement Anyone allows anyone (Principal "*", no condition).',
      'queue policy "public-aws" statement AnyAws allows anyone (Principal "*", no condition).',
      'queue policy "deputy" statement AnySns allows sns.amazonaws.com for any source (no aws:SourceArn or aws:SourceAccount condition).',
    ]);
  });
});
