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
