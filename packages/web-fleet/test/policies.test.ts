import { expect } from "chai";
import { policies, runPolicies } from "@cloudblocks/policies";
import { webFleetArgsFor } from "./presets";
import { build, network, TOPIC } from "./fixtures";

describe("WebFleet under every cloudblocks policy", () => {
  it("a prod fleet (webFleetArgsFor('prod')) has zero violations", async () => {
    const b = await build(webFleetArgsFor("prod", { network, alarmTopicArn: TOPIC }), "prod-web");
    const report = await runPolicies(b.env.recorder.resources, { policies });
    expect(report.violations).to.deep.equal([]);
    expect(report.checked).to.be.greaterThan(policies.length);

    // The stack-level policies really find the fleet's parts: drop one and its policy fails.
    const without = (type: string) => b.env.recorder.resources.filter((r) => r.type !== type);
    const failing = async (type: string) => [
      ...new Set((await runPolicies(without(type), { policies })).violations.map((v) => v.policy)),
    ];
    expect(await failing("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.deep.equal([
      "ssm-managed-instances",
    ]);
    expect(await failing("aws:efs/backupPolicy:BackupPolicy")).to.deep.equal(["efs-backup-enabled"]);
    expect(await failing("aws:s3/bucketPolicy:BucketPolicy")).to.deep.equal(["s3-tls-only"]);
    // Without an explicit configuration S3 encrypts with SSE-S3 by default, which ELB.5 accepts.
    expect(
      await failing("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
    ).to.deep.equal([]);
  });
});
