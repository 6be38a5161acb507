import { expect } from "chai";
import { azLossReport, runPolicies, policies } from "@cloudblocks/policies";
import type { PlanAzLossRow, RecordedResource } from "@cloudblocks/testkit";
import { plans } from "./plans";

const azLoss = policies.filter((p) => p.name === "az-loss-survivable");
const A = "ap-northeast-2a";
const C = "ap-northeast-2c";

type Mutable = { -readonly [K in keyof RecordedResource]: RecordedResource[K] };
const clone = (records: readonly RecordedResource[]): Mutable[] => structuredClone(records) as Mutable[];
const byName = (records: Mutable[], type: string, suffix: string): Mutable => {
  const found = records.find((r) => r.type === type && r.name.endsWith(suffix));
  if (!found) throw new Error(`no ${type} named …${suffix}`);
  return found;
};
const verdict = (rows: readonly PlanAzLossRow[], tier: string, az: string) =>
  rows.filter((r) => r.tier === tier && r.az === az).map((r) => r.survives);

describe("AZ-loss analysis of the plans (REL10-BP01)", function () {
  it("prod keeps serving in every tier whichever AZ is lost, and the mandatory policy passes", async () => {
    const { prod } = await plans();
    const report = prod.plan.azLoss!;
    expect(report.availabilityZones).to.deep.equal([A, C]);
    for (const az of [A, C])
      for (const tier of ["public entry", "app capacity", "egress", "data", "shared files"])
        expect(verdict(report.rows, tier, az), `${tier} losing ${az}`).to.deep.equal([true]);
    expect(prod.plan.policies.violations.filter((v) => v.policy === "az-loss-survivable")).to.deep.equal([]);
  });

  it("dev lists its documented single points of failure, as advisory findings", async () => {
    const { dev } = await plans();
    const rows = dev.plan.azLoss!.rows;
    expect(verdict(rows, "egress", A)).to.deep.equal([false]); // the one NAT instance lives in 2a
    expect(verdict(rows, "egress", C)).to.deep.equal([true]);
    expect(verdict(rows, "data", A)).to.deep.equal([false]); // single-AZ primary in 2a
    expect(verdict(rows, "app capacity", A)).to.deep.equal([false]); // one instance
    const findings = dev.plan.policies.violations.filter((v) => v.policy === "az-loss-survivable");
    expect(findings).to.have.length(rows.filter((r) => r.survives === false).length);
    expect(findings.every((v) => v.enforcement === "advisory")).to.equal(true);
  });

  it("prod without the NAT gateway of 2c (its app subnet routed to 2a's) loses egress with 2a, and fails the policy", async () => {
    const records = clone((await plans()).prod.records);
    const natA = byName(records, "aws:ec2/natGateway:NatGateway", "-1");
    const natC = byName(records, "aws:ec2/natGateway:NatGateway", "-2");
    const route = records.find(
      (r) => r.type === "aws:ec2/route:Route" && r.inputs["natGatewayId"] === natC.outputs["id"],
    )!;
    route.inputs = { ...route.inputs, natGatewayId: natA.outputs["id"] };
    const without = records.filter((r) => r !== natC);

    const rows = azLossReport(without).rows;
    expect(verdict(rows, "egress", A)).to.deep.equal([false]);
    expect(rows.find((r) => r.tier === "egress" && r.az === A)!.reason).to.match(
      /\(ap-northeast-2c\) leaves through a NAT in ap-northeast-2a/,
    );
    const report = await runPolicies(without, { policies: azLoss });
    expect(report.violations.map((v) => [v.enforcement, v.message])).to.deep.equal([
      ["mandatory", `losing ${A} stops the egress tier: ${rows.find((r) => r.survives === false)!.reason}.`],
    ]);
  });

  it("prod with the fleet in one app subnet only loses app capacity with that AZ, and fails the policy", async () => {
    const records = clone((await plans()).prod.records);
    const group = records.find((r) => r.type === "aws:autoscaling/group:Group")!;
    const appA = records.find(
      (r) =>
        r.type === "aws:ec2/subnet:Subnet" &&
        r.inputs["availabilityZone"] === A &&
        (r.inputs["tags"] as Record<string, string>)["SubnetType"] === "Private",
    )!;
    group.inputs = { ...group.inputs, vpcZoneIdentifiers: [appA.outputs["id"]] };

    const rows = azLossReport(records).rows;
    expect(verdict(rows, "app capacity", A)).to.deep.equal([false]);
    expect(verdict(rows, "app capacity", C)).to.deep.equal([true]);
    const report = await runPolicies(records, { policies: azLoss });
    expect(report.violations.map((v) => v.message)).to.deep.include(
      `losing ${A} stops the app capacity tier: every subnet of group "${group.name}" is in ${A}.`,
    );
    expect(report.violations.every((v) => v.enforcement === "mandatory")).to.equal(true);
  });
});
