/**
 * IANA time zone names. Source: the IANA tz database as compiled into Node's ICU (Node 22: tz 2026c):
 * `Intl.supportedValuesOf("timeZone")` lists the canonical names, and `Intl.DateTimeFormat` accepts the IANA
 * aliases too (`Etc/UTC`, `US/Pacific`). Authoritative enough: it is the same database AWS cites (Auto Scaling
 * `TimeZone`: "the canonical names of the IANA time zones, derived from the IANA Time Zone Database"), and it
 * needs no vendored copy to keep current.
 */
let canonical: ReadonlySet<string> | undefined;
/**
 * Answers for other spellings (aliases, links, `asia/seoul`): asking Intl.DateTimeFormat costs 0.2 ms each and the
 * first one 90 ms (ICU's formatter data), where listing the canonical names costs 10 ms. Bounded: arbitrary strings
 * (fuzzed input) must not grow it without end.
 */
const answered = new Map<string, boolean>();

/** An IANA time-zone name this Node.js knows, canonical or alias (the canonical names listed on first use). */
export function isIanaTimeZone(name: string): boolean {
  canonical ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (canonical.has(name)) return true;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  let known = answered.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (answered.size < 1000) answered.set(name, known);
  }
  return known;
}

/** The house message for a name {@link isIanaTimeZone} refuses. */
export const TIME_ZONE_ALLOWED = "allowed: an IANA time zone such as Asia/Seoul or Etc/UTC";
