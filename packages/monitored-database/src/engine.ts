/** RDS for MySQL 8 versions the component accepts, and what follows from one. */
export interface MysqlEngine {
  /** As given: `8.0`, `8.4` (minor upgrades automatic) or a full version such as `8.0.39`. */
  readonly version: string;
  /** `8.0` or `8.4`: the option group's major engine version. */
  readonly major: "8.0" | "8.4";
  /** Parameter group family, e.g. `mysql8.0`. */
  readonly family: string;
}

/**
 * `8.0` / `8.4`, or a full version. 8.0 needs 8.0.28 or later: the MariaDB audit plugin (RDS.9 audit log) exists on
 * RDS for MySQL only from 8.0.28, and on every 8.4 version (AWS "Options for MySQL DB instances").
 */
export const ENGINE_VERSION_PATTERN = /^8\.(0|4)(?:\.(\d+))?$/;
export const ENGINE_VERSION_ALLOWED =
  'allowed: "8.0", "8.4", or a full version 8.0.28 or later / 8.4.x (the audit plugin needs 8.0.28+)';

export function parseEngineVersion(version: string): MysqlEngine | undefined {
  const match = ENGINE_VERSION_PATTERN.exec(version);
  if (!match) return undefined;
  const major = match[1] === "0" ? "8.0" : "8.4";
  if (major === "8.0" && match[2] !== undefined && Number(match[2]) < 28) return undefined;
  return { version, major, family: `mysql${major}` };
}
