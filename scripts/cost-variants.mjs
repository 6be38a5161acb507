// `npm run cost:variants`: the monthly estimate of dev, prod and prod with each of the seed's cost-saving choices
// (a NAT instance instead of a NAT gateway per AZ; a spot mix in the fleet), as the markdown table in the README.
// Each variant is the real stack program planned offline with one config section changed; nothing else differs.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { readPolicyConfig, readStackFiles } from "@cloudblocks/testkit";
import { runPlanOf } from "../stacks/dist/src/plan/run-plan.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const withSection = (files, key, change) => ({
  ...files,
  config: { ...files.config, [key]: change(files.config[key]) },
});

const variants = [
  ["dev", "dev", (f) => f],
  ["prod", "prod", (f) => f],
  [
    "prod, NAT instance (`natMode: instance`, `t4g.nano`) instead of a NAT gateway per AZ",
    "prod",
    (f) =>
      withSection(f, "buddyverse:network", (n) => ({
        ...n,
        natMode: "instance",
        natInstance: { instanceType: "t4g.nano" },
      })),
  ],
  [
    "prod, spot mix (`spot: { onDemandBaseCapacity: 1, onDemandPercentageAboveBase: 0 }`)",
    "prod",
    (f) =>
      withSection(f, "buddyverse:fleet", (fleet) => ({
        ...fleet,
        spot: { onDemandBaseCapacity: 1, onDemandPercentageAboveBase: 0 },
      })),
  ],
];

const usd = (n) => `$${n.toFixed(2)}`;
const rows = [];
let prod;
for (const [name, stack, change] of variants) {
  const files = change(readStackFiles(root, stack));
  const { cost } = (await runPlanOf(files, stack, readPolicyConfig(root, stack))).plan;
  const part = (c) => cost.byComponent.find((x) => x.component === `buddyverse-${stack}-${c}`);
  const cell = (c) => {
    const p = part(c);
    return p ? `${usd(p.pricedMonthlyUsd)}${p.unpricedItems ? ` + ${p.unpricedItems} unpriced` : ""}` : "–";
  };
  if (name === "prod") prod = cost;
  const delta =
    prod && name !== "prod"
      ? ` (${cost.pricedMonthlyUsd - prod.pricedMonthlyUsd >= 0 ? "+" : "−"}${usd(Math.abs(cost.pricedMonthlyUsd - prod.pricedMonthlyUsd))} vs prod)`
      : "";
  const counts = new Map();
  for (const u of cost.unpriced) counts.set(u.item, (counts.get(u.item) ?? 0) + 1);
  const unpriced = [...counts].map(([item, n]) => (n > 1 ? `${item} ×${n}` : item)).join(", ");
  rows.push(
    `| ${name} | ${cell("network")} | ${cell("web")} | ${cell("db")} | ${cell("alarms")} | ${usd(cost.pricedMonthlyUsd)}${delta} | ${cost.unpriced.length}: ${unpriced} |`,
  );
}
console.log("| variant | network | web | db | alarms | priced total / month | unpriced items |");
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
