import { expect } from "chai";
import { ArgsValidationError } from "@cloudblocks/component-kit";
import { policies, runPolicies } from "@cloudblocks/policies";
import { setupMocks, taggedProvider } from "@cloudblocks/testkit";
import { MonitoredDatabase, type MonitoredDatabaseArgs } from "../src";
import { ALARM_TOPIC, APP_SG, network } from "./fixtures";
import { build, outputOf, T } from "./helpers";

const CLUSTER = "aws:rds/cluster:Cluster";
const MEMBER = "aws:rds/clusterInstance:ClusterInstance";
const CLUSTER_PARAMS = "aws:rds/clusterParameterGroup:ClusterParameterGroup";

const auroraArgs: MonitoredDatabaseArgs = {
  engine: "aurora-mysql",
  network,
  allowedSecurityGroups: { app: APP_SG },
  alarmTopicArn: ALARM_TOPIC,
  backupRetentionDays: 7,
  deletionProtection: true,
  protect: true,
  databaseName: "django_db",
};

describe("MonitoredDatabase with engine aurora-mysql (DB-8)", () => {
  it("builds an Aurora MySQL 3 cluster: writer in the first AZ, a reader in the other, promotion tiers 0 and 1", async () => {
    const { env } = await build(auroraArgs);
    const cluster = env.recorder.one(CLUSTER).inputs;
    expect(cluster).to.include({
      clusterIdentifier: "prod-db-cluster",
      engine: "aurora-mysql",
      engineVersion: "8.0.mysql_aurora.3.10.1",
      manageMasterUserPassword: true,
      storageEncrypted: true,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: 7,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      databaseName: "django_db",
    });
    expect(cluster["kmsKeyId"]).to.equal(env.recorder.one(T.kmsKey).outputs["arn"]);
    expect(cluster["masterUserSecretKmsKeyId"]).to.equal(cluster["kmsKeyId"]);
    expect(cluster["masterPassword"]).to.equal(undefined);
    expect(cluster["finalSnapshotIdentifier"]).to.match(/^prod-db-[a-z]+-final-[0-9a-f]{8}$/);
    expect(cluster["enabledCloudwatchLogsExports"]).to.deep.equal(["audit", "error", "general", "slowquery"]);
    expect(env.recorder.one(CLUSTER).options.protect).to.equal(true);

    const members = env.recorder.ofType(MEMBER).map((m) => m.inputs);
    expect(
      members.map((m) => [m["identifier"], m["availabilityZone"], m["promotionTier"], m["instanceClass"]]),
    ).to.deep.equal([
      ["prod-db-writer", "ap-northeast-2a", 0, "db.r6g.large"],
      ["prod-db-reader-c", "ap-northeast-2c", 1, "db.r6g.large"],
    ]);
    for (const m of members) {
      expect(m).to.include({
        publiclyAccessible: false,
        performanceInsightsEnabled: true,
        monitoringInterval: 60,
      });
      expect(m["clusterIdentifier"]).to.equal(env.recorder.one(CLUSTER).outputs["id"]);
    }
    expect(env.recorder.ofType(T.instance)).to.deep.equal([]); // no RDS for MySQL instance in this mode
    expect(env.recorder.ofType(T.optionGroup)).to.deep.equal([]);
  });

  it("sets the seed's utf8mb4 settings and TLS on the cluster parameter group, logs to FILE on the instances'", async () => {
    const { env } = await build(auroraArgs);
    const cluster = env.recorder.one(CLUSTER_PARAMS).inputs;
    expect(cluster["family"]).to.equal("aurora-mysql8.0");
    const values = Object.fromEntries(
      (cluster["parameters"] as { name: string; value: string }[]).map((p) => [p.name, p.value]),
    );
    expect(values).to.include({
      character_set_server: "utf8mb4",
      collation_connection: "utf8mb4_general_ci",
      collation_server: "utf8mb4_unicode_ci",
      require_secure_transport: "ON",
      server_audit_logging: "1",
    });
    const instance = env.recorder.one(T.parameterGroup).inputs;
    expect(instance["family"]).to.equal("aurora-mysql8.0");
    expect((instance["parameters"] as { name: string }[]).map((p) => p.name)).to.include.members([
      "slow_query_log",
      "log_output",
    ]);
    const groups = env.recorder
      .ofType("aws:cloudwatch/logGroup:LogGroup")
      .map((g) => [g.inputs["name"], g.inputs["retentionInDays"]]);
    expect(groups).to.deep.equal(
      ["audit", "error", "general", "slowquery"].map((log) => [
        `/aws/rds/cluster/prod-db-cluster/${log}`,
        365,
      ]),
    );
  });

  it("has the same outputs as the RDS mode: writer and reader endpoints, secret ARN, security group", async () => {
    const { env, db } = await build(auroraArgs);
    const cluster = env.recorder.one(CLUSTER).outputs;
    expect(await outputOf(db.endpoint)).to.equal(`${String(cluster["endpoint"])}:3306`);
    expect(await outputOf(db.readerEndpoints)).to.deep.equal([`${String(cluster["readerEndpoint"])}:3306`]);
    expect(await outputOf(db.masterUserSecretArn)).to.match(
      /^arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!cluster-/,
    );
    expect(await outputOf(db.securityGroupId)).to.equal(env.recorder.one(T.securityGroup).outputs["id"]);
    expect(db.metrics.map((m) => m.id)).to.include.members([
      "db.cpu",
      "db.volume",
      "db.deadlocks",
      "db.replicaLag.c",
    ]);
  });

  it("alarms on CPU, freeable memory, connections, deadlocks, volume growth and each reader's AuroraReplicaLag, to the topic", async () => {
    const { env } = await build(auroraArgs);
    const alarms = env.recorder.ofType(T.alarm);
    const byName = Object.fromEntries(alarms.map((a) => [a.name.replace("prod-db-alarm-", ""), a.inputs]));
    expect(Object.keys(byName).sort()).to.deep.equal([
      "connections",
      "cpu",
      "deadlocks",
      "freeable-memory",
      "replica-lag-c",
      "volume",
    ]);
    expect(byName["replica-lag-c"]).to.include({
      metricName: "AuroraReplicaLag",
      threshold: 60000,
      treatMissingData: "breaching",
    });
    expect(byName["volume"]).to.include({ metricName: "VolumeBytesUsed", threshold: 500 * 1024 ** 3 });
    expect(byName["deadlocks"]!["dimensions"]).to.deep.equal({
      DBClusterIdentifier: env.recorder.one(CLUSTER).outputs["id"],
    });
    expect(alarms.every((a) => (a.inputs["alarmActions"] as string[])[0] === ALARM_TOPIC)).to.equal(true);
    const subscriptions = env.recorder.ofType(T.eventSubscription).map((s) => s.inputs["sourceType"]);
    expect(subscriptions).to.have.members(["db-cluster", "db-instance"]);
  });

  it("passes every policy of the pack, and the cluster policies see a single-AZ cluster and missing exports", async () => {
    const env = setupMocks();
    new MonitoredDatabase("prod-db", auroraArgs, { provider: taggedProvider() }); // the stack's standard tags
    await env.settle();
    const report = await runPolicies(env.recorder.resources, { policies });
    expect(report.violations.map((v) => `${v.policy}: ${v.message}`)).to.deep.equal([]);

    const withoutReader = env.recorder.resources.filter((r) => r.name !== "prod-db-reader-c");
    const broken = withoutReader.map((r) =>
      r.type === CLUSTER
        ? { ...r, inputs: { ...r.inputs, enabledCloudwatchLogsExports: ["error"], backupRetentionPeriod: 1 } }
        : r,
    );
    const failing = await runPolicies(broken, { policies });
    expect([...new Set(failing.violations.map((v) => v.policy))].sort()).to.deep.equal([
      "aurora-automated-backups",
      "aurora-log-exports",
      "aurora-multi-az",
    ]);
  });

  it("refuses RDS-only arguments with Aurora, readerCount without it, and what Aurora does not run — before anything exists", async () => {
    const problems = async (args: Partial<MonitoredDatabaseArgs>) => {
      const env = setupMocks();
      try {
        new MonitoredDatabase("prod-db", { ...auroraArgs, ...args } as MonitoredDatabaseArgs);
      } catch (error) {
        await env.settle();
        expect(env.recorder.resources).to.deep.equal([]);
        return (error as ArgsValidationError).problems;
      }
      throw new Error("accepted");
    };
    expect(await problems({ allocatedStorageGiB: 100, readReplicaCount: 1 })).to.deep.equal([
      'args.allocatedStorageGiB: got 100; allowed only with engine "mysql" (Aurora storage grows by itself)',
      'args.readReplicaCount: got 1; allowed only with engine "mysql" (Aurora readers are readerCount)',
    ]);
    expect(await problems({ instanceClass: "db.t4g.micro" })).to.deep.equal([
      'args.instanceClass: got "db.t4g.micro"; allowed: an Aurora MySQL class: db.r5/r6g/r6i/r7g/r7i/r8g/x2g (large and up), or db.t3/t4g medium or large',
    ]);
    expect((await problems({ engineVersion: "8.4" }))[0]).to.match(
      /^args\.engineVersion: got "8\.4"; allowed: an Aurora MySQL 3 version: 8\.0\.mysql_aurora\.3\.04\.0/,
    );
    expect(
      await problems({ engine: "mysql", readerCount: 2 } as Partial<MonitoredDatabaseArgs>),
    ).to.deep.equal([
      'args.readerCount: got 2; allowed only with engine "aurora-mysql" (RDS for MySQL read replicas are readReplicaCount or readReplicas)',
    ]);
    expect(await problems({ readerCount: 0 })).to.deep.equal([
      "args.readerCount: got 0; allowed: an integer 1 to 15 (a reader in another AZ is what Aurora fails over to)",
    ]);
  });
});
