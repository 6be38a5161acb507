export { AlarmingPipeline } from "./pipeline";
export { AlarmDashboard, dashboardUrl, type AlarmDashboardArgs } from "./dashboard";
export type {
  AlarmingPipelineArgs,
  AuditTrailArgs,
  ComparisonOperator,
  CostBudgetArgs,
  LogAlarmArgs,
  MetricAlarmArgs,
  ScheduleArgs,
  ScheduleTargetArgs,
  SlaMonitorArgs,
  TreatMissingData,
} from "./args";
export { CIS_METRIC_FILTERS, CIS_NAMESPACE, type CisMetricFilter } from "./cis";
export { AUTO_SCALING_DETAIL_TYPES, ROOT_ACTIVITY_PATTERN, SIGNIN_FAILURE_PATTERN } from "./events";
export { PUBLISHING_SERVICES } from "./topic";
export { NOTIFIER_RUNTIME } from "./notifier";
export { isValidPeriod, isValidScheduleExpression, LOG_RETENTION_DAYS } from "./schema";
export { alarmingPipelineSchema, validateAlarmingPipelineArgs } from "./schema";
