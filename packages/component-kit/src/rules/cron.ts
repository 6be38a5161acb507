/**
 * Cron expressions checked field by field, with AWS's ranges, so an out-of-range field fails at construction.
 *
 * - Auto Scaling scheduled actions (`recurrence`): "Unix cron syntax", 5 fields `minute hour day-of-month month
 *   day-of-week` (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html,
 *   API `PutScheduledUpdateGroupAction` Recurrence): minute 0-59, hour 0-23, day 1-31, month 1-12 or JAN-DEC,
 *   weekday 0-6 or SUN-SAT (7 is also Sunday in Unix cron); `*`, `,`, `-`, `/`.
 * - EventBridge schedules: `cron(min hour day-of-month month day-of-week year)`
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html): minutes 0-59,
 *   hours 0-23, day-of-month 1-31 with `? L W`, month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT with `? L #`,
 *   year 1970-2199; `?` in exactly one of the two day fields.
 */

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Extra single tokens allowed (EventBridge `?`, `L`, `LW`). */
  readonly specials?: RegExp;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** A value: a number in range, or a name (months from 1, weekdays from `namesFrom`). */
function valueOf(token: string, field: Field, namesFrom: number): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + namesFrom : undefined;
}

/** The problem with one field, or undefined when it is valid. */
function fieldProblem(text: string, field: Field, namesFrom: number): string | undefined {
  const bad = `${field.name} ${JSON.stringify(text)} (allowed ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ""})`;
  for (const part of text.split(",")) {
    if (field.specials?.test(part)) continue;
    const [range, step, ...extra] = part.split("/");
    if (extra.length > 0 || range === undefined || range === "") return bad;
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= field.max))
      return bad;
    if (range === "*") continue;
    const bounds = range.split("-");
    if (bounds.length > 2) return bad;
    const values = bounds.map((b) => valueOf(b, field, namesFrom));
    if (values.some((v) => v === undefined)) return bad;
    if (values.length === 2 && values[0]! > values[1]!) return bad;
  }
  return undefined;
}

const UNIX_FIELDS: readonly Field[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day-of-week", min: 0, max: 7, names: DAYS },
];

/** Why a 5-field Unix cron expression (Auto Scaling `recurrence`) is invalid, or undefined when it is valid. */
export function unixCronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return `5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  for (const [i, text] of fields.entries()) {
    const problem = fieldProblem(text, UNIX_FIELDS[i]!, i === 3 ? 1 : 0);
    if (problem) return problem;
  }
  return undefined;
}

const EVENTBRIDGE_FIELDS: readonly Field[] = [
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, specials: /^(\?|L|LW|([1-9]|[12]\d|3[01])W)$/ },
  { name: "month", min: 1, max: 12, names: MONTHS },
  {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: DAYS,
    specials: /^(\?|L|[1-7]L|[1-7]#[1-5]|(SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/i,
  },
  { name: "year", min: 1970, max: 2199 },
];

const RATE = /^rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)$/;

/** Why an EventBridge schedule expression is invalid, or undefined when it is valid. */
export function scheduleExpressionProblem(expression: string): string | undefined {
  if (expression.startsWith("rate("))
    return RATE.test(expression) ? undefined : "rate(N unit): 1 minute|hour|day, or N ≥ 2 minutes|hours|days";
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron) return "rate(…) or cron(…)";
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6)
    return `6 cron fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`;
  for (const [i, text] of fields.entries()) {
    const problem = fieldProblem(text, EVENTBRIDGE_FIELDS[i]!, 1);
    if (problem) return problem;
  }
  if ((fields[2] === "?") === (fields[4] === "?"))
    return "'?' in exactly one of day-of-month and day-of-week";
  return undefined;
}
