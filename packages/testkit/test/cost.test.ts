import { expect } from "chai";
import { NO_OPTIONS } from "../src/recording-monitor";
import { estimateCost, PRICES, renderCostText, type PlanResource, type PriceEntry } from "../src";

const options = NO_OPTIONS;
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
  origin: "transcription",
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

  it("bills a Route 53 health check's optional features on top of the basic check", () => {
    const e = estimateCost(
      [
        res(
          "aws:route53/healthCheck:HealthCheck",
          { type: "HTTPS_STR_MATCH", requestInterval: 10 },
          "alarms",
        ),
      ],
      { region: "ap-northeast-2" },
    );
    expect(e.lines.map((l) => [l.item, l.basis, l.monthlyUsd])).to.deep.equal([
      ["health check", "1 check", 0.5],
      ["health check optional features", "HTTPS + string matching + 10 s interval", 3],
    ]);
  });

  it("records a source, a date and an origin for every price, and a price only where the source gives one", () => {
    for (const [key, entry] of Object.entries(PRICES)) {
      expect(entry.source, key).to.be.a("string").with.length.greaterThan(20);
      expect(entry.retrieved, key).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.usd === null, key).to.equal(entry.origin === "none");
      if (entry.usd === null)
        expect(entry.source, key).to.match(/^not found in any source available offline: /);
      // A transcribed or copied price names the repository commit or page it was read from.
      else
        expect(entry.source, key).to.match(
          /@[0-9a-f]{40}|https:\/\/aws\.amazon\.com\/|aws\.amazon\.com\/jp\//,
        );
    }
  });

  it("pins the Seoul prices the estimate uses to what their sources state", () => {
    const usd = (key: string) => PRICES[key]!.usd;
    // AWS's own Price List row (SKU MTK7D9SGKGYR3JD6), copied verbatim.
    expect(PRICES["ap-northeast-2/ebs-gp3-gb-month"]).to.deep.include({
      usd: 0.0912,
      origin: "aws-row",
      retrieved: "2026-09-25",
    });
    expect(PRICES["ap-northeast-2/ebs-gp3-gb-month"]!.source).to.contain("MTK7D9SGKGYR3JD6");
    // Transcriptions of the ap-northeast-2 offer files read on 2026-10-01.
    expect(
      [
        "ec2:t3.micro",
        "ec2:t3.small",
        "nat-gateway-hour",
        "nat-gateway-gb",
        "alb-hour",
        "alb-lcu-hour",
        "rds-mysql:db.t4g.micro:single-az",
        "rds-gp3-gb-month",
        "cloudwatch-alarm-month",
        "logs-ingest-gb",
        "s3-standard-gb-month",
        "lambda-arm-gb-second",
        "kms-key-month",
        "efs-standard-gb-month",
      ].map((k) => usd(`ap-northeast-2/${k}`)),
    ).to.deep.equal([
      0.013, 0.026, 0.059, 0.059, 0.0225, 0.008, 0.025, 0.131, 0.1, 0.76, 0.025, 0.0000133334, 1, 0.33,
    ]);
    expect(usd("global/public-ipv4-hour")).to.equal(0.005);
    expect(usd("global/route53-health-check-month")).to.equal(0.5);
    // us-east-1 from us-east-1 sources (infracost's us-east-1 goldens, a note reading the us-east-1 offer files),
    // never from the Seoul rows.
    expect(
      ["cloudwatch-alarm-month", "kms-key-month", "logs-ingest-gb", "logs-storage-gb-month"].map((k) => [
        usd(`us-east-1/${k}`),
        PRICES[`us-east-1/${k}`]!.retrieved,
      ]),
    ).to.deep.equal([
      [0.1, "2024-07-01"],
      [1, "2024-07-01"],
      [0.5, "2026-09-22"],
      [0.03, "2026-09-22"],
    ]);
    for (const k of ["cloudwatch-alarm-month", "kms-key-month", "logs-ingest-gb", "logs-storage-gb-month"])
      expect(PRICES[`us-east-1/${k}`]!.source, k).to.match(
        /for a us-east-1 provider|AmazonCloudWatch\/us-east-1/,
      );
    // Config rule evaluations: AWS's page gives one price for all public regions, so the key is global.
    expect(PRICES["global/config-rule-evaluation"]).to.deep.include({ usd: 0.001, retrieved: "2019-08-01" });
    expect(PRICES["ap-northeast-2/config-rule-evaluation"]).to.equal(undefined);
    // What no source here gives stays unpriced rather than derived from a sibling size or another region.
    for (const key of [
      "ap-northeast-2/ec2:t4g.nano",
      "ap-northeast-2/rds-mysql:db.m6g.large:multi-az",
      "ap-northeast-2/rds-mysql:db.m6g.large:single-az",
      "ap-northeast-2/config-item",
    ])
      expect(usd(key), key).to.equal(null);
  });
});
