// A storm condensed: the notifications of one batch become one message. State changes of the same alarm
// collapse into one line ("OK → ALARM → OK, 3 changes"); every other notification gets a line of its own.
// Nothing is dropped from the record: each notification is still e-mailed by the topic and logged by the handler.
import { fit, inline, plain, SLACK_LIMITS } from "./escape";
import { draftOf, field, formatNotification, isAlarm, mrkdwn, STATE_ICON } from "./format";
import type { ChatBlock, ChatMessage, Notification } from "./types";

export interface Outgoing {
  readonly message: ChatMessage;
  /** The notifications this message carries: delivered together, or retried together. */
  readonly notifications: readonly Notification[];
  /** How many of them were folded into another notification's line (same alarm, or a duplicate delivery). */
  readonly folded: number;
}

interface Line {
  readonly rank: number;
  readonly time: string;
  readonly text: string;
  readonly members: Notification[];
}

const STATE_RANK: Readonly<Record<string, number>> = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };

const timeOf = (n: Notification): string =>
  (n.body && isAlarm(n.body) ? field(n.body, "StateChangeTime") : "") || n.timestamp || "";

function alarmLine(members: Notification[]): Line {
  const sorted = [...members].sort((a, b) => timeOf(a).localeCompare(timeOf(b)));
  const last = sorted[sorted.length - 1]!.body!;
  const states = [
    field(sorted[0]!.body, "OldStateValue"),
    ...sorted.map((n) => field(n.body, "NewStateValue")),
  ];
  const state = field(last, "NewStateValue");
  const changes = sorted.length === 1 ? "" : ` (${sorted.length} changes)`;
  return {
    rank: STATE_RANK[state] ?? 1,
    time: timeOf(sorted[0]!),
    text:
      `${STATE_ICON[state] ?? ":grey_question:"} *${inline(field(last, "AlarmName"))}* ` +
      `${inline(states.join(" → "))}${changes} · ${inline(fit(field(last, "NewStateReason"), 160))}`,
    members,
  };
}

function otherLine(n: Notification): Line {
  return { rank: 3, time: timeOf(n), text: `• ${inline(fit(draftOf(n).title, 200))}`, members: [n] };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Packs lines into sections of at most 3,000 characters, within the 50-block limit; says what did not fit. */
function sections(lines: readonly string[], maxSections: number): ChatBlock[] {
  const out: string[] = [];
  let current = "";
  let shown = 0;
  for (const line of lines) {
    const piece = fit(line, SLACK_LIMITS.sectionText);
    if (current && current.length + 1 + piece.length > SLACK_LIMITS.sectionText) {
      out.push(current);
      current = "";
      // The last section is kept for the "…and N more" notice.
      if (out.length === maxSections - 1) break;
    }
    current = current ? `${current}\n${piece}` : piece;
    shown++;
  }
  if (current) out.push(current);
  if (shown < lines.length)
    out.push(`…and ${plural(lines.length - shown, "more line")} (in the e-mail notifications and the log)`);
  return out.map((text) => ({ type: "section", text: mrkdwn(text) }));
}

/** One message for the whole batch (one notification keeps its detailed format). */
export function condense(notifications: readonly Notification[]): Outgoing[] {
  if (notifications.length === 0) return [];
  // SQS delivers at least once, and SNS may repeat a message: one line per SNS message id.
  const unique = new Map<string, Notification>();
  for (const n of notifications) if (!unique.has(n.messageId)) unique.set(n.messageId, n);
  const distinct = [...unique.values()];
  if (distinct.length === 1)
    return [
      {
        message: formatNotification(distinct[0]!),
        notifications,
        folded: notifications.length - 1,
      },
    ];

  const alarms = new Map<string, Notification[]>();
  const lines: Line[] = [];
  for (const n of distinct) {
    if (n.body && isAlarm(n.body)) {
      const key = field(n.body, "AlarmArn") || field(n.body, "AlarmName");
      alarms.set(key, [...(alarms.get(key) ?? []), n]);
    } else lines.push(otherLine(n));
  }
  for (const members of alarms.values()) lines.push(alarmLine(members));
  lines.sort((a, b) => a.rank - b.rank || a.time.localeCompare(b.time));

  const inAlarm = lines.filter((l) => l.rank === 0).length;
  const title = `${plural(notifications.length, "notification")}: ${plural(alarms.size, "alarm")} changed state${inAlarm ? `, ${inAlarm} now in ALARM` : ""}${lines.length > alarms.size ? `, ${plural(lines.length - alarms.size, "other event")}` : ""}`;
  const times = distinct.map(timeOf).filter(Boolean).sort();
  const context = inline(
    `Condensed from ${plural(notifications.length, "notification")}${times.length ? ` (${times[0]} – ${times[times.length - 1]})` : ""}; each one is in the e-mail notifications and the notifier's log.`,
  );
  const header: ChatBlock = {
    type: "header",
    text: { type: "plain_text", text: plain(title, SLACK_LIMITS.header) },
  };
  const footer: ChatBlock = { type: "context", elements: [mrkdwn(fit(context, SLACK_LIMITS.sectionText))] };
  const body = sections(
    lines.map((l) => l.text),
    SLACK_LIMITS.blocks - 2,
  );
  const texts = lines.map((l) => l.text).join("\n");
  return [
    {
      message: {
        text: fit(`${inline(title)}\n${texts}`, SLACK_LIMITS.fallbackText),
        blocks: [header, ...body, footer],
        unfurl_links: false,
        unfurl_media: false,
      },
      notifications,
      folded: notifications.length - lines.length,
    },
  ];
}
