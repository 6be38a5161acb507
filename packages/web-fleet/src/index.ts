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
  shQuote,
  EFS_MOUNT_OPTIONS,
  EFS_MOUNT_POINT,
  AGENT_CONFIG_PATH,
  type UserDataInput,
} from "./user-data";
export { ALB_TLS_POLICIES, ALLOWED_TLS_POLICIES } from "./tls-policies";
export { cloudWatchAgentConfig, AGENT_NAMESPACE, type AgentConfigInput } from "./cloudwatch-agent";
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
