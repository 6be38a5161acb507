import { INSTANCE_CLASS_PATTERN } from "./instance-class";

/**
 * Aurora MySQL 3 (MySQL 8.0-compatible) versions Aurora offers for new clusters, the ones not marked deprecated on
 * AWS "Database engine updates for Amazon Aurora MySQL version 3"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraMySQLReleaseNotes/AuroraMySQL.Updates.30Updates.html):
 * 3.04.x (long-term support), 3.08.0 to 3.11.1. `aws rds describe-db-engine-versions --engine aurora-mysql` is the
 * live list; refresh this one from it.
 */
export const AURORA_MYSQL_VERSIONS: readonly string[] = [
  "8.0.mysql_aurora.3.04.0",
  "8.0.mysql_aurora.3.04.1",
  "8.0.mysql_aurora.3.04.2",
  "8.0.mysql_aurora.3.04.3",
  "8.0.mysql_aurora.3.04.4",
  "8.0.mysql_aurora.3.08.0",
  "8.0.mysql_aurora.3.08.1",
  "8.0.mysql_aurora.3.08.2",
  "8.0.mysql_aurora.3.09.0",
  "8.0.mysql_aurora.3.10.0",
  "8.0.mysql_aurora.3.10.1",
  "8.0.mysql_aurora.3.10.2",
  "8.0.mysql_aurora.3.10.3",
  "8.0.mysql_aurora.3.11.0",
  "8.0.mysql_aurora.3.11.1",
];
export const AURORA_DEFAULT_VERSION = "8.0.mysql_aurora.3.10.1";
/** Parameter group family of every Aurora MySQL 3 version (cluster and instance groups alike). */
export const AURORA_MYSQL_FAMILY = "aurora-mysql8.0";
export const AURORA_VERSION_ALLOWED = `allowed: an Aurora MySQL 3 version: ${AURORA_MYSQL_VERSIONS.join(", ")}`;

/**
 * Provisioned classes Aurora MySQL 3 runs on: memory optimised db.r5/r6g/r6i/r7g/r7i/r8g, db.x2g, and the
 * burstable db.t3/t4g medium and large (AWS "Supported DB engines for DB instance classes", Aurora User Guide,
 * Concepts.DBInstanceClass.SupportAurora). No micro or small class exists for Aurora.
 */
const AURORA_SERIES = new Set(["r5", "r6g", "r6i", "r7g", "r7i", "r8g", "x2g"]);
const AURORA_BURSTABLE = new Set(["t3.medium", "t3.large", "t4g.medium", "t4g.large"]);
export const AURORA_CLASS_ALLOWED =
  "allowed: an Aurora MySQL class: db.r5/r6g/r6i/r7g/r7i/r8g/x2g (large and up), or db.t3/t4g medium or large";

export function isAuroraInstanceClass(name: string): boolean {
  const match = INSTANCE_CLASS_PATTERN.exec(name);
  if (!match) return false;
  const [, series, generation, attributes, size] = match;
  const family = `${series}${generation}${attributes}`;
  if (series === "t") return AURORA_BURSTABLE.has(`${family}.${size}`);
  return AURORA_SERIES.has(family) && !["nano", "micro", "small", "medium"].includes(size!);
}

/** Burstable classes lack Performance Insights' full support only below medium, which Aurora does not offer. */
export const AURORA_DEFAULT_CLASS = "db.r6g.large";
