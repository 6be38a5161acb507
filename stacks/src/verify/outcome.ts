import type { Outcome } from "./types";

export const verdict = (
  ok: boolean,
  measured: string,
  expected: string,
  details?: readonly string[],
): Outcome => ({
  status: ok ? "pass" : "fail",
  measured,
  expected,
  ...(details && details.length > 0 ? { details } : {}),
});

export const skipped = (why: string, expected = "—"): Outcome => ({
  status: "skip",
  measured: why,
  expected,
});

/** The site's host names: the domain and `www.` when there is one, else the ALB's (HTTP-only stacks such as dev). */
export function siteHost(siteUrl: string): string {
  return new URL(siteUrl).hostname;
}
