import * as aws from "./aws";
import { expect } from "chai";
import { setupMocks } from "@cloudblocks/testkit";
import { runPolicies } from "../src";
import {
  databasePolicies,
  kmsKeyRotation,
  rdsAutoMinorVersionUpgrade,
  rdsAutomatedBackups,
  rdsCopyTagsToSnapshot,
  rdsDeletionProtection,
  rdsEnhancedMonitoring,
  rdsIamAuthentication,
  rdsInstanceEventSubscription,
  rdsLogExports,
  rdsMultiAz,
  rdsNotPublic,
  rdsStorageEncrypted,
  rdsTlsRequired,
} from "../src/rules/database";
import { check } from "./harness";

/** A DB instance that satisfies every database control; tests override one property at a time. */
const compliant: aws.rds.InstanceArgs = {
  engine: "mysql",
  engineVersion: "8.4",
  instanceClass: "db.m6g.large",
  allocatedStorage: 50,
  storageEncrypted: true,
  multiAz: true,
  publiclyAccessible: false,
  monitoringInterval: 60,
  monitoringRoleArn: "arn:aws:iam::123456789012:role/rds-monitoring",
  deletionProtection: true,
  enabledCloudwatchLogsExports: ["audit", "error", "general", "slowquery"],
  iamDatabaseAuthenticationEnabled: true,
  backupRetentionPeriod: 7,
  autoMinorVersionUpgrade: true,
  copyTagsToSnapshot: true,
  manageMasterUserPassword: true,
  username: "dbadmin",
};

const messages = (report: { violations: readonly { message: string }[] }) =>
  report.violations.map((v) => v.message);

describe("database policies", () => {
  it("are all in the pack, mandatory", () => {
    expect(databasePolicies.map((p) => p.name)).to.deep.equal([
      "rds-not-public",
      "rds-storage-encrypted",
      "rds-multi-az",
      "rds-enhanced-monitoring",
      "rds-deletion-protection",
      "rds-log-exports",
      "rds-iam-authentication",
      "rds-automated-backups",
      "rds-auto-minor-version-upgrade",
      "rds-copy-tags-to-snapshot",
      "rds-instance-event-subscription",
      "rds-tls-required",
      "kms-key-rotation",
    ]);
    for (const policy of databasePolicies) expect(policy.enforcementLevel, policy.name).to.equal("mandatory");
  });

  describe("per-instance controls", () => {
    const cases = [
      {
        policy: rdsNotPublic,
        bad: { publiclyAccessible: true },
        message: 'DB instance "bad" is publicly accessible (publiclyAccessible is true).',
      },
      {
        policy: rdsStorageEncrypted,
        bad: { storageEncrypted: false },
        message: 'DB instance "bad" does not encrypt its storage (storageEncrypted is false).',
      },
      {
        policy: rdsMultiAz,
        bad: { multiAz: false },
        message: 'DB instance "bad" is single-AZ (multiAz is false).',
      },
      {
        policy: rdsEnhancedMonitoring,
        bad: { monitoringInterval: 0 },
        message: 'DB instance "bad" has no enhanced monitoring (monitoringInterval is 0).',
      },
      {
        policy: rdsDeletionProtection,
        bad: { deletionProtection: false },
        message: 'DB instance "bad" has no deletion protection (deletionProtection is false).',
      },
      {
        policy: rdsLogExports,
        bad: { enabledCloudwatchLogsExports: ["error", "slowquery"] },
        message: 'DB instance "bad" does not export these logs to CloudWatch Logs: audit, general.',
      },
      {
        policy: rdsIamAuthentication,
        bad: { iamDatabaseAuthenticationEnabled: false },
        message: 'DB instance "bad" has IAM database authentication off.',
      },
      {
        policy: rdsAutomatedBackups,
        bad: { backupRetentionPeriod: 3 },
        message: 'DB instance "bad" keeps automated backups 3 days; at least 7 required.',
      },
      {
        policy: rdsAutoMinorVersionUpgrade,
        bad: { autoMinorVersionUpgrade: false },
        message: 'DB instance "bad" has automatic minor version upgrades off.',
      },
      {
        policy: rdsCopyTagsToSnapshot,
        bad: { copyTagsToSnapshot: false },
        message: 'DB instance "bad" does not copy tags to snapshots.',
      },
    ];
    for (const { policy, bad, message } of cases) {
      it(`${policy.name}: passes a compliant instance and names the problem of a non-compliant one`, async () => {
        const report = await check(policy, (provider) => {
          new aws.rds.Instance("good", compliant, { provider });
          new aws.rds.Instance("bad", { ...compliant, ...bad }, { provider });
        });
        expect(messages(report)).to.deep.equal([message]);
        expect(report.violations[0]!.urn).to.contain("::bad");
      });
    }

    it("rds-multi-az and rds-automated-backups leave read replicas to their source; other controls apply to them", async () => {
      const replica = {
        instanceClass: "db.m6g.large",
        // cross-region: a same-region replica must not send kmsKeyId (the testkit refuses it as RDS does)
        replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:db-primary",
        multiAz: false,
        kmsKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/k",
      };
      for (const policy of [rdsMultiAz, rdsAutomatedBackups, rdsStorageEncrypted]) {
        const report = await check(
          policy,
          (provider) => new aws.rds.Instance("replica", replica, { provider }),
        );
        expect(messages(report), policy.name).to.deep.equal([]);
      }
      const report = await check(
        rdsCopyTagsToSnapshot,
        (provider) => new aws.rds.Instance("replica", replica, { provider }),
      );
      expect(messages(report)).to.deep.equal(['DB instance "replica" does not copy tags to snapshots.']);
    });

    it("rds-automated-backups takes the minimum and replica checking from policy-pack config", async () => {
      const env = setupMocks();
      new aws.rds.Instance("short", { ...compliant, backupRetentionPeriod: 1 });
      new aws.rds.Instance("replica", { instanceClass: "db.m6g.large", replicateSourceDb: "short" });
      await env.settle();
      const relaxed = await runPolicies(env.recorder.resources, {
        policies: [rdsAutomatedBackups],
        config: { "rds-automated-backups": { backupRetentionMinimum: 1 } },
      });
      expect(messages(relaxed)).to.deep.equal([]);
      const strict = await runPolicies(env.recorder.resources, {
        policies: [rdsAutomatedBackups],
        config: { "rds-automated-backups": { checkReadReplicas: true } },
      });
      expect(messages(strict)).to.have.members([
        'DB instance "short" keeps automated backups 1 days; at least 7 required.',
        'DB instance "replica" keeps automated backups unset days; at least 7 required.',
      ]);
    });

    it("rds-deletion-protection and rds-storage-encrypted also cover clusters (RDS.7)", async () => {
      const report = await check(rdsDeletionProtection, (provider) => {
        new aws.rds.Cluster(
          "kept",
          { engine: "aurora-mysql", deletionProtection: true, storageEncrypted: true },
          { provider },
        );
        new aws.rds.Cluster("loose", { engine: "aurora-mysql" }, { provider });
      });
      expect(messages(report)).to.deep.equal([
        'DB cluster "loose" has no deletion protection (deletionProtection is unset).',
      ]);
      const encryption = await check(
        rdsStorageEncrypted,
        (provider) => new aws.rds.Cluster("loose", { engine: "aurora-mysql" }, { provider }),
      );
      expect(messages(encryption)).to.deep.equal([
        'DB cluster "loose" does not encrypt its storage (storageEncrypted is unset).',
      ]);
    });
  });

  describe("rds-instance-event-subscription (RDS.20)", () => {
    it("passes when a db-instance subscription with the critical categories covers every instance", async () => {
      const report = await check(rdsInstanceEventSubscription, (provider) => {
        const db = new aws.rds.Instance("db", compliant, { provider });
        new aws.rds.EventSubscription(
          "events",
          {
            snsTopic: "arn:aws:sns:ap-northeast-2:123456789012:alarms",
            sourceType: "db-instance",
            sourceIds: [db.identifier],
            eventCategories: ["maintenance", "configuration change", "failure", "failover"],
          },
          { provider },
        );
      });
      expect(messages(report)).to.deep.equal([]);
    });

    it("flags an instance with no subscription, one missing categories, or one that lists other instances", async () => {
      const none = await check(
        rdsInstanceEventSubscription,
        (provider) => new aws.rds.Instance("db", compliant, { provider }),
      );
      expect(messages(none)).to.deep.equal([
        'DB instance "db" is in no enabled db-instance event subscription with the categories maintenance, configuration change, failure.',
      ]);
      const partial = await check(rdsInstanceEventSubscription, (provider) => {
        new aws.rds.Instance("db", compliant, { provider });
        new aws.rds.EventSubscription(
          "events",
          {
            snsTopic: "arn:aws:sns:ap-northeast-2:123456789012:alarms",
            sourceType: "db-instance",
            eventCategories: ["failure"],
          },
          { provider },
        );
        new aws.rds.EventSubscription(
          "other",
          {
            snsTopic: "arn:aws:sns:ap-northeast-2:123456789012:alarms",
            sourceType: "db-instance",
            sourceIds: ["someone-else"],
          },
          { provider },
        );
      });
      expect(messages(partial)).to.have.length(1);
      expect(partial.violations[0]!.urn).to.contain("::db");
    });
  });

  describe("rds-tls-required (RDS.39)", () => {
    const group = (name: string, secure: string, provider: aws.Provider) =>
      new aws.rds.ParameterGroup(
        name,
        { family: "mysql8.4", parameters: [{ name: "require_secure_transport", value: secure }] },
        { provider },
      );

    it("passes an instance whose parameter group requires secure transport", async () => {
      const report = await check(rdsTlsRequired, (provider) => {
        const pg = group("tls", "1", provider);
        new aws.rds.Instance("db", { ...compliant, parameterGroupName: pg.name }, { provider });
      });
      expect(messages(report)).to.deep.equal([]);
    });

    it("flags the default group, a group without the setting, and a group it cannot see", async () => {
      const report = await check(rdsTlsRequired, (provider) => {
        const pg = group("plain", "0", provider);
        new aws.rds.Instance("defaulted", compliant, { provider });
        new aws.rds.Instance("plain-db", { ...compliant, parameterGroupName: pg.name }, { provider });
        new aws.rds.Instance(
          "elsewhere",
          { ...compliant, parameterGroupName: "shared-params" },
          { provider },
        );
      });
      expect(messages(report)).to.have.members([
        'DB instance "defaulted" uses the engine\'s default parameter group, where require_secure_transport is off.',
        'DB instance "plain-db" uses parameter group "plain" where require_secure_transport is 0; it must be 1.',
        'DB instance "elsewhere" uses parameter group "shared-params", which is not defined in this stack, so require_secure_transport cannot be verified.',
      ]);
    });
  });

  describe("kms-key-rotation (KMS.4)", () => {
    it("requires rotation on symmetric keys and skips asymmetric ones", async () => {
      const report = await check(kmsKeyRotation, (provider) => {
        new aws.kms.Key("rotating", { enableKeyRotation: true }, { provider });
        new aws.kms.Key("static", {}, { provider });
        new aws.kms.Key(
          "signing",
          { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
          { provider },
        );
      });
      expect(messages(report)).to.deep.equal([
        'KMS key "static" does not rotate its key material (enableKeyRotation is unset).',
      ]);
    });
  });
});
