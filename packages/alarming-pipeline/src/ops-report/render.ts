import type { FiredAlarm } from "./alarm-history";
import type { Availability } from "./availability";
import type { ScalingActivity, SpendGroup } from "./aws";
import { formatDuration, formatTime } from "./time";

/**
 * The longest part the chat notifier posts whole: it cuts plain-text messages at 2900 characters
 * (`formatRecord` in ../handler/format.ts, under Slack's 3000-character section limit).
 */
export const CHAT_PART_LIMIT = 2900;

export interface Report {
  readonly title: string;
  readonly timeZone: string;
  readonly generatedAt: Date;
  readonly availability?: { readonly day: Availability; readonly month: Availability; readonly url?: string };
  readonly spend?: {
    readonly groups: readonly SpendGroup[];
    readonly monthToDate: number;
    readonly forecastMonthEnd: number | undefined;
    readonly budgetUsd: number | undefined;
    readonly tagKey: string;
    readonly noCompleteDayYet: boolean;
  };
  readonly scaling: readonly { readonly group: string; readonly activities: readonly ScalingActivity[] }[];
  readonly alarms: readonly FiredAlarm[];
}

/** Text from AWS (alarm names, activity causes) cannot open links or mentions in chat, nor break lines. */
export function clean(text: string, max = 300): string {
  const flat = text
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const usd = (n: number) => `$${n.toFixed(2)}`;
const percent = (n: number | undefined) => (n === undefined ? "no data" : `${n.toFixed(3)} %`);

function availabilityLines(label: string, a: Availability, timeZone: string): string[] {
  const lines = [
    `${label}: uptime ${percent(a.uptimePercent)}, down ${formatDuration(a.downtimeMs)} in ${a.windows.length} window(s)` +
      (a.noDataMs > 0 ? `, no data ${formatDuration(a.noDataMs)}` : ""),
  ];
  for (const w of a.windows)
    lines.push(
      `  • ${formatTime(w.start, timeZone)} → ${w.ongoing ? "ongoing" : formatTime(w.end, timeZone)} (${formatDuration(w.durationMs)})`,
    );
  return lines;
}

/** The report as lines; every line is short enough to fit a chat part on its own. */
export function reportLines(report: Report): string[] {
  const tz = report.timeZone;
  const lines: string[] = [`Generated ${formatTime(report.generatedAt, tz)} (${tz})`, ""];
  if (report.availability) {
    const { day, month, url } = report.availability;
    lines.push(`*Availability*${url ? ` of ${clean(url)}` : ""} (Route 53 health check)`);
    lines.push(...availabilityLines("Last 24 h", day, tz), ...availabilityLines("This month", month, tz), "");
  }
  if (report.spend) {
    const s = report.spend;
    lines.push(`*Spend this month* (Cost Explorer, unblended, by ${s.tagKey})`);
    if (s.noCompleteDayYet) lines.push("No complete day yet this month.");
    else if (s.groups.length === 0) lines.push("No spend recorded yet.");
    for (const g of [...s.groups].sort((a, b) => b.amount - a.amount))
      lines.push(`  • ${clean(g.component || "(untagged)", 120)}: ${usd(g.amount)}`);
    const budget = s.budgetUsd;
    lines.push(
      `Month to date ${usd(s.monthToDate)}${budget ? ` of ${usd(budget)} budget (${((100 * s.monthToDate) / budget).toFixed(1)} %)` : ""}`,
      s.forecastMonthEnd === undefined
        ? "Forecast: not available yet (Cost Explorer needs more history)"
        : `Forecast for the month ${usd(s.forecastMonthEnd)}${budget ? ` (${((100 * s.forecastMonthEnd) / budget).toFixed(1)} % of budget)` : ""}`,
      "",
    );
  }
  for (const { group, activities } of report.scaling) {
    lines.push(`*Scaling activities of ${clean(group, 120)}* (last 24 h): ${activities.length}`);
    for (const a of activities)
      lines.push(
        `  • ${formatTime(a.startTime, tz)} ${clean(a.statusCode, 40)}: ${clean(a.description, 200)}`,
      );
    lines.push("");
  }
  lines.push(`*Alarms that fired* (last 24 h): ${report.alarms.length}`);
  for (const alarm of report.alarms) {
    const spells = alarm.spells
      .map((s) => `${formatTime(s.start, tz)} → ${s.ongoing ? "still in ALARM" : formatTime(s.end, tz)}`)
      .join(", ");
    lines.push(
      `  • ${clean(alarm.alarmName, 255)} (${alarm.region}): ${formatDuration(alarm.totalMs)} in ALARM — ${spells}`,
    );
  }
  return lines;
}

/**
 * Splits the lines into parts of at most `limit` characters, breaking between lines (a longer line is cut),
 * so each part reaches chat whole as its own message.
 */
export function splitIntoParts(lines: readonly string[], limit = CHAT_PART_LIMIT): string[] {
  const parts: string[] = [];
  let current = "";
  for (const raw of lines) {
    const line = raw.length > limit ? `${raw.slice(0, limit - 1)}…` : raw;
    const next = current === "" ? line : `${current}\n${line}`;
    if (next.length > limit) {
      parts.push(current);
      current = line;
    } else current = next;
  }
  if (current.trim() !== "") parts.push(current);
  return parts;
}
