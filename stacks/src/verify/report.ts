import type { RunReport } from "./runner";
import { seconds } from "./wait";

/**
 * The summary table printed at the end: one row per scenario (result, id, time, what it measured) with the
 * expectation under it, then the details of what failed and what was restored.
 */
export function renderTable(stack: string, report: RunReport): string {
  const idWidth = Math.max(8, ...report.results.map((r) => r.id.length));
  const timeWidth = Math.max(4, ...report.results.map((r) => seconds(r.durationMs).length));
  const indent = " ".repeat(7 + idWidth + 2 + timeWidth + 2);
  const count = (status: string) => report.results.filter((r) => r.status === status).length;
  const out = [
    `verify ${stack}: ${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped${report.interrupted ? " (interrupted)" : ""}`,
    "",
    `${"result".padEnd(7)}${"scenario".padEnd(idWidth + 2)}${"time".padEnd(timeWidth + 2)}measured / expected`,
  ];
  for (const r of report.results) {
    out.push(
      `${r.status.toUpperCase().padEnd(7)}${r.id.padEnd(idWidth + 2)}${seconds(r.durationMs).padEnd(timeWidth + 2)}${r.measured}`,
    );
    out.push(`${indent}expected: ${r.expected}`);
    if (r.status === "fail") for (const d of r.details ?? []) out.push(`${indent}- ${d}`);
  }
  if (report.restored.length > 0) out.push("", ...report.restored);
  return out.join("\n");
}

/** `--json`: everything, for CI. */
export function renderJson(stack: string, report: RunReport): string {
  return JSON.stringify(
    {
      stack,
      passed: report.results.filter((r) => r.status === "pass").length,
      failed: report.results.filter((r) => r.status === "fail").length,
      skipped: report.results.filter((r) => r.status === "skip").length,
      interrupted: report.interrupted,
      results: report.results,
      restored: report.restored,
    },
    null,
    2,
  );
}
