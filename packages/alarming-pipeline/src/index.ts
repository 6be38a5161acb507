export { AlarmingPipeline } from "./pipeline";
export { AlarmDashboard, dashboardUrl, type AlarmDashboardArgs } from "./dashboard";
export type {
  AlarmingPipelineArgs,
  AuditTrailArgs,
  AwsConfigArgs,
  ComparisonOperator,
  CostBudgetArgs,
  LogAlarmArgs,
  MetricAlarmArgs,
  OpsReportArgs,
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
export { MIRRORED_RULES } from "./aws-config";
export {
  DEFAULT_OPS_REPORT_SCHEDULE,
  OPS_REPORT_FILES,
  schedulePeriodSeconds,
  type OpsReport,
} from "./ops-report";
export { awsConfigSchema, opsReportSchema } from "./schema";
