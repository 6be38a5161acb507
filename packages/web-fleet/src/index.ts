export { WebFleet, WEB_FLEET_TYPE } from "./web-fleet";
export type {
  WebFleetArgs,
  ScalingMode,
  ScheduledAction,
  PredictiveScalingArgs,
  SpotMixArgs,
  PathRoute,
  ExistingListenerArgs,
  FleetAlarmThresholds,
  InstancePolicyStatement,
} from "./args";
export type { PolicyStatement, PolicyDocument } from "./iam-document";
export {
  parseWebFleetArgs,
  webFleetSchema,
  type WebFleetConfig,
  LOG_RETENTION_DAYS,
  EFS_IA_DAYS,
} from "./schema";
export {
  renderUserData,
  fleetBootSteps,
  bootGracePeriodSeconds,
  shQuote,
  EFS_MOUNT_POINT,
  EFS_MOUNT_OPTIONS,
  SHARED_DIRS,
  SHARED_FILES_UNITS,
  SHARED_HEALTH_FILE,
  AGENT_CONFIG_PATH,
  AGENT_CTL,
  APP_BOOTSTRAP_TIMEOUT_SECONDS,
  HEALTHY_MARGIN_SECONDS,
  type BootStep,
  type UserDataInput,
} from "./user-data";
export { ALB_TLS_POLICIES, ALLOWED_TLS_POLICIES } from "./tls-policies";
export {
  cloudWatchAgentConfig,
  AGENT_NAMESPACE,
  CLOUD_INIT_OUTPUT_LOG,
  type AgentConfigInput,
  type FleetLogGroups,
} from "./cloudwatch-agent";
export { APP_ERROR_PATTERN, WEB_SERVER_ERROR_PATTERN, BOOT_FAILED_PATTERN } from "./log-patterns";
export { APP_GID } from "./parts/shared-files";
export { AL2023_PARAMETER, isGraviton } from "./parts/fleet";
export {
  APP_USER,
  APP_UID,
  DATABASE_ENV_PATH,
  APP_ENV_PATH,
  RDS_CA_BUNDLE_PATH,
  RDS_CA_BUNDLE_URL,
  databaseEnvFile,
  type DatabaseEnvironment,
} from "./app-boot";
export { databaseSecretPolicy } from "./parts/instance-role";
