import * as aws from "./aws";
import { expect } from "chai";
import { configRecordsAll } from "../src/rules/config";
import { check } from "./harness";

const SLR = "arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";

describe("config policies: Config.1", () => {
  it("passes a recorder of all supported and global types with the service-linked role", async () => {
    const report = await check(
      configRecordsAll,
      () =>
        new aws.cfg.Recorder("all", {
          roleArn: SLR,
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        }),
    );
    expect(report.violations).to.deep.equal([]);
  });

  it("names each gap of a partial recorder with its own role", async () => {
    const report = await check(
      configRecordsAll,
      () =>
        new aws.cfg.Recorder("partial", {
          roleArn: "arn:aws:iam::123456789012:role/my-config-role",
          recordingGroup: { allSupported: false, resourceTypes: ["AWS::EC2::Instance"] },
        }),
    );
    expect(report.violations.map((v) => v.message)).to.deep.equal([
      'Config recorder "partial" does not record all supported resource types.',
      'Config recorder "partial" leaves out global resource types (IAM).',
      'Config recorder "partial" uses arn:aws:iam::123456789012:role/my-config-role, not Config\'s service-linked role.',
    ]);
  });
});
