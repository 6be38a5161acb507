import { expect } from "chai";
import { renderCostText } from "@cloudblocks/testkit";
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

  it("prod: the NAT gateways' addresses and the keys are pinned to the table's prices; a NAT gateway's hours are unpriced, not free", async () => {
    const { cost } = (await plans()).prod.plan;
    const ipv4 = cost!.lines.filter((l) => l.type === "aws:ec2/eip:Eip");
    expect(ipv4.map((l) => [l.component, l.basis, l.unitUsd, l.monthlyUsd])).to.deep.equal([
      ["buddyverse-prod-network", "730 h", 0.005, 3.65],
      ["buddyverse-prod-network", "730 h", 0.005, 3.65],
    ]);
    const alb = cost!.lines.find((l) => l.item.startsWith("public IPv4 addresses (one per AZ)"))!;
    expect(alb).to.deep.include({ component: "buddyverse-prod-web", basis: "2 × 730 h", monthlyUsd: 7.3 });
    const keys = cost!.lines.filter((l) => l.item === "KMS key");
    expect(keys.every((k) => k.monthlyUsd === 1)).to.equal(true);
    const nat = cost!.lines.find((l) => l.item === "NAT gateway")!;
    expect(nat).to.deep.include({ quantity: 730, unitUsd: null, monthlyUsd: null });
    expect(cost!.unpriced.some((u) => u.item === "NAT gateway")).to.equal(true);
    const db = cost!.lines.find((l) => l.item === "RDS gp3 storage" && l.name.endsWith("-primary"))!;
    expect(db).to.deep.include({ quantity: 100, basis: "50 GB × 2 (Multi-AZ)" });
  });

  it("dev: the NAT instance replaces two NAT gateways (no NAT gateway hours, one t4g.nano)", async () => {
    const { cost } = (await plans()).dev.plan;
    expect(cost!.lines.filter((l) => l.item === "NAT gateway")).to.deep.equal([]);
    expect(cost!.lines.filter((l) => l.item === "EC2 t4g.nano").map((l) => l.component)).to.deep.equal([
      "buddyverse-dev-network",
    ]);
  });
});
