/** One `StateUpdate` item of DescribeAlarmHistory. */
export interface StateChange {
  readonly alarmName: string;
  readonly timestamp: Date;
  readonly oldState: string;
  readonly newState: string;
}

export interface AlarmSpell {
  readonly start: Date;
  readonly end: Date;
  /** Still in ALARM when the report's window ended. */
  readonly ongoing: boolean;
}

export interface FiredAlarm {
  readonly alarmName: string;
  readonly region: string;
  readonly spells: readonly AlarmSpell[];
  readonly totalMs: number;
}

/** The `oldState`/`newState` of an alarm history item's HistoryData JSON; undefined when it has neither. */
export function parseStateChange(
  alarmName: string,
  timestamp: Date,
  historyData: string | undefined,
): StateChange | undefined {
  try {
    const data = JSON.parse(historyData ?? "") as {
      oldState?: { stateValue?: unknown };
      newState?: { stateValue?: unknown };
    };
    const oldState = data.oldState?.stateValue;
    const newState = data.newState?.stateValue;
    if (typeof oldState !== "string" || typeof newState !== "string") return undefined;
    return { alarmName, timestamp, oldState, newState };
  } catch {
    return undefined;
  }
}

/**
 * How long each alarm stayed in ALARM within [from, to): an alarm already in ALARM at `from` (its first change
 * leaves ALARM) counts from `from`; one still in ALARM at `to` counts to `to`. Only alarms that were in ALARM at
 * some point are returned, longest total first.
 */
export function firedAlarms(
  changes: readonly StateChange[],
  region: string,
  from: Date,
  to: Date,
): FiredAlarm[] {
  const byAlarm = new Map<string, StateChange[]>();
  for (const change of changes)
    byAlarm.set(change.alarmName, [...(byAlarm.get(change.alarmName) ?? []), change]);
  const fired: FiredAlarm[] = [];
  for (const [alarmName, list] of byAlarm) {
    const sorted = [...list].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    const spells: AlarmSpell[] = [];
    let since: Date | undefined = sorted[0]!.oldState === "ALARM" ? from : undefined;
    for (const change of sorted) {
      if (change.newState === "ALARM" && since === undefined) since = change.timestamp;
      else if (change.newState !== "ALARM" && since !== undefined) {
        spells.push({ start: since, end: change.timestamp, ongoing: false });
        since = undefined;
      }
    }
    if (since !== undefined) spells.push({ start: since, end: to, ongoing: true });
    if (spells.length === 0) continue;
    const totalMs = spells.reduce((sum, s) => sum + (s.end.getTime() - s.start.getTime()), 0);
    fired.push({ alarmName, region, spells, totalMs });
  }
  return fired.sort((a, b) => b.totalMs - a.totalMs || a.alarmName.localeCompare(b.alarmName));
}
