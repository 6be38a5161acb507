import { expect } from "chai";
import { renderCostText, type CostLine } from "@cloudblocks/testkit";
import { plans } from "./plans";

describe("cost estimate of both stacks (issue 12 item 4)", function () {
  for (const stack of ["dev", "prod"] as const) {
    it(`${stack}: the JSON plan carries totals for each of the four components and lists what it cannot price`, async () => {
      const { cost } = (await plans())[stack].plan;
      expect(cost!.byComponent.map((c) => c.component)).to.have.members(
        ["alarms", "network", "web", "db"].map((c) => `buddyverse-${stack}-${c}`),
      );
      expect(cost!.unpriced.length).to.be.greaterThan(0);
      expect(renderCostText(cost!)).to.match(/TOTAL\s+\$\d+\.\d\d {2}\+ \d+ unpriced item\(s\)/);
    });
  }

  it("prod: line items are the table's Seoul prices × 730 h or the stated usage assumptions", async () => {
    const { cost } = (await plans()).prod.plan;
    const pick = (l: CostLine) => [l.component, l.basis, l.unitUsd, l.monthlyUsd];
    const lines = (item: string) => cost!.lines.filter((l) => l.item === item).map(pick);
    // Two NAT gateways (one per AZ): 730 h × $0.059 and the assumed 50 GB × $0.059 each, plus their addresses.
    expect(lines("NAT gateway")).to.deep.equal([
      ["buddyverse-prod-network", "730 h", 0.059, 43.07],
      ["buddyverse-prod-network", "730 h", 0.059, 43.07],
    ]);
    expect(cost!.assumptions.natGbPerGateway).to.equal(50);
    expect(lines("NAT data processed")).to.deep.equal([
      ["buddyverse-prod-network", "50 GB (assumed)", 0.059, 2.95],
      ["buddyverse-prod-network", "50 GB (assumed)", 0.059, 2.95],
    ]);
    expect(cost!.lines.filter((l) => l.type === "aws:ec2/eip:Eip").map(pick)).to.deep.equal([
      ["buddyverse-prod-network", "730 h", 0.005, 3.65],
      ["buddyverse-prod-network", "730 h", 0.005, 3.65],
    ]);
    // The fleet: 2 × t3.small on-demand, their 8 GB gp3 root volumes; the ALB with 1 LCU assumed and 2 addresses.
    expect(lines("EC2 t3.small")).to.deep.equal([["buddyverse-prod-web", "2 × 730 h", 0.026, 37.96]]);
    expect(lines("EBS gp3 root volume")).to.deep.equal([["buddyverse-prod-web", "2 × 8 GB", 0.0912, 1.46]]);
    expect(lines("ALB")).to.deep.equal([["buddyverse-prod-web", "730 h", 0.0225, 16.43]]);
    expect(lines("ALB capacity units")).to.deep.equal([
      ["buddyverse-prod-web", "1 LCU (assumed) × 730 h", 0.008, 5.84],
    ]);
    expect(lines("public IPv4 addresses (one per AZ)")).to.deep.equal([
      ["buddyverse-prod-web", "2 × 730 h", 0.005, 7.3],
    ]);
    // Multi-AZ storage bills twice; db.m6g.large hours have no Seoul source and are unpriced, not free.
    const storage = cost!.lines.find((l) => l.item === "RDS gp3 storage" && l.name.endsWith("-primary"))!;
    expect(storage).to.deep.include({
      quantity: 100,
      basis: "50 GB × 2 (Multi-AZ)",
      unitUsd: 0.131,
      monthlyUsd: 13.1,
    });
    const primary = cost!.lines.find((l) => l.item === "RDS MySQL db.m6g.large Multi-AZ")!;
    expect(primary).to.deep.include({ quantity: 730, unitUsd: null, monthlyUsd: null });
    expect(cost!.unpriced.some((u) => u.item === "RDS MySQL db.m6g.large Multi-AZ")).to.equal(true);
    // Seoul keys at $1; the global topic's key, the SLA alarm and the topic's two delivery log groups use the
    // us-east-1 rows (its publishes stay within the free million).
    const keys = cost!.lines.filter((l) => l.item === "KMS key");
    expect(
      keys.filter((k) => k.priceKey === "ap-northeast-2/kms-key-month").every((k) => k.monthlyUsd === 1),
    ).to.equal(true);
    const east = cost!.lines
      .filter((l) => l.priceKey.startsWith("us-east-1/"))
      .map((l) => [l.item, l.basis, l.unitUsd, l.monthlyUsd])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(east).to.deep.equal([
      ["CloudWatch alarm", "1 alarm", 0.1, 0.1],
      ["KMS key", "1 key", 1, 1],
      ["log ingestion", "1 GB (assumed)", 0.5, 0.5],
      ["log ingestion", "1 GB (assumed)", 0.5, 0.5],
      ["log storage", "1 GB (assumed)", 0.03, 0.03],
      ["log storage", "1 GB (assumed)", 0.03, 0.03],
      ["SNS publishes", "within the free million (assumed)", null, 0],
    ]);
    // Config: each of the 7 rules at the assumed 1,000 evaluations × $0.001 (AWS's one public-region price);
    // the recorder's items have no Seoul or all-region source and stay unpriced.
    expect(lines("Config rule evaluations")).to.deep.equal(
      Array(7).fill(["buddyverse-prod-alarms", "1000 evaluations (assumed)", 0.001, 1]),
    );
    expect(lines("Config items recorded")).to.deep.equal([
      ["buddyverse-prod-alarms", "2000 items (assumed)", null, null],
    ]);
    // The SLA check: the basic check plus two optional features (HTTPS, latency measurement).
    expect(lines("health check optional features")).to.deep.equal([
      ["buddyverse-prod-alarms", "HTTPS + latency measurement", 1, 2],
    ]);
    // Each component's total is the sum of its priced lines.
    for (const c of cost!.byComponent) {
      const sum = cost!.lines
        .filter((l) => l.component === c.component)
        .reduce((s, l) => s + (l.monthlyUsd ?? 0), 0);
      expect(c.pricedMonthlyUsd, c.component).to.be.closeTo(sum, 0.005);
    }
  });

  it("dev: the NAT instance replaces two NAT gateways; the small database and fleet are priced from the table", async () => {
    const { cost } = (await plans()).dev.plan;
    expect(cost!.lines.filter((l) => l.item === "NAT gateway")).to.deep.equal([]);
    // No Seoul source gives t4g.nano: its hours are listed unpriced, its root volume and address are priced.
    const nat = cost!.lines.filter((l) => l.name === "buddyverse-dev-network-nat");
    expect(nat.map((l) => [l.item, l.monthlyUsd])).to.deep.equal([
      ["EC2 t4g.nano", null],
      ["EBS gp3 root volume", 0.73],
      ["public IPv4 address", 3.65],
    ]);
    expect(cost!.lines.find((l) => l.item === "RDS MySQL db.t4g.micro")).to.deep.include({
      component: "buddyverse-dev-db",
      basis: "730 h",
      unitUsd: 0.025,
      monthlyUsd: 18.25,
    });
    expect(cost!.lines.find((l) => l.item === "EC2 t3.micro")).to.deep.include({
      unitUsd: 0.013,
      monthlyUsd: 9.49,
    });
  });
});
