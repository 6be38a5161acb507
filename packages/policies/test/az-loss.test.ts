import * as aws from "./aws";
import { expect } from "chai";
import { setupMocks } from "@cloudblocks/testkit";
import { azLossReport, type AzLossRow } from "../src";

const A = "ap-northeast-2a";
const C = "ap-northeast-2c";
// An Auto Scaling group needs exactly one of launchConfiguration, launchTemplate, mixedInstancesPolicy (the testkit
// refuses it otherwise, as the provider does).
const LT = { id: "lt-0123456789abcdef0", version: "1" };

async function analyse(program: (subnets: Record<"a" | "c", aws.ec2.Subnet>) => void) {
  const env = setupMocks();
  const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" });
  const subnets = {
    a: new aws.ec2.Subnet("s-a", { vpcId: vpc.id, availabilityZone: A, cidrBlock: "10.0.1.0/24" }),
    c: new aws.ec2.Subnet("s-c", { vpcId: vpc.id, availabilityZone: C, cidrBlock: "10.0.2.0/24" }),
  };
  program(subnets);
  await env.settle();
  return azLossReport(env.recorder.resources).rows;
}
const row = (rows: readonly AzLossRow[], tier: string, az: string) =>
  rows.filter((r) => r.tier === tier && r.az === az).map((r) => [r.survives, r.reason]);

describe("AZ-loss analysis, tier by tier (REL10-BP01)", () => {
  it("public entry: a load balancer needs a subnet outside the lost AZ", async () => {
    const rows = await analyse((s) => {
      new aws.lb.LoadBalancer("lb", { loadBalancerType: "application", subnets: [s.a.id, s.c.id] });
    });
    expect(row(rows, "public entry", A)).to.deep.equal([[true, `load balancer "lb" keeps nodes in ${C}`]]);
  });

  it("app capacity: the worst case is the lost AZ holding ceil(desired / AZs) instances", async () => {
    const rows = await analyse((s) => {
      new aws.autoscaling.Group("g", {
        minSize: 2,
        maxSize: 4,
        desiredCapacity: 3,
        vpcZoneIdentifiers: [s.a.id, s.c.id],
        launchTemplate: LT,
      });
    });
    expect(row(rows, "app capacity", A)).to.deep.equal([
      [true, `1 of 3 instance(s) keep serving in ${C} (min 2); the group relaunches 1 there`],
    ]);
  });

  it("data: a single-AZ primary without an AZ may be in the lost one; a Multi-AZ primary fails over", async () => {
    const single = await analyse(() => {
      new aws.rds.Instance("db", { instanceClass: "db.t4g.micro", engine: "mysql", allocatedStorage: 20 });
    });
    expect(row(single, "data", C)).to.deep.equal([
      [false, `single-AZ "db" may be in ${C}, with no standby to fail over to`],
    ]);
    const multi = await analyse(() => {
      new aws.rds.Instance("db", {
        instanceClass: "db.t4g.micro",
        engine: "mysql",
        allocatedStorage: 20,
        multiAz: true,
      });
    });
    expect(row(multi, "data", C)).to.deep.equal([[true, `"db" is Multi-AZ: RDS fails over to the standby`]]);
  });

  it("shared files: One Zone EFS dies with its AZ; regional EFS needs a mount target where the fleet serves", async () => {
    const rows = await analyse((s) => {
      const fs = new aws.efs.FileSystem("fs", { availabilityZoneName: A });
      new aws.efs.MountTarget("mt-a", { fileSystemId: fs.id, subnetId: s.a.id });
      new aws.autoscaling.Group("g", {
        minSize: 2,
        maxSize: 2,
        vpcZoneIdentifiers: [s.a.id, s.c.id],
        launchTemplate: LT,
      });
    });
    expect(row(rows, "shared files", A)).to.deep.equal([[false, `One Zone file system "fs" lives in ${A}`]]);
    expect(row(rows, "shared files", C)).to.deep.equal([[true, `"fs" keeps mount targets in ${A}`]]);
  });

  it("a tier the stack does not have is n/a, not a pass", async () => {
    const rows = await analyse(() => undefined);
    expect(row(rows, "data", A)).to.deep.equal([[null, "no database"]]);
  });
});
