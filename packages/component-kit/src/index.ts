export {
  ArgsValidationError,
  validateArgs,
  parseWithProblems,
  rejectArg,
  formatPath,
  formatValue,
  unknownKeyMessage,
  type ParseOutcome,
} from "./validate";
export { argsObject, objectKeysAt, strippingObjectPaths } from "./strict";
export {
  SECRET_VALUE,
  isSecretLikeKey,
  looksLikeSecretValue,
  redactSecrets,
  redactText,
  secretLikeKeyPaths,
} from "./secrets";
export { nearestKey } from "./suggest";
export { azSuffix, regionOfAz } from "./naming";
export type { NetworkRef, AlarmSink, MetricDescriptor, DatabaseRef } from "./contracts";
export { parseCidr, formatCidr, blockSize, cidrContains, cidrsOverlap, type Ipv4Block } from "./cidr";
export {
  policyDocument,
  assumedBy,
  accountAdministersKey,
  type PolicyDocument,
  type PolicyStatement,
  type Principal,
} from "./iam";
export { LOG_RETENTION_DAYS, isLogRetentionDays, type LogRetentionDays } from "./cloudwatch";
export {
  renderBootScript,
  bootBoundSeconds,
  retryBoundSeconds,
  retryDelays,
  shQuote,
  BOOT_LOG_PATH,
  BOOT_OK_LINE,
  BOOT_FAILED_PREFIX,
  STEP_KILL_AFTER_SECONDS,
  type BootStep,
  type BootScriptSpec,
} from "./boot-script";
export {
  COST_ALLOCATION_TAG,
  TAGGABLE_TYPES,
  UNTAGGABLE_TYPES,
  costAllocationTransform,
  withCostAllocationTag,
} from "./tags";
export {
  AZ_LETTERS_BY_REGION,
  availabilityZonesOf,
  unknownAvailabilityZone,
} from "./rules/availability-zones";
export { unixCronProblem, scheduleExpressionProblem } from "./rules/cron";
export { isIanaTimeZone, TIME_ZONE_ALLOWED } from "./rules/time-zones";
export { isEc2InstanceType } from "./rules/instance-types";
export { isDomainName, isEmailAddress, EMAIL_ALLOWED, DOMAIN_ALLOWED } from "./rules/names";
