export { policies } from "./policies";
export {
  runPolicies,
  azLossReport,
  type PolicySubject,
  type PolicyReport,
  type PolicyViolation,
  type PolicyPackConfig,
} from "./runner";
export { STANDARD_TAG_KEYS, TAGGABLE_TYPES, UNTAGGABLE_TYPES } from "./rules/tagging";
export type { CloudblocksPolicy } from "./types";
export {
  analyseAzLoss,
  AZ_LOSS_TIERS,
  type AzLossReport,
  type AzLossRow,
  type AzLossTier,
} from "./az-loss/analysis";
