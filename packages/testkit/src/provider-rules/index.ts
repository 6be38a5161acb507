export {
  checkProviderRules,
  pathText,
  ProviderRuleChecker,
  ProviderRuleError,
  providerRulesTable,
} from "./check";
export { awsRules, type AwsRule, type Lookup, type Registered } from "./aws-rules";
export type { Check, RuleSpec, RulesTable, Segment } from "./types";
