/** A DB parameter as `aws.rds.ParameterGroup` takes it. */
export interface DbParameter {
  readonly name: string;
  readonly value: string;
  readonly applyMethod: "immediate" | "pending-reboot";
}

/** DB-3: the seed's character sets and collations (seed 003, parameter group "utf8encoding"). */
export const UTF8MB4_PARAMETERS: Readonly<Record<string, string>> = {
  character_set_client: "utf8mb4",
  character_set_connection: "utf8mb4",
  character_set_database: "utf8mb4",
  character_set_results: "utf8mb4",
  character_set_server: "utf8mb4",
  collation_connection: "utf8mb4_general_ci",
  collation_server: "utf8mb4_unicode_ci",
};

/**
 * RDS.39: clients must use TLS. RDS.9: the general and slow query logs are written to files, which is what RDS
 * publishes to CloudWatch Logs (TABLE output would not be exported).
 */
export const SECURITY_AND_LOG_PARAMETERS: Readonly<Record<string, string>> = {
  require_secure_transport: "1",
  slow_query_log: "1",
  general_log: "1",
  log_output: "FILE",
  // Queries slower than 1 s count as slow; the MySQL default of 10 s hides most real problems.
  long_query_time: "1",
};

/** Every parameter is dynamic in MySQL 8, so all apply without a reboot. */
export function dbParameters(): DbParameter[] {
  return Object.entries({ ...UTF8MB4_PARAMETERS, ...SECURITY_AND_LOG_PARAMETERS }).map(([name, value]) => ({
    name,
    value,
    applyMethod: "immediate",
  }));
}

/** RDS.9 for MySQL: the four logs RDS can publish to CloudWatch Logs. */
export const LOG_EXPORTS = ["audit", "error", "general", "slowquery"] as const;

/** The option that produces the `audit` log (MariaDB audit plugin, RDS for MySQL 8.0.28+ and 8.4). */
export const AUDIT_PLUGIN_OPTION = {
  optionName: "MARIADB_AUDIT_PLUGIN",
  optionSettings: [
    // Connections and DDL/DCL changes: who got in and who changed schema or grants, without logging every SELECT.
    { name: "SERVER_AUDIT_EVENTS", value: "CONNECT,QUERY_DDL,QUERY_DCL" },
    { name: "SERVER_AUDIT_EXCL_USERS", value: "rdsadmin" },
  ],
};
