import { expect } from "chai";
import { setupMocks } from "@cloudblocks/testkit";
import { MonitoredDatabase, UTF8MB4_PARAMETERS } from "../src";
import { ALARM_TOPIC, APP_SG, BASTION_SG, devArgs, network, prodArgs } from "./fixtures";
import { alarm, build, outputOf, passwordLikeValues, T, type Built } from "./helpers";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

describe("MonitoredDatabase (prod configuration)", () => {
  // One construction serves every read-only assertion on the prod configuration (keeps the suite fast).
  let prod: Built;
  before(async () => {
    prod = await build(prodArgs);
  });

  it("is a component with the cloudblocks type token whose children all have it as parent", async () => {
    const { env } = prod;
    const component = env.recorder.one("cloudblocks:index:MonitoredDatabase", "prod-db");
    const children = env.recorder.resources.filter((r) => r.custom);
    expect(children.length).to.be.greaterThan(10);
    for (const child of children) expect(child.parent, child.name).to.equal(component.urn);
    expect(env.recorder.unmodelledTypes).to.deep.equal([]);
  });

  it("DB-1: runs RDS MySQL 8 on encrypted, autoscaling gp3 storage, Multi-AZ, private, with IAM auth and minor upgrades", async () => {
    const { env } = prod;
    const primary = env.recorder.one(T.instance, "prod-db-primary").inputs;
    const key = env.recorder.one(T.kmsKey);
    expect(primary).to.include({
      engine: "mysql",
      engineVersion: "8.4",
      instanceClass: "db.m6g.large",
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: key.outputs["arn"],
      allocatedStorage: 100,
      maxAllocatedStorage: 500,
      multiAz: true,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      copyTagsToSnapshot: true,
      port: 3306,
      dbName: "django_db",
    });
    expect(primary["availabilityZone"], "RDS places a Multi-AZ primary itself").to.equal(undefined);
    expect(key.inputs).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
  });

  it("DB-1: puts the DB subnet group over the data subnets of every AZ", async () => {
    const { env } = prod;
    const subnets = env.recorder.one(T.subnetGroup, "prod-db-subnets");
    expect(subnets.inputs["subnetIds"]).to.deep.equal(network.dataSubnetIds);
    expect(env.recorder.one(T.instance, "prod-db-primary").inputs["dbSubnetGroupName"]).to.equal(
      subnets.outputs["name"],
    );
  });

  it("DB-3 / RDS.39 / RDS.9: parameter group with the seed's utf8mb4 settings, TLS only and logs to FILE", async () => {
    const { env } = prod;
    const group = env.recorder.one(T.parameterGroup, "prod-db-params");
    const parameters = Object.fromEntries(
      (group.inputs["parameters"] as { name: string; value: string }[]).map((p) => [p.name, p.value]),
    );
    expect(group.inputs["family"]).to.equal("mysql8.4");
    expect(parameters).to.include({
      character_set_client: "utf8mb4",
      character_set_connection: "utf8mb4",
      character_set_database: "utf8mb4",
      character_set_results: "utf8mb4",
      character_set_server: "utf8mb4",
      collation_connection: "utf8mb4_general_ci",
      collation_server: "utf8mb4_unicode_ci",
      require_secure_transport: "1",
      slow_query_log: "1",
      general_log: "1",
      log_output: "FILE",
    });
    expect(Object.keys(UTF8MB4_PARAMETERS)).to.have.length(7);
    expect(env.recorder.one(T.instance, "prod-db-primary").inputs["parameterGroupName"]).to.equal(
      group.outputs["name"],
    );
  });

  it("replaces parameter and option groups create-before-delete under generated names, so a change never meets 'still in use'", async () => {
    const { env } = await build({ ...prodArgs, engineVersion: "8.0.44" });
    for (const type of [T.parameterGroup, T.optionGroup]) {
      const group = env.recorder.one(type);
      expect(group.inputs["name"], type).to.equal(undefined);
      expect(group.options.deleteBeforeReplace, type).to.equal(false);
    }
    expect(env.recorder.one(T.parameterGroup).inputs["family"]).to.equal("mysql8.0");
    expect(env.recorder.one(T.optionGroup).inputs["majorEngineVersion"]).to.equal("8.0");
    expect(env.recorder.one(T.instance, "prod-db-primary").inputs["engineVersion"]).to.equal("8.0.44");
  });

  it("CloudWatch.16: creates each exported log's group with a retention before RDS would create it without one", async () => {
    const { env } = prod;
    for (const instance of env.recorder.ofType(T.instance)) {
      const identifier = instance.inputs["identifier"] as string;
      expect(identifier).to.equal(instance.name); // explicit identifiers: prod-db-primary, prod-db-replica-c
      const groups = env.recorder
        .ofType("aws:cloudwatch/logGroup:LogGroup")
        .filter((g) => String(g.inputs["name"]).startsWith(`/aws/rds/instance/${identifier}/`));
      expect(groups.map((g) => [g.inputs["name"], g.inputs["retentionInDays"]])).to.deep.equal(
        ["audit", "error", "general", "slowquery"].map((log) => [
          `/aws/rds/instance/${identifier}/${log}`,
          365,
        ]),
      );
      expect(instance.options.dependsOn, instance.name).to.include.members(groups.map((g) => g.urn));
    }
  });

  it("keeps half an hour between the daily backup window and the weekly maintenance window", () => {
    const primary = prod.env.recorder.one(T.instance, "prod-db-primary");
    expect(primary.inputs).to.include({
      backupWindow: "17:00-18:00",
      maintenanceWindow: "sun:18:30-sun:19:30",
    });
  });

  it("RDS.9: audit plugin option group and the four MySQL log exports", async () => {
    const { env } = prod;
    const options = env.recorder.one(T.optionGroup, "prod-db-options");
    expect(options.inputs).to.include({ engineName: "mysql", majorEngineVersion: "8.4" });
    const option = (
      options.inputs["options"] as { optionName: string; optionSettings: { name: string; value: string }[] }[]
    )[0]!;
    expect(option.optionName).to.equal("MARIADB_AUDIT_PLUGIN");
    expect(option.optionSettings).to.deep.include({
      name: "SERVER_AUDIT_EVENTS",
      value: "CONNECT,QUERY_DDL,QUERY_DCL",
    });
    for (const instance of env.recorder.ofType(T.instance)) {
      expect(instance.inputs["enabledCloudwatchLogsExports"], instance.name).to.deep.equal([
        "audit",
        "error",
        "general",
        "slowquery",
      ]);
      expect(instance.inputs["optionGroupName"], instance.name).to.equal(options.outputs["name"]);
    }
  });

  it("DB-4: 3306 only from the trusted security groups, one rule per stable key, no CIDR rules", async () => {
    const { env } = prod;
    const sg = env.recorder.one(T.securityGroup, "prod-db-sg");
    expect(sg.inputs["vpcId"]).to.equal(network.vpcId);
    expect(sg.inputs["ingress"] ?? []).to.deep.equal([]);
    const rules = env.recorder.ofType(T.ingressRule);
    expect(rules.map((r) => r.name)).to.have.members(["prod-db-from-app", "prod-db-from-bastion"]);
    for (const rule of rules) {
      expect(rule.inputs).to.include({
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: 3306,
        toPort: 3306,
      });
      expect(rule.inputs["cidrIpv4"]).to.equal(undefined);
    }
    expect(rules.map((r) => r.inputs["referencedSecurityGroupId"])).to.have.members([APP_SG, BASTION_SG]);
    for (const instance of env.recorder.ofType(T.instance))
      expect(instance.inputs["vpcSecurityGroupIds"]).to.deep.equal([sg.id]);
  });

  it("DB-4: adds a CIDR rule only when asked", async () => {
    const { env } = await build({ ...prodArgs, allowedCidrBlocks: { vpn: "10.8.0.0/16" } });
    expect(env.recorder.one(T.ingressRule, "prod-db-from-cidr-vpn").inputs).to.include({
      cidrIpv4: "10.8.0.0/16",
      fromPort: 3306,
    });
  });

  it("DB-5: the master password is managed by RDS; its secret ARN is an output and no password appears anywhere", async () => {
    const { env, db } = prod;
    const primary = env.recorder.one(T.instance, "prod-db-primary");
    expect(primary.inputs).to.include({
      manageMasterUserPassword: true,
      username: "dbadmin",
      masterUserSecretKmsKeyId: env.recorder.one(T.kmsKey).outputs["arn"],
    });
    for (const resource of env.recorder.resources) {
      expect(passwordLikeValues(resource.inputs), `${resource.name} inputs`).to.deep.equal([]);
      expect(passwordLikeValues(resource.outputs), `${resource.name} outputs`).to.deep.equal([]);
      expect(resource.inputs).not.to.have.any.keys("password", "passwordWo");
    }
    const secretArn = await outputOf(db.masterUserSecretArn);
    expect(secretArn).to.match(/^arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!db-/);
    const outputs = await outputOf({
      endpoint: db.endpoint,
      readers: db.readerEndpoints,
      secretArn: db.masterUserSecretArn,
      user: db.masterUsername,
      ids: db.instanceIdentifiers,
      alarms: db.alarmArns,
    });
    expect(passwordLikeValues(outputs)).to.deep.equal([]);
    expect(JSON.stringify(outputs)).not.to.match(/password/i);
  });

  it("connection: the DatabaseRef a fleet takes names the writer, each replica, the port, the master secret and its key", async () => {
    const { env, db } = prod;
    const primary = env.recorder.one(T.instance, "prod-db-primary");
    const replica = env.recorder.one(T.instance, "prod-db-replica-c");
    const ref = await outputOf({ ...db.connection });
    expect(ref).to.deep.equal({
      writerHost: primary.outputs["address"],
      readerHosts: [replica.outputs["address"]],
      port: 3306,
      secretArn: await outputOf(db.masterUserSecretArn),
      kmsKeyArn: env.recorder.one(T.kmsKey).outputs["arn"],
    });
    expect(ref.writerHost).to.be.a("string").and.not.equal(ref.readerHosts[0]);
  });

  it("DB-6: 7-day backups, deletion protection, a unique final snapshot, retained automated backups and Pulumi protect", async () => {
    const { env } = prod;
    const primary = env.recorder.one(T.instance, "prod-db-primary");
    expect(primary.inputs).to.include({
      backupRetentionPeriod: 7,
      deletionProtection: true,
      skipFinalSnapshot: false,
      deleteAutomatedBackups: false,
    });
    expect(primary.inputs["finalSnapshotIdentifier"]).to.match(/^prod-db-test-final-[0-9a-f]{8}$/);
    expect(primary.options.protect).to.equal(true);
    expect(env.recorder.one(T.kmsKey).options.protect, "losing the key loses the data").to.equal(true);
    // A different storage key (i.e. a new database under the same name) gets a different snapshot id.
    const other = await build({
      ...prodArgs,
      kmsKeyArn: "arn:aws:kms:ap-northeast-2:123456789012:key/other",
    });
    const otherId = other.env.recorder.one(T.instance, "prod-db-primary").inputs["finalSnapshotIdentifier"];
    expect(otherId)
      .to.match(/^prod-db-test-final-[0-9a-f]{8}$/)
      .and.not.equal(primary.inputs["finalSnapshotIdentifier"]);
  });

  it("DB-2: one read replica in the AZ other than the primary's, with the same encryption, monitoring and protections", async () => {
    const { env, db } = prod;
    const primary = env.recorder.one(T.instance, "prod-db-primary");
    const replica = env.recorder.one(T.instance, "prod-db-replica-c");
    expect(replica.inputs).to.include({
      replicateSourceDb: primary.outputs["identifier"],
      availabilityZone: "ap-northeast-2c",
      instanceClass: "db.m6g.large",
      storageType: "gp3",
      storageEncrypted: true,
      multiAz: false,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: true,
      monitoringInterval: 60,
      monitoringRoleArn: primary.inputs["monitoringRoleArn"],
      performanceInsightsEnabled: true,
      parameterGroupName: primary.inputs["parameterGroupName"],
    });
    expect(replica.inputs, "a same-region replica inherits the primary's key").not.to.have.any.keys(
      "kmsKeyId",
      "username",
      "manageMasterUserPassword",
      "backupRetentionPeriod",
      "finalSnapshotIdentifier",
    );
    expect(replica.options.protect, "replicas stay removable").to.equal(false);
    expect(await outputOf(db.readerEndpoints)).to.deep.equal([replica.outputs["endpoint"]]);
    expect(await outputOf(db.readerAddresses)).to.deep.equal([replica.outputs["address"]]);
    expect(await outputOf(db.replicaIdentifiers)).to.deep.equal({ c: replica.outputs["identifier"] });
    expect(await outputOf(db.instanceIdentifiers)).to.deep.equal([
      primary.outputs["identifier"],
      replica.outputs["identifier"],
    ]);
  });

  it("DB-2: names replicas by stable key, so removing one renames no other", async () => {
    const two = await build({ ...prodArgs, readReplicaCount: 2 });
    expect(two.env.recorder.ofType(T.instance).map((r) => r.name)).to.deep.equal([
      "prod-db-primary",
      "prod-db-replica-c",
      "prod-db-replica-c2",
    ]);
    const explicit = await build({
      ...prodArgs,
      readReplicaCount: undefined,
      readReplicas: [
        { availabilityZone: "ap-northeast-2c", key: "reporting", instanceClass: "db.r6g.large" },
        { availabilityZone: "ap-northeast-2a" },
      ],
    });
    expect(explicit.env.recorder.ofType(T.instance).map((r) => r.name)).to.deep.equal([
      "prod-db-primary",
      "prod-db-replica-reporting",
      "prod-db-replica-a",
    ]);
    expect(
      explicit.env.recorder.one(T.instance, "prod-db-replica-reporting").inputs["instanceClass"],
    ).to.equal("db.r6g.large");
    const fewer = await build({
      ...prodArgs,
      readReplicaCount: undefined,
      readReplicas: [{ availabilityZone: "ap-northeast-2a" }],
    });
    expect(fewer.env.recorder.ofType(T.instance).map((r) => r.name)).to.deep.equal([
      "prod-db-primary",
      "prod-db-replica-a",
    ]);
  });

  it("DB-7: enhanced monitoring with a role only RDS monitoring can assume, and Performance Insights on a class that supports it", async () => {
    const { env } = prod;
    const role = env.recorder.one(T.role, "prod-db-monitoring-role");
    const trust = JSON.parse(role.inputs["assumeRolePolicy"] as string) as {
      Statement: { Principal: { Service: string }; Condition: unknown }[];
    };
    expect(trust.Statement[0]!.Principal.Service).to.equal("monitoring.rds.amazonaws.com");
    expect(trust.Statement[0]!.Condition).to.deep.equal({
      StringEquals: { "aws:SourceAccount": "123456789012" },
    });
    expect(env.recorder.one(T.rolePolicyAttachment).inputs["policyArn"]).to.equal(
      "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    );
    const primary = env.recorder.one(T.instance, "prod-db-primary").inputs;
    expect(primary).to.include({
      monitoringInterval: 60,
      monitoringRoleArn: role.outputs["arn"],
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: 7,
    });
    expect(primary["performanceInsightsKmsKeyId"]).to.equal(primary["kmsKeyId"]);
  });

  it("DB-7: alarms with the documented thresholds, periods and missing-data treatment, notifying the topic on ALARM and OK", async () => {
    const { env, db } = prod;
    const expected: Record<string, Record<string, unknown>> = {
      cpu: {
        metricName: "CPUUtilization",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 80,
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: "missing",
      },
      "free-storage": {
        metricName: "FreeStorageSpace",
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: 10 * GIB,
        period: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: "missing",
      },
      "freeable-memory": {
        metricName: "FreeableMemory",
        statistic: "Average",
        comparisonOperator: "LessThanThreshold",
        threshold: 819 * MIB,
        period: 300,
        evaluationPeriods: 3,
        treatMissingData: "missing",
      },
      connections: {
        metricName: "DatabaseConnections",
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 546,
        period: 300,
        evaluationPeriods: 3,
        treatMissingData: "missing",
      },
      "read-latency": {
        metricName: "ReadLatency",
        statistic: "Average",
        threshold: 0.02,
        period: 60,
        evaluationPeriods: 5,
        treatMissingData: "missing",
      },
      "write-latency": {
        metricName: "WriteLatency",
        statistic: "Average",
        threshold: 0.02,
        period: 60,
        evaluationPeriods: 5,
        treatMissingData: "missing",
      },
      "replica-lag-c": {
        metricName: "ReplicaLag",
        statistic: "Maximum",
        comparisonOperator: "GreaterThanThreshold",
        threshold: 60,
        period: 60,
        evaluationPeriods: 5,
        treatMissingData: "breaching",
      },
    };
    const primaryId = env.recorder.one(T.instance, "prod-db-primary").outputs["identifier"];
    const replicaId = env.recorder.one(T.instance, "prod-db-replica-c").outputs["identifier"];
    expect(env.recorder.ofType(T.alarm)).to.have.length(7);
    for (const [key, values] of Object.entries(expected)) {
      const a = alarm(env, `prod-db-alarm-${key}`);
      expect(a.inputs, key).to.include({ namespace: "AWS/RDS", actionsEnabled: true, ...values });
      expect(a.inputs["alarmActions"], key).to.deep.equal([ALARM_TOPIC]);
      expect(a.inputs["okActions"], key).to.deep.equal([ALARM_TOPIC]);
      expect(a.inputs["dimensions"], key).to.deep.equal({
        DBInstanceIdentifier: key === "replica-lag-c" ? replicaId : primaryId,
      });
    }
    expect(Object.keys(await outputOf(db.alarmArns))).to.have.members(Object.keys(expected));
  });

  it("DB-7: takes thresholds from the arguments", async () => {
    const { env } = await build({
      ...prodArgs,
      alarms: {
        cpuPercent: 70,
        freeStoragePercent: 20,
        freeableMemoryMiB: 512,
        connections: 300,
        replicaLagSeconds: 30,
        readLatencyMs: 50,
        writeLatencyMs: 100,
      },
    });
    expect(alarm(env, "prod-db-alarm-cpu").inputs["threshold"]).to.equal(70);
    expect(alarm(env, "prod-db-alarm-free-storage").inputs["threshold"]).to.equal(20 * GIB);
    expect(alarm(env, "prod-db-alarm-freeable-memory").inputs["threshold"]).to.equal(512 * MIB);
    expect(alarm(env, "prod-db-alarm-connections").inputs["threshold"]).to.equal(300);
    expect(alarm(env, "prod-db-alarm-replica-lag-c").inputs["threshold"]).to.equal(30);
    expect(alarm(env, "prod-db-alarm-read-latency").inputs["threshold"]).to.equal(0.05);
    expect(alarm(env, "prod-db-alarm-write-latency").inputs["threshold"]).to.equal(0.1);
  });

  it("RDS.20–22: instance, parameter group and security group events go to the alarm topic", async () => {
    const { env } = prod;
    const ids = env.recorder.ofType(T.instance).map((i) => i.outputs["identifier"]);
    const instanceEvents = env.recorder.one(T.eventSubscription, "prod-db-instance-events").inputs;
    expect(instanceEvents).to.include({ snsTopic: ALARM_TOPIC, sourceType: "db-instance" });
    expect(instanceEvents["sourceIds"]).to.deep.equal(ids);
    expect(instanceEvents["eventCategories"]).to.include.members([
      "maintenance",
      "configuration change",
      "failure",
      "failover",
      "low storage",
    ]);
    const pgEvents = env.recorder.one(T.eventSubscription, "prod-db-parameter-group-events").inputs;
    expect(pgEvents).to.deep.include({
      sourceType: "db-parameter-group",
      eventCategories: ["configuration change"],
      sourceIds: [env.recorder.one(T.parameterGroup).outputs["name"]],
    });
    expect(env.recorder.one(T.eventSubscription, "prod-db-security-group-events").inputs).to.deep.include({
      sourceType: "db-security-group",
      eventCategories: ["configuration change", "failure"],
    });
  });

  it("publishes metric descriptors for the dashboard, replica lag per replica", async () => {
    const { env, db } = prod;
    expect(db.metrics.map((m) => m.id)).to.deep.equal([
      "db.cpu",
      "db.connections",
      "db.freeStorage",
      "db.freeableMemory",
      "db.readLatency",
      "db.writeLatency",
      "db.replicaLag.c",
    ]);
    const lag = db.metrics.find((m) => m.id === "db.replicaLag.c")!;
    expect(lag).to.include({ namespace: "AWS/RDS", metricName: "ReplicaLag", stat: "Maximum" });
    expect(await outputOf(lag.dimensions["DBInstanceIdentifier"]!)).to.equal(
      env.recorder.one(T.instance, "prod-db-replica-c").outputs["identifier"],
    );
  });

  it("exposes the writer endpoint, address, port, security group and key", async () => {
    const { env, db } = prod;
    const primary = env.recorder.one(T.instance, "prod-db-primary").outputs;
    const out = await outputOf({
      endpoint: db.endpoint,
      address: db.address,
      port: db.port,
      sg: db.securityGroupId,
      key: db.kmsKeyArn,
      id: db.instanceIdentifier,
    });
    expect(out).to.deep.equal({
      endpoint: primary["endpoint"],
      address: primary["address"],
      port: 3306,
      sg: env.recorder.one(T.securityGroup).id,
      key: env.recorder.one(T.kmsKey).outputs["arn"],
      id: primary["identifier"],
    });
    expect(out.endpoint).to.match(/\.ap-northeast-2\.rds\.amazonaws\.com:3306$/);
  });
});

describe("MonitoredDatabase (dev configuration)", () => {
  it("is single-AZ in the first AZ, without replica, deletion protection or final snapshot, with 1-day backups", async () => {
    const { env, db } = await build(devArgs, "dev-db");
    expect(env.recorder.ofType(T.instance).map((i) => i.name)).to.deep.equal(["dev-db-primary"]);
    const primary = env.recorder.one(T.instance, "dev-db-primary");
    expect(primary.inputs).to.include({
      instanceClass: "db.t4g.micro",
      multiAz: false,
      availabilityZone: "ap-northeast-2a",
      backupRetentionPeriod: 1,
      deletionProtection: false,
      skipFinalSnapshot: true,
      // Performance Insights is not available on db.t4g.micro.
      performanceInsightsEnabled: false,
      storageEncrypted: true,
      manageMasterUserPassword: true,
    });
    expect(primary.inputs["finalSnapshotIdentifier"]).to.equal(undefined);
    expect(primary.options.protect).to.equal(false);
    expect(env.recorder.find(T.alarm, "dev-db-alarm-replica-lag-c")).to.equal(undefined);
    expect(await outputOf(db.readerEndpoints)).to.deep.equal([]);
    // db.t4g.micro has 1 GiB: 10 % is 102 MiB, and 80 % of max_connections (85) is 68.
    expect(alarm(env, "dev-db-alarm-freeable-memory").inputs["threshold"]).to.equal(102 * MIB);
    expect(alarm(env, "dev-db-alarm-connections").inputs["threshold"]).to.equal(68);
  });

  it("without an alarm topic: alarms without actions and no event subscriptions", async () => {
    const { env } = await build({ ...devArgs, alarmTopicArn: undefined }, "dev-db");
    expect(env.recorder.ofType(T.eventSubscription)).to.deep.equal([]);
    for (const a of env.recorder.ofType(T.alarm)) expect(a.inputs["alarmActions"], a.name).to.deep.equal([]);
  });

  it("constructs under a preview, where ids and endpoints are still unknown", async () => {
    const env = setupMocks({ preview: true });
    new MonitoredDatabase("prod-db", prodArgs);
    await env.settle();
    expect(env.recorder.ofType(T.instance).map((i) => i.name)).to.deep.equal([
      "prod-db-primary",
      "prod-db-replica-c",
    ]);
  });

  it("uses a given KMS key instead of creating one", async () => {
    const key = "arn:aws:kms:ap-northeast-2:123456789012:key/11111111-2222-3333-4444-555555555555";
    const { env } = await build({ ...devArgs, kmsKeyArn: key }, "dev-db");
    expect(env.recorder.ofType(T.kmsKey)).to.deep.equal([]);
    expect(env.recorder.one(T.instance).inputs).to.include({ kmsKeyId: key, masterUserSecretKmsKeyId: key });
  });
});
