/**
 * IANA time zone names. Source: the IANA tz database as compiled into Node's ICU (Node 22: tz 2026c):
 * `Intl.supportedValuesOf("timeZone")` lists the canonical names, and `Intl.DateTimeFormat` accepts the IANA
 * aliases too (`Etc/UTC`, `US/Pacific`). Authoritative enough: it is the same database AWS cites (Auto Scaling
 * `TimeZone`: "the canonical names of the IANA time zones, derived from the IANA Time Zone Database"), and it
 * needs no vendored copy to keep current.
 */
const CANONICAL = new Set(Intl.supportedValuesOf("timeZone"));

export function isIanaTimeZone(name: string): boolean {
  if (CANONICAL.has(name)) return true;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
