// Untrusted text (alarm names and descriptions, user agents, event details, plain-text messages) goes through
// these before it reaches Slack. Slack treats `&`, `<` and `>` as control characters in mrkdwn: `<!channel>`
// notifies everyone and `<https://x|text>` is a disguised link. Escaping them as HTML entities is how Slack
// says to show them literally (https://docs.slack.dev/messaging/formatting-message-text#escaping).

/** Slack's limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  /** header block: plain_text, at most 150 characters. */
  header: 150,
  /** section block text, and any text object: at most 3000 characters. */
  sectionText: 3000,
  /** context block: at most 10 elements. */
  contextElements: 10,
  /** blocks in one message. */
  blocks: 50,
  /** Top-level `text`: Slack truncates beyond 40,000 and advises ~4,000; we keep the fallback short. */
  fallbackText: 3000,
} as const;

/** Escapes Slack's three control characters; nothing else (Slack decodes only these). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** One line: newlines and other control characters become a space, so a value cannot forge extra lines. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, " ").trim();
}

/**
 * A backtick in untrusted text would close the code span or fence around it; it is shown as the look-alike
 * U+02CB (ˋ) instead.
 */
export function noBackticks(text: string): string {
  return text.replace(/`/g, "\u02cb");
}

/** Untrusted single-line value for mrkdwn. */
export const inline = (value: string): string => escapeMrkdwn(oneLine(value));

/** Untrusted value as inline code: `value`. */
export const code = (value: string): string => "`" + escapeMrkdwn(noBackticks(oneLine(value))) + "`";

/**
 * Cuts `text` to at most `max` characters, ending with "…" when cut. Never splits an HTML entity (`&amp;`) or
 * a surrogate pair, so the result is still valid, escaped text.
 */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,3}$/, "");
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + "…";
}

/** Untrusted multi-line text as a fenced code block of at most `max` characters, fences included. */
export function codeBlock(text: string, max: number): string {
  return "```" + fit(escapeMrkdwn(noBackticks(text)), max - 6) + "```";
}

/** plain_text is never parsed for mentions or links; only control characters and the length are handled. */
export function plain(text: string, max: number): string {
  return fit(oneLine(text), max) || "Notification";
}
