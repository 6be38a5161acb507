import { MINUTE } from "./time";

/** One `HealthCheckStatus` datapoint: the Minimum over the period (1 healthy, 0 unhealthy). */
export interface StatusPoint {
  readonly timestamp: Date;
  readonly value: number;
}

export interface DowntimeWindow {
  readonly start: Date;
  readonly end: Date;
  readonly durationMs: number;
  /** Still down when the report's window ended. */
  readonly ongoing: boolean;
}

export interface Availability {
  readonly from: Date;
  readonly to: Date;
  /** Healthy share of the periods that have data, in %; undefined when no period has data. */
  readonly uptimePercent: number | undefined;
  readonly downtimeMs: number;
  /** Time with no datapoint at all (the check missing or not yet created): neither up nor down. */
  readonly noDataMs: number;
  readonly windows: readonly DowntimeWindow[];
}

/**
 * Availability over [from, to) from per-period datapoints. A period whose Minimum is below 1 had at least one
 * failing Route 53 checker report: it counts as down, which is what the SLA alarm also treats as down.
 * Consecutive down periods form one window, from the first down period's start to the end of the last one.
 */
export function availabilityOf(
  points: readonly StatusPoint[],
  periodSeconds: number,
  from: Date,
  to: Date,
): Availability {
  const periodMs = periodSeconds * 1000;
  const sorted = [...points]
    .filter((p) => p.timestamp >= from && p.timestamp < to)
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const windows: DowntimeWindow[] = [];
  let open: { start: Date; end: Date } | undefined;
  let down = 0;
  for (const point of sorted) {
    const periodEnd = new Date(Math.min(point.timestamp.getTime() + periodMs, to.getTime()));
    if (point.value < 1) {
      down++;
      if (open && open.end.getTime() === point.timestamp.getTime()) open.end = periodEnd;
      else {
        if (open) windows.push(close(open, false));
        open = { start: point.timestamp, end: periodEnd };
      }
    } else if (open) {
      windows.push(close(open, false));
      open = undefined;
    }
  }
  if (open) windows.push(close(open, open.end.getTime() >= to.getTime() - MINUTE));
  const covered = sorted.length * periodMs;
  const span = to.getTime() - from.getTime();
  return {
    from,
    to,
    uptimePercent: sorted.length === 0 ? undefined : (100 * (sorted.length - down)) / sorted.length,
    downtimeMs: windows.reduce((sum, w) => sum + w.durationMs, 0),
    noDataMs: Math.max(0, span - covered),
    windows,
  };
}

function close(window: { start: Date; end: Date }, ongoing: boolean): DowntimeWindow {
  return { ...window, durationMs: window.end.getTime() - window.start.getTime(), ongoing };
}
