import { rejectArg, validateArgs } from "@cloudblocks/component-kit";
import type { MonitoredDatabaseArgs } from "./args";
import { RDS_IDENTIFIER } from "./log-groups";
import { resolveArgs } from "./resolve";
import { argsSchema, type ParsedArgs } from "./schema";

/**
 * Every construction-time rule of MonitoredDatabase (ALL-1): the arguments, and the component name as part of
 * the instance identifiers (`<name>-primary`, `<name>-replica-<key>`; Aurora: `<name>-cluster`, `<name>-writer`,
 * `<name>-reader-<key>`), explicit so their log groups can exist before they do. Exported so a program can validate everything before it creates its first resource.
 */
export function validateMonitoredDatabaseArgs(name: string, args: MonitoredDatabaseArgs): ParsedArgs {
  const parsed = validateArgs("MonitoredDatabase", argsSchema, args);
  const r = resolveArgs(parsed);
  const identifiers =
    r.kind === "aurora-mysql"
      ? [`${name}-cluster`, `${name}-writer`, ...r.replicas.map((reader) => `${name}-reader-${reader.key}`)]
      : [`${name}-primary`, ...r.replicas.map((replica) => `${name}-replica-${replica.key}`)];
  for (const identifier of identifiers) {
    if (!RDS_IDENTIFIER.test(identifier)) {
      rejectArg(
        "MonitoredDatabase",
        "name",
        name,
        `allowed: a name that makes "${identifier}" a valid RDS identifier (1-63 lower-case letters, digits and single hyphens, starting with a letter)`,
      );
    }
  }
  return parsed;
}
