// The ops report (issue 12): run on a schedule, it posts availability, spend by component, scaling activities
// and fired alarms to the alarm topic, so they reach chat and e-mail like any alarm. Runs on the nodejs22.x
// Lambda runtime with no bundled dependencies (the AWS SDK v3 clients come with the runtime).
import { firedAlarms, type FiredAlarm } from "./alarm-history";
import { availabilityOf } from "./availability";
import { sdkReportApi, type ReportApi } from "./aws";
import { reportLines, splitIntoParts, type Report } from "./render";
import { DAY, dayStart, isoDate, monthStart, nextMonthStart } from "./time";

/** What the function is told through its environment (set by the component; no secret among them). */
export interface ReportSettings {
  readonly topicArn: string;
  readonly title: string;
  readonly homeRegion: string;
  readonly timeZone: string;
  readonly costTagKey: string;
  readonly healthCheckId?: string;
  readonly healthCheckUrl?: string;
  readonly autoScalingGroups: readonly string[];
  readonly alarmRegions: readonly string[];
  readonly budgetUsd?: number;
}

function required(env: NodeJS.ProcessEnv, key: string): string {
  const value = env[key];
  if (!value) throw new Error(`${key} is not set`);
  return value;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function settingsFrom(env: NodeJS.ProcessEnv): ReportSettings {
  const budget = env["MONTHLY_BUDGET_USD"] ? Number(env["MONTHLY_BUDGET_USD"]) : undefined;
  if (budget !== undefined && !(budget > 0))
    throw new Error(`MONTHLY_BUDGET_USD: got ${env["MONTHLY_BUDGET_USD"]}; allowed: a positive number`);
  const homeRegion = required(env, "AWS_REGION");
  return {
    topicArn: required(env, "REPORT_TOPIC_ARN"),
    title: env["REPORT_TITLE"] || "Ops report",
    homeRegion,
    timeZone: env["REPORT_TIME_ZONE"] || "UTC",
    costTagKey: required(env, "COST_TAG_KEY"),
    healthCheckId: env["HEALTH_CHECK_ID"] || undefined,
    healthCheckUrl: env["HEALTH_CHECK_URL"] || undefined,
    autoScalingGroups: list(env["AUTO_SCALING_GROUPS"]),
    alarmRegions: list(env["ALARM_REGIONS"]).length > 0 ? list(env["ALARM_REGIONS"]) : [homeRegion],
    budgetUsd: budget,
  };
}

/** Gathers everything for the report ending at `now`. Any failed AWS call rejects: no half-true report. */
export async function buildReport(settings: ReportSettings, api: ReportApi, now: Date): Promise<Report> {
  const dayAgo = new Date(now.getTime() - DAY);
  const month = monthStart(now);

  const availability = settings.healthCheckId
    ? await (async () => {
        // One-minute data is kept 15 days, five-minute data 63 days: the month is read at five minutes.
        const [day, monthPoints] = await Promise.all([
          api.healthCheckStatus(settings.healthCheckId!, 60, dayAgo, now),
          api.healthCheckStatus(settings.healthCheckId!, 300, month, now),
        ]);
        return {
          day: availabilityOf(day, 60, dayAgo, now),
          month: availabilityOf(monthPoints, 300, month, now),
          url: settings.healthCheckUrl,
        };
      })()
    : undefined;

  // Cost Explorer's end date is exclusive and must follow the start: on the 1st there is no complete day yet.
  const today = dayStart(now);
  const noCompleteDayYet = today.getTime() === month.getTime();
  const groups = noCompleteDayYet
    ? []
    : await api.spendByTag(settings.costTagKey, isoDate(month), isoDate(today));
  const monthToDate = groups.reduce((sum, g) => sum + g.amount, 0);
  const rest = await api.forecast(isoDate(today), isoDate(nextMonthStart(now)));

  const scaling = [];
  for (const group of settings.autoScalingGroups)
    scaling.push({ group, activities: await api.scalingActivities(group, dayAgo) });

  const alarms: FiredAlarm[] = [];
  for (const region of settings.alarmRegions)
    alarms.push(...firedAlarms(await api.alarmStateChanges(region, dayAgo, now), region, dayAgo, now));

  return {
    title: settings.title,
    timeZone: settings.timeZone,
    generatedAt: now,
    availability,
    spend: {
      groups,
      monthToDate,
      forecastMonthEnd: rest === undefined ? undefined : monthToDate + rest,
      budgetUsd: settings.budgetUsd,
      tagKey: settings.costTagKey,
      noCompleteDayYet,
    },
    scaling,
    alarms: alarms.sort((a, b) => b.totalMs - a.totalMs),
  };
}

export interface ReportHandlerOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly api?: ReportApi;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/** Builds the handler: gather, render, publish each chat-sized part to the topic, in order. */
export function createReportHandler(options: ReportHandlerOptions = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  return async (): Promise<{ parts: number }> => {
    const settings = settingsFrom(options.env ?? process.env);
    const api = options.api ?? sdkReportApi(settings.homeRegion);
    const report = await buildReport(settings, api, (options.now ?? (() => new Date()))());
    const parts = splitIntoParts(reportLines(report));
    for (const [i, part] of parts.entries()) {
      // SNS subjects: at most 100 printable ASCII characters.
      const suffix = parts.length > 1 ? ` (${i + 1}/${parts.length})` : "";
      const subject = `${settings.title.replace(/[^\x20-\x7e]/g, "?").slice(0, 100 - suffix.length)}${suffix}`;
      await api.publish(settings.topicArn, subject, part);
    }
    log(JSON.stringify({ level: "info", parts: parts.length, alarms: report.alarms.length }));
    return { parts: parts.length };
  };
}

/** The Lambda entry point (`index.handler`). */
export const handler = createReportHandler();
