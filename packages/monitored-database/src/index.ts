export { MonitoredDatabase, MYSQL_PORT, INSTANCE_EVENT_CATEGORIES } from "./monitored-database";
export { validateMonitoredDatabaseArgs } from "./validate";
export { argsSchema as monitoredDatabaseArgsSchema } from "./schema";
export type { MonitoredDatabaseArgs, ReadReplicaSpec, DatabaseAlarmThresholds } from "./args";
export {
  UTF8MB4_PARAMETERS,
  SECURITY_AND_LOG_PARAMETERS,
  LOG_EXPORTS,
  AUDIT_PLUGIN_OPTION,
} from "./parameters";
export { instanceClassInfo, type InstanceClassInfo } from "./instance-class";
export { parseEngineVersion, type MysqlEngine } from "./engine";
