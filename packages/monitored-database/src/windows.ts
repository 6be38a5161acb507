/**
 * RDS's rules for the backup and maintenance windows (CreateDBInstance `PreferredBackupWindow` /
 * `PreferredMaintenanceWindow`, https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html):
 * UTC, "Must be at least 30 minutes", and each "Must not conflict with" the other. Windows are compared on a
 * weekly clock: the daily backup window recurs every day.
 */
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEK = 7 * 24 * 60;
export const MIN_WINDOW_MINUTES = 30;

const minutes = (hh: string, mm: string) => Number(hh) * 60 + Number(mm);

/** `hh:mm-hh:mm` → [start, end) in minutes of the day (end may pass midnight). */
export function dailyWindow(text: string): [number, number] | undefined {
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(text);
  if (!m) return undefined;
  const start = minutes(m[1]!, m[2]!);
  let end = minutes(m[3]!, m[4]!);
  if (end <= start) end += 24 * 60;
  return [start, end];
}

/** `ddd:hh:mm-ddd:hh:mm` → [start, end) in minutes of the week (end may pass Sunday midnight). */
export function weeklyWindow(text: string): [number, number] | undefined {
  const m = /^([a-z]{3}):(\d\d):(\d\d)-([a-z]{3}):(\d\d):(\d\d)$/.exec(text);
  if (!m || !DAYS.includes(m[1]!) || !DAYS.includes(m[4]!)) return undefined;
  const start = DAYS.indexOf(m[1]!) * 1440 + minutes(m[2]!, m[3]!);
  let end = DAYS.indexOf(m[4]!) * 1440 + minutes(m[5]!, m[6]!);
  if (end <= start) end += WEEK;
  return [start, end];
}

export const windowLength = ([start, end]: [number, number]) => end - start;

/** Whether a weekly window overlaps the daily one on any day. */
export function windowsOverlap(daily: [number, number], weekly: [number, number]): boolean {
  for (let day = -1; day <= 7; day++) {
    const start = daily[0] + day * 1440;
    const end = daily[1] + day * 1440;
    for (const shift of [-WEEK, 0, WEEK])
      if (start < weekly[1] + shift && weekly[0] + shift < end) return true;
  }
  return false;
}
