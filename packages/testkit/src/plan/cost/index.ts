export {
  estimateCost,
  type CostEstimate,
  type CostLine,
  type ComponentCost,
  type EstimateOptions,
  type UnpricedItem,
} from "./estimate";
export { renderCostText } from "./render";
export { DEFAULT_ASSUMPTIONS, type UsageAssumptions } from "./assumptions";
export { PRICES, type PriceEntry } from "./prices";
export { FREE_TYPES, RULES } from "./rules";
