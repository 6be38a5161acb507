import type { PlanResource } from "../model";
import { DEFAULT_ASSUMPTIONS, type UsageAssumptions } from "./assumptions";
import { PRICES, type PriceEntry } from "./prices";
import { FREE_REASON, FREE_TYPES, RULES } from "./rules";

/** The tag the cloudblocks components put on their children (component-kit's COST_ALLOCATION_TAG). */
const COMPONENT_TAG = "cloudblocks:component";

export interface CostLine {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly component: string;
  readonly item: string;
  readonly basis: string;
  readonly quantity: number;
  readonly priceKey: string;
  /** USD per unit; null when the table has no price for it. */
  readonly unitUsd: number | null;
  readonly unit: string;
  /** quantity × unitUsd; null when unpriced. */
  readonly monthlyUsd: number | null;
  readonly source: string;
  /** The price's origin (AWS's own row, a transcription, or none) and the date its source states. */
  readonly origin: PriceEntry["origin"];
  readonly asOf: string | null;
}

export interface UnpricedItem {
  readonly urn: string;
  readonly type: string;
  readonly component: string;
  readonly item: string;
  readonly reason: string;
}

export interface ComponentCost {
  readonly component: string;
  /** Sum of the priced lines; the unpriced ones come on top. */
  readonly pricedMonthlyUsd: number;
  readonly unpricedItems: number;
}

export interface CostEstimate {
  readonly region: string;
  readonly currency: "USD";
  readonly assumptions: UsageAssumptions;
  readonly lines: readonly CostLine[];
  readonly free: readonly { readonly urn: string; readonly type: string; readonly reason: string }[];
  readonly unpriced: readonly UnpricedItem[];
  readonly byComponent: readonly ComponentCost[];
  readonly pricedMonthlyUsd: number;
}

export interface EstimateOptions {
  /** The region of resources without their own `region` input. */
  readonly region: string;
  readonly assumptions?: Partial<UsageAssumptions>;
  readonly prices?: Readonly<Record<string, PriceEntry>>;
}

function componentOf(r: PlanResource, byUrn: ReadonlyMap<string, PlanResource>): string {
  const tags = r.inputs["tags"];
  const tag = Array.isArray(tags)
    ? (tags as { key?: string; value?: string }[]).find((t) => t.key === COMPONENT_TAG)?.value
    : (tags as Record<string, unknown> | undefined)?.[COMPONENT_TAG];
  if (typeof tag === "string") return tag;
  // Untaggable children: the outermost component above them (the one whose transform tags its taggable ones).
  let owner = "(no component)";
  for (let p = r.parent ? byUrn.get(r.parent) : undefined; p; p = p.parent ? byUrn.get(p.parent) : undefined)
    if (!p.custom && p.type.startsWith("cloudblocks:")) owner = p.name;
  return owner;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The monthly estimate of a plan: each billable resource's charges (hours × rate, plus the stated usage
 * assumptions) priced from the vendored table. A charge whose price the table lacks is listed as unpriced,
 * and so is a resource type the estimator does not know; nothing is counted as free without a stated reason.
 */
export function estimateCost(resources: readonly PlanResource[], options: EstimateOptions): CostEstimate {
  const assumptions = { ...DEFAULT_ASSUMPTIONS, ...options.assumptions };
  const prices = options.prices ?? PRICES;
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const byId = new Map(resources.filter((r) => r.id).map((r) => [r.id!, r]));
  const lines: CostLine[] = [];
  const free: CostEstimate["free"][number][] = [];
  const unpriced: UnpricedItem[] = [];

  for (const r of resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
    const component = componentOf(r, byUrn);
    const region = typeof r.inputs["region"] === "string" ? r.inputs["region"] : options.region;
    const rule = RULES[r.type];
    if (!rule) {
      if (FREE_TYPES.has(r.type)) free.push({ urn: r.urn, type: r.type, reason: FREE_REASON });
      else
        unpriced.push({
          urn: r.urn,
          type: r.type,
          component,
          item: r.type,
          reason: "no pricing rule for this resource type",
        });
      continue;
    }
    const rating = rule(r, { assumptions, byId });
    if (rating.kind === "free") {
      free.push({ urn: r.urn, type: r.type, reason: rating.reason });
      continue;
    }
    for (const charge of rating.charges) {
      const key = charge.priceKey.startsWith("global/") ? charge.priceKey : `${region}/${charge.priceKey}`;
      const price = prices[key];
      const unitUsd = price?.usd ?? null;
      const monthlyUsd =
        charge.quantity === 0 ? 0 : unitUsd === null ? null : round(charge.quantity * unitUsd);
      lines.push({
        urn: r.urn,
        type: r.type,
        name: r.name,
        component,
        item: charge.item,
        basis: charge.basis,
        quantity: charge.quantity,
        priceKey: key,
        unitUsd,
        unit: price?.unit ?? "(not in the price table)",
        monthlyUsd,
        source: price?.source ?? "not in the price table",
        origin: price?.origin ?? "none",
        asOf: price?.retrieved ?? null,
      });
      if (monthlyUsd === null)
        unpriced.push({
          urn: r.urn,
          type: r.type,
          component,
          item: charge.item,
          reason: price ? price.source : `no entry ${key} in the price table`,
        });
    }
  }

  const components = [
    ...new Set([...lines.map((l) => l.component), ...unpriced.map((u) => u.component)]),
  ].sort();
  const byComponent = components.map((component) => ({
    component,
    pricedMonthlyUsd: round(
      lines.filter((l) => l.component === component).reduce((s, l) => s + (l.monthlyUsd ?? 0), 0),
    ),
    unpricedItems: unpriced.filter((u) => u.component === component).length,
  }));
  return {
    region: options.region,
    currency: "USD",
    assumptions,
    lines,
    free,
    unpriced,
    byComponent,
    pricedMonthlyUsd: round(byComponent.reduce((s, c) => s + c.pricedMonthlyUsd, 0)),
  };
}
