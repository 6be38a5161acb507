import { policies, runPolicies, type PolicyPackConfig } from "@cloudblocks/policies";
import { setupMocks, standardTestTags } from "@cloudblocks/testkit";
import * as aws from "./aws";
import { expect } from "chai";
import { MonitoredDatabase, type MonitoredDatabaseArgs } from "../src";
import { devArgs, prodArgs } from "./fixtures";

const standardTagValues = standardTestTags;

/** Builds the database under a provider with the standard defaultTags (as the stack does) and runs every policy. */
async function policyReport(args: MonitoredDatabaseArgs, config?: PolicyPackConfig) {
  const env = setupMocks();
  const provider = new aws.Provider("tagged", {
    region: "ap-northeast-2",
    defaultTags: { tags: standardTagValues },
  });
  new MonitoredDatabase("db", args, { provider });
  await env.settle();
  return runPolicies(env.recorder.resources, { policies, config });
}

/** The exceptions the dev stack needs: single AZ, no deletion protection, 1-day backups (see README). */
const devPolicyExceptions: PolicyPackConfig = {
  "rds-multi-az": "advisory",
  "rds-deletion-protection": "advisory",
  "rds-automated-backups": { backupRetentionMinimum: 1 },
};

describe("MonitoredDatabase under every cloudblocks policy", () => {
  it("a prod-like database violates none", async () => {
    const report = await policyReport(prodArgs);
    expect(report.violations).to.deep.equal([]);
    expect(report.checked).to.be.greaterThan(100);
  });

  it("a dev database violates exactly the prod-only controls RDS.5, RDS.8 and RDS.11", async () => {
    const report = await policyReport(devArgs);
    expect(report.violations.map((v) => `${v.policy}: ${v.message}`)).to.have.members([
      'rds-multi-az: DB instance "db-primary" is single-AZ (multiAz is false).',
      'rds-deletion-protection: DB instance "db-primary" has no deletion protection (deletionProtection is false).',
      'rds-automated-backups: DB instance "db-primary" keeps automated backups 1 days; at least 7 required.',
    ]);
  });

  it("a dev database is clean with the documented dev exceptions (the two advisory ones still report)", async () => {
    const report = await policyReport(devArgs, devPolicyExceptions);
    expect(report.violations.filter((v) => v.enforcement === "mandatory")).to.deep.equal([]);
    expect(report.violations.map((v) => v.policy)).to.have.members([
      "rds-multi-az",
      "rds-deletion-protection",
    ]);
  });
});
