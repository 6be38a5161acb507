import { appendFileSync } from "node:fs";

export type Level = "ERROR" | "WARN" | "INFO";

/**
 * One line per event, the level first (`ERROR 2026-12-01T20:00:00.000Z message`), so a log metric filter
 * matching lines that start with ERROR counts real errors only (seed 004). Untrusted text (error messages,
 * host names) cannot break the line or forge another one: control characters are escaped.
 */
export function formatLine(level: Level, message: string, now = new Date()): string {
  const safe = message.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return `${level} ${now.toISOString()} ${safe}\n`;
}

export type Logger = (level: Level, message: string) => void;

/** Appends to the app log; if the file cannot be written the line goes to stderr (journald) instead. */
export function fileLogger(path: string): Logger {
  return (level, message) => {
    const line = formatLine(level, message);
    try {
      appendFileSync(path, line);
    } catch {
      process.stderr.write(line);
    }
  };
}
