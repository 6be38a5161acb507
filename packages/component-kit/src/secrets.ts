/**
 * What counts as a secret in arguments and config, so no error message, plan or committed stack file ever shows
 * one (issue #10 item 4/5). Deliberately generous: masking a harmless value costs nothing, echoing a secret is a
 * leak.
 */

/** Shown instead of a secret's value in every message. */
export const SECRET_VALUE = "[secret]";

// A key names a secret when it says password/secret/token/… — unless it names where a secret lives (an ARN, id,
// name or path of a Secrets Manager secret or KMS key), which is exactly what config should hold instead.
const SECRET_KEY =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|private[-_]?key|ssh[-_]?key|access[-_]?key|credential|webhook(url)?|signing[-_]?key|client[-_]?secret)/i;
const REFERENCE_KEY = /(arn|arns|id|ids|name|names|path|parameter|ref|enabled|length)$/i;

/** Whether a key (`masterPassword`, `webhookUrl`, `dbPassword`) names a secret value rather than a reference to one. */
export function isSecretLikeKey(key: PropertyKey): boolean {
  const text = String(key);
  return SECRET_KEY.test(text) && !REFERENCE_KEY.test(text);
}

const SECRET_VALUES: readonly RegExp[] = [
  /hooks\.slack\.com\//i, // Slack incoming webhook: the URL is the credential
  /discord(app)?\.com\/api\/webhooks\//i,
  /\.webhook\.office\.com\//i, // Microsoft Teams
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^xox[abposr]-/, // Slack tokens
  /^(AKIA|ASIA)[A-Z0-9]{16}$/, // AWS access key id
  /^gh[pousr]_[A-Za-z0-9]{30,}$/, // GitHub tokens
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // credentials in a URL (https://user:password@host)
  /^https?:\/\/[^\s]*[?&](token|key|sig|signature|secret|password)=/i, // signed or token-bearing URL
];

/** Whether a value itself looks like a credential (a webhook URL, a private key, a token), whatever its key. */
export function looksLikeSecretValue(value: unknown): boolean {
  return typeof value === "string" && SECRET_VALUES.some((pattern) => pattern.test(value));
}

/**
 * A copy of `value` fit for a message: `[secret]` for itself when it looks like a credential or sits under a
 * secret-like key, and likewise for every nested value.
 */
export function redactSecrets(value: unknown, secretKey = false): unknown {
  if (secretKey && value !== undefined) return SECRET_VALUE;
  if (looksLikeSecretValue(value)) return SECRET_VALUE;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, redactSecrets(child, isSecretLikeKey(key))]),
    );
  }
  return value;
}

/** Paths (from the root) of every secret-like key in a plain config value, e.g. `[["database", "masterPassword"]]`. */
export function secretLikeKeyPaths(value: unknown, path: readonly PropertyKey[] = []): PropertyKey[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretLikeKeyPaths(item, [...path, i]));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) =>
    isSecretLikeKey(key) ? [[...path, key]] : secretLikeKeyPaths(child, [...path, key]),
  );
}

// Credential-looking substrings of a longer text (a message that quotes another value).
const SECRET_SUBSTRINGS: readonly RegExp[] = [
  /[a-z][a-z0-9+.-]*:\/\/[^\s"']*(hooks\.slack\.com|discord(app)?\.com\/api\/webhooks|\.webhook\.office\.com)[^\s"']*/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bxox[abposr]-[A-Za-z0-9-]+/g,
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{30,}/g,
  /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@"']+:[^/\s@"']+@[^\s"']*/gi,
];

/** `text` with every credential-looking substring replaced by `[secret]` (last line of defence for messages). */
export function redactText(text: string): string {
  return SECRET_SUBSTRINGS.reduce((acc, pattern) => acc.replace(pattern, SECRET_VALUE), text);
}
