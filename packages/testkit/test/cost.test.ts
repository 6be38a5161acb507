import { expect } from "chai";
import { estimateCost, PRICES, renderCostText, type PlanResource, type PriceEntry } from "../src";

const options = {
  protect: false,
  dependsOn: [],
  ignoreChanges: [],
  retainOnDelete: false,
  deleteBeforeReplace: false,
  replaceOnChanges: [],
  additionalSecretOutputs: [],
  aliasCount: 0,
};
let n = 0;
function res(
  type: string,
  inputs: Record<string, unknown>,
  component = "web",
  id: string | null = null,
): PlanResource {
  n++;
  return {
    urn: `urn:pulumi:s::p::${type}::r${n}`,
    type,
    name: `r${n}`,
    id,
    parent: null,
    custom: true,
    virtual: false,
    inputs: { tags: { "cloudblocks:component": component }, ...inputs },
    options,
  };
}
const price = (usd: number | null, unit: string): PriceEntry => ({
  usd,
  unit,
  source: "test table",
  retrieved: "2026-12-01",
});

describe("cost estimate (issue 12 item 4)", () => {
  const prices: Record<string, PriceEntry> = {
    ...PRICES,
    "ap-northeast-2/ec2:t3.small": price(0.026, "instance-hour"),
    "ap-northeast-2/ebs-gp3-gb-month": price(0.0912, "GB-month"),
    "ap-northeast-2/nat-gateway-hour": price(0.059, "hour"),
    "ap-northeast-2/nat-gateway-gb": price(0.059, "GB"),
  };

  it("prices hours × rate plus the stated usage assumptions, per resource and per component", () => {
    const template = res(
      "aws:ec2/launchTemplate:LaunchTemplate",
      { instanceType: "t3.small", blockDeviceMappings: [{ ebs: { volumeSize: 8 } }] },
      "web",
      "lt-1",
    );
    const group = res("aws:autoscaling/group:Group", {
      desiredCapacity: 2,
      launchTemplate: { id: "lt-1" },
      tags: [{ key: "cloudblocks:component", value: "web" }],
    });
    const nat = res("aws:ec2/natGateway:NatGateway", {}, "network");
    const eip = res("aws:ec2/eip:Eip", {}, "network");
    const e = estimateCost([template, group, nat, eip], {
      region: "ap-northeast-2",
      prices,
      assumptions: { natGbPerGateway: 100 },
    });
    const line = (item: string) => e.lines.find((l) => l.item === item)!;
    expect(line("EC2 t3.small")).to.deep.include({
      quantity: 1460,
      basis: "2 × 730 h",
      unitUsd: 0.026,
      monthlyUsd: 37.96,
      component: "web",
    });
    expect(line("EBS gp3 root volume")).to.deep.include({ quantity: 16, monthlyUsd: 1.46 });
    expect(line("NAT gateway")).to.deep.include({ quantity: 730, monthlyUsd: 43.07 });
    expect(line("NAT data processed")).to.deep.include({
      quantity: 100,
      basis: "100 GB (assumed)",
      monthlyUsd: 5.9,
    });
    // The vendored public IPv4 price: $0.005 per address-hour.
    expect(line("public IPv4 address")).to.deep.include({ unitUsd: 0.005, monthlyUsd: 3.65 });
    expect(e.byComponent).to.deep.equal([
      { component: "network", pricedMonthlyUsd: 52.62, unpricedItems: 0 },
      { component: "web", pricedMonthlyUsd: 39.42, unpricedItems: 0 },
    ]);
    expect(e.pricedMonthlyUsd).to.equal(92.04);
    expect(e.free.map((f) => f.type)).to.deep.equal(["aws:ec2/launchTemplate:LaunchTemplate"]);
  });

  it("prices a spot mix's on-demand part and lists its spot instances as unpriced (spot prices move)", () => {
    const template = res(
      "aws:ec2/launchTemplate:LaunchTemplate",
      { instanceType: "t3.small" },
      "web",
      "lt-2",
    );
    const group = res("aws:autoscaling/group:Group", {
      desiredCapacity: 4,
      mixedInstancesPolicy: {
        instancesDistribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 0 },
        launchTemplate: {
          launchTemplateSpecification: { launchTemplateId: "lt-2" },
          overrides: [{ instanceType: "t3.small" }],
        },
      },
    });
    const e = estimateCost([template, group], { region: "ap-northeast-2", prices });
    expect(e.lines.find((l) => l.item === "EC2 t3.small on-demand")).to.deep.include({
      quantity: 730,
      monthlyUsd: 18.98,
    });
    expect(e.lines.find((l) => l.item === "EC2 t3.small spot")).to.deep.include({
      quantity: 2190,
      monthlyUsd: null,
    });
    expect(e.lines.find((l) => l.item === "EBS gp3 root volume")).to.deep.include({
      quantity: 32,
      basis: "4 × 8 GB (assumed)",
    });
  });

  it("lists a missing price and an unknown resource type as unpriced, never as free", () => {
    const e = estimateCost(
      [
        res("aws:ec2/instance:Instance", { instanceType: "m7i.48xlarge" }),
        res("aws:transfer/server:Server", {}),
      ],
      { region: "ap-northeast-2", prices },
    );
    expect(e.lines.find((l) => l.item === "EC2 m7i.48xlarge")).to.deep.include({
      unitUsd: null,
      monthlyUsd: null,
    });
    expect(e.unpriced.map((u) => [u.item, u.reason])).to.deep.equal([
      ["EC2 m7i.48xlarge", "no entry ap-northeast-2/ec2:m7i.48xlarge in the price table"],
      ["aws:transfer/server:Server", "no pricing rule for this resource type"],
    ]);
    expect(e.byComponent).to.deep.equal([{ component: "web", pricedMonthlyUsd: 0.73, unpricedItems: 2 }]);
    expect(renderCostText(e)).to.contain(
      "unpriced  aws:transfer/server:Server: no pricing rule for this resource type",
    );
  });

  it("records a source and a date for every price, and a price only where the source gives one", () => {
    for (const [key, entry] of Object.entries(PRICES)) {
      expect(entry.source, key).to.be.a("string").with.length.greaterThan(20);
      expect(entry.retrieved, key).to.match(/^\d{4}-\d{2}-\d{2}$/);
      if (entry.usd === null)
        expect(entry.source, key).to.contain("not found in any source available offline");
    }
    expect(PRICES["global/public-ipv4-hour"]!.usd).to.equal(0.005);
    expect(PRICES["global/route53-hosted-zone-month"]!.usd).to.equal(0.5);
  });
});
