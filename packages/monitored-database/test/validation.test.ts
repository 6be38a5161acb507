import { ArgsValidationError } from "@cloudblocks/component-kit";
import { setupMocks } from "@cloudblocks/testkit";
import { expect } from "chai";
import { MonitoredDatabase, type MonitoredDatabaseArgs } from "../src";
import { network, prodArgs } from "./fixtures";

/** Constructs with bad arguments; returns the problems and checks that nothing was registered (ALL-1). */
async function problemsOf(
  args: Partial<MonitoredDatabaseArgs> & Record<string, unknown>,
): Promise<readonly string[]> {
  const env = setupMocks();
  try {
    new MonitoredDatabase("db", { ...prodArgs, ...args } as MonitoredDatabaseArgs);
  } catch (error) {
    expect(error).to.be.instanceOf(ArgsValidationError);
    expect((error as Error).message).to.contain("MonitoredDatabase: invalid arguments");
    await env.settle();
    expect(env.recorder.resources, "nothing half-created").to.deep.equal([]);
    return (error as ArgsValidationError).problems;
  }
  throw new Error("expected an ArgsValidationError");
}

describe("MonitoredDatabase argument validation (ALL-1)", () => {
  const cases: [string, Partial<MonitoredDatabaseArgs> & Record<string, unknown>, string][] = [
    [
      "a malformed instance class",
      { instanceClass: "m6g.large" },
      'args.instanceClass: got "m6g.large"; allowed: a current-generation RDS class such as db.t4g.micro',
    ],
    [
      "a previous-generation class",
      { instanceClass: "db.t2.micro" },
      'args.instanceClass: got "db.t2.micro"; allowed: a current-generation RDS class such as db.t4g.micro, db.m6g.large or db.r7g.xlarge (previous-generation t2',
    ],
    [
      "an engine that is not MySQL 8",
      { engineVersion: "5.7" },
      'args.engineVersion: got "5.7"; allowed: "8.0" or "8.4" (RDS applies minor versions), or a minor version RDS offers: 8.0.42,',
    ],
    [
      "a MySQL 8.0 without the audit plugin",
      { engineVersion: "8.0.27" },
      'args.engineVersion: got "8.0.27"; allowed: "8.0" or "8.4" (RDS applies minor versions), or a minor version RDS offers',
    ],
    [
      "a MySQL version that does not exist",
      { engineVersion: "8.4.99" },
      'args.engineVersion: got "8.4.99"; allowed: "8.0" or "8.4" (RDS applies minor versions), or a minor version RDS offers: 8.0.42, 8.0.43, 8.0.44, 8.0.45, 8.0.46, 8.4.5,',
    ],
    [
      "an instance class whose instance type does not exist",
      { instanceClass: "db.m6g.huge" },
      'args.instanceClass: got "db.m6g.huge"; allowed: a current-generation RDS class',
    ],
    [
      "a 10-minute backup window",
      { backupWindow: "17:00-17:10" },
      'args.backupWindow: got "17:00-17:10"; allowed: a window of at least 30 minutes (RDS requires it; this one is 10)',
    ],
    [
      "a maintenance window shorter than 30 minutes across midnight",
      { maintenanceWindow: "sun:23:50-mon:00:05" },
      'args.maintenanceWindow: got "sun:23:50-mon:00:05"; allowed: a window of at least 30 minutes (RDS requires it; this one is 15)',
    ],
    [
      "backup and maintenance windows that overlap",
      { backupWindow: "18:00-19:00", maintenanceWindow: "sun:18:30-sun:19:30" },
      'args.maintenanceWindow: got "sun:18:30-sun:19:30"; allowed: a window that does not overlap the backup window 18:00-19:00 (RDS refuses overlapping windows)',
    ],
    [
      "storage below the gp3 minimum",
      { allocatedStorageGiB: 10 },
      "args.allocatedStorageGiB: got 10; allowed: an integer 20 to 65536 (gp3 needs 20 GiB)",
    ],
    [
      "storage above the maximum",
      { allocatedStorageGiB: 70000, maxAllocatedStorageGiB: 80000 },
      "args.allocatedStorageGiB: got 70000; allowed: an integer 20 to 65536",
    ],
    [
      "an autoscaling ceiling under 110 % of the allocation",
      { allocatedStorageGiB: 100, maxAllocatedStorageGiB: 105 },
      "args.maxAllocatedStorageGiB: got 105; allowed: at least 110 (10 % above allocatedStorageGiB 100",
    ],
    [
      "backups of 0 days",
      { backupRetentionDays: 0 },
      "args.backupRetentionDays: got 0; allowed: 1 to 35 days (automated backups are required: read replicas",
    ],
    [
      "backups of 36 days",
      { backupRetentionDays: 36 },
      "args.backupRetentionDays: got 36; allowed: 1 to 35 days",
    ],
    [
      "a reserved master user name",
      { masterUsername: "admin" },
      'args.masterUsername: got "admin"; allowed: a name that is not reserved (not admin, administrator, root',
    ],
    [
      "a master user name starting with a digit",
      { masterUsername: "1dba" },
      'args.masterUsername: got "1dba"; allowed: 1-16 letters or digits, starting with a letter',
    ],
    [
      "a master user name with a symbol",
      { masterUsername: "app_owner" },
      'args.masterUsername: got "app_owner"; allowed: 1-16 letters or digits',
    ],
    [
      "a master user name of 17 characters",
      { masterUsername: "a234567890123456x" },
      'args.masterUsername: got "a234567890123456x"; allowed: 1-16 letters or digits',
    ],
    [
      "too many replicas",
      { readReplicaCount: 16 },
      `args.readReplicaCount: got 16; allowed: an integer 0 to 15`,
    ],
    [
      "a replica in an AZ outside the network",
      { readReplicaCount: undefined, readReplicas: [{ availabilityZone: "ap-northeast-2b" }] },
      'args.readReplicas[0].availabilityZone: got "ap-northeast-2b"; allowed: one of ap-northeast-2a, ap-northeast-2c',
    ],
    [
      "two replicas with the same key",
      {
        readReplicaCount: undefined,
        readReplicas: [{ availabilityZone: "ap-northeast-2c" }, { availabilityZone: "ap-northeast-2c" }],
      },
      'args.readReplicas[1].key: got "c"; allowed: a key no other replica uses',
    ],
    [
      "both replica forms",
      { readReplicaCount: 1, readReplicas: [{ availabilityZone: "ap-northeast-2c" }] },
      "args.readReplicaCount: got 1; allowed: readReplicaCount or readReplicas, not both",
    ],
    [
      "a primary AZ on a Multi-AZ database",
      { primaryAvailabilityZone: "ap-northeast-2a" },
      'args.primaryAvailabilityZone: got "ap-northeast-2a"; allowed only with multiAz: false',
    ],
    [
      "Performance Insights forced on a class without it",
      { instanceClass: "db.t4g.micro", performanceInsights: true },
      'args.performanceInsights: got true; allowed: false or "auto" on db.t4g.micro',
    ],
    [
      "no trusted security group",
      { allowedSecurityGroups: {} },
      "args.allowedSecurityGroups: got {}; allowed: at least one trusted security group",
    ],
    [
      "a world-open CIDR",
      { allowedCidrBlocks: { anyone: "0.0.0.0/0" } },
      'args.allowedCidrBlocks.anyone: got "0.0.0.0/0"; allowed: a bounded range, never /0',
    ],
    [
      "a monitoring interval of 0",
      { monitoringIntervalSeconds: 0 },
      "args.monitoringIntervalSeconds: got 0; allowed: 1, 5, 10, 15, 30 or 60 (enhanced monitoring is required, RDS.6)",
    ],
    [
      "a single data subnet",
      { network: { ...network, availabilityZones: ["ap-northeast-2a"], dataSubnetIds: ["subnet-a"] } },
      'args.network.availabilityZones: got ["ap-northeast-2a"]; allowed: at least 2 AZs',
    ],
    [
      "data subnets not one per AZ",
      { network: { ...network, dataSubnetIds: ["subnet-a", "subnet-c", "subnet-d"] } },
      'args.network.dataSubnetIds: got "3 subnets"; allowed: one data subnet per AZ (2)',
    ],
    [
      "a bad backup window",
      { backupWindow: "3am" },
      'args.backupWindow: got "3am"; allowed: "hh:mm-hh:mm" in UTC',
    ],
    [
      "an unknown alarm threshold",
      { alarms: { cpu: 80 } as never },
      "args.alarms.cpu: got 80; allowed: a known key (keys: cpuPercent, freeStoragePercent,",
    ],
    [
      "a misspelt top-level argument",
      { deletionProtecton: false } as never,
      "args.deletionProtecton: got false; allowed: a known key — did you mean deletionProtection? (keys: network,",
    ],
    [
      "a plaintext password argument (not echoed)",
      { masterPassword: "hunter2hunter2" } as never,
      "args.masterPassword: got [secret]; allowed: a known key (keys: network,",
    ],
    [
      "a string where a boolean belongs, saying what is allowed",
      { multiAz: "true" } as never,
      'args.multiAz: got "true"; allowed: true or false',
    ],
    [
      "a CPU threshold over 100 %",
      { alarms: { cpuPercent: 150 } },
      "args.alarms.cpuPercent: got 150; allowed: 1 to 100",
    ],
  ];

  for (const [what, args, message] of cases) {
    it(`rejects ${what}, naming the path, the value and what is allowed`, async () => {
      const problems = await problemsOf(args);
      expect(
        problems.some((p) => p.startsWith(message)),
        `${problems.join("\n")}\nexpected to start with: ${message}`,
      ).to.equal(true);
    });
  }

  it("rejects a log retention CloudWatch does not offer", async () => {
    const problems = await problemsOf({ logRetentionDays: 100 });
    expect(problems[0]).to.match(
      /^args\.logRetentionDays: got 100; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120/,
    );
  });

  it("rejects a component name that would make an invalid RDS identifier, before creating anything", async () => {
    const env = setupMocks();
    let problems: readonly string[] = [];
    try {
      new MonitoredDatabase("Prod_DB", prodArgs);
    } catch (error) {
      problems = (error as ArgsValidationError).problems;
    }
    await env.settle();
    expect(env.recorder.resources).to.deep.equal([]);
    expect(problems).to.deep.equal([
      'name: got "Prod_DB"; allowed: a name that makes "Prod_DB-primary" a valid RDS identifier (1-63 lower-case letters, digits and single hyphens, starting with a letter)',
    ]);
  });

  it("lists every problem at once", async () => {
    const problems = await problemsOf({
      instanceClass: "big",
      backupRetentionDays: 90,
      masterUsername: "root",
    });
    expect(problems).to.have.length(3);
  });
});
