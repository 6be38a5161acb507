import type { CostEstimate } from "./estimate";

const usd = (n: number | null) => (n === null ? "unpriced" : `$${n.toFixed(2)}`);

/** Each price a priced line used, once: key, rate, and whether AWS's own row or a transcription, with its date. */
function pricesUsed(estimate: CostEstimate): string[] {
  const seen = new Map<string, string>();
  for (const l of estimate.lines)
    if (l.unitUsd !== null && !seen.has(l.priceKey))
      seen.set(l.priceKey, `  ${l.priceKey}: $${l.unitUsd}/${l.unit} (${l.origin}, ${l.asOf})`);
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}

/** The estimate as text: totals per component, every priced or unpriced line, the assumptions. */
export function renderCostText(estimate: CostEstimate): string {
  const lines = [
    `Monthly cost estimate (${estimate.currency}, ${estimate.region}, list prices from the vendored table)`,
    "",
    "Per component (priced lines; unpriced items come on top)",
    ...estimate.byComponent.map(
      (c) =>
        `  ${c.component.padEnd(32)} ${usd(c.pricedMonthlyUsd).padStart(10)}  + ${c.unpricedItems} unpriced item(s)`,
    ),
    `  ${"TOTAL".padEnd(32)} ${usd(estimate.pricedMonthlyUsd).padStart(10)}  + ${estimate.unpriced.length} unpriced item(s)`,
    "",
    "Per resource",
  ];
  for (const component of estimate.byComponent.map((c) => c.component)) {
    lines.push(`  ${component}`);
    for (const l of estimate.lines.filter((x) => x.component === component))
      lines.push(
        `    ${usd(l.monthlyUsd).padStart(10)}  ${l.item}: ${l.basis}${l.unitUsd === null ? "" : ` × $${l.unitUsd}/${l.unit}`}  (${l.name})`,
      );
    for (const u of estimate.unpriced.filter((x) => x.component === component && x.item === x.type))
      lines.push(`    ${"unpriced".padStart(10)}  ${u.type}: ${u.reason}`);
  }
  lines.push(
    "",
    `Not charged by themselves: ${estimate.free.length} resource(s) (VPC, subnets, IAM, policies, …)`,
    "",
    "Usage assumptions",
    ...Object.entries(estimate.assumptions).map(([k, v]) => `  ${k}: ${v}`),
    "",
    "Prices used (USD list prices; AWS free tiers and account-wide allowances are not deducted)",
    ...pricesUsed(estimate),
    "",
    "Prices missing from the table are listed as unpriced, never as free; see packages/testkit/src/plan/cost/prices.ts for each price's full source.",
  );
  return lines.join("\n");
}
