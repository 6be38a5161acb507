/**
 * CloudWatch Logs filter patterns for the fleet's logs. Regex patterns (`%…%`) support `^` and `$` anchors,
 * character classes and top-level `|`, but no groups `( )` and only letters, digits and `: _ # = @ / ; , -` as
 * literal symbols (no space): see "Supported regular expressions (regex) syntax" in the CloudWatch Logs guide.
 * Each pattern is meant for one log group, so no other log's lines can match it.
 */

/** App log lines that start with ERROR (seed 004; TEAM.md: the level comes first, `ERROR <iso-time> <message>`). */
export const APP_ERROR_PATTERN = "%^ERROR%";

/**
 * Apache 2.4 error-log lines at level error or worse. The default ErrorLogFormat writes `[<time>] [<module>:<level>]
 * [pid …] …`, e.g. `[core:error]`, `[proxy:error]`, `[:error]` (a module without a name); levels in order are
 * emerg, alert, crit, error, warn, notice, info, debug, trace1-8.
 */
export const WEB_SERVER_ERROR_PATTERN = ["error", "crit", "alert", "emerg"]
  .map((level) => `\\[[a-z0-9_]*:${level}\\]`)
  .join("|")
  .replace(/^/, "%")
  .replace(/$/, "%");

/** The boot log's final line on a failed boot, `BOOT FAILED: <step>` (`.` stands for the space). */
export const BOOT_FAILED_PATTERN = "%^BOOT.FAILED:%";
