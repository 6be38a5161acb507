/** How hard the notifier tries before it gives the message back to the queue (retried later, then the DLQ). */
export interface RetryOptions {
  /** Attempts that fail with 5xx, a timeout or a network error, including the first. @default 4 */
  readonly attempts: number;
  /** First backoff; doubles each retry, with full jitter. @default 500 */
  readonly baseDelayMs: number;
  /** Cap on one backoff (a server's Retry-After is honoured in full, within the time budget). @default 10000 */
  readonly maxDelayMs: number;
  /** Per-request timeout. @default 5000 */
  readonly timeoutMs: number;
  /** Hard cap on requests for one message, 429s included. @default 30 */
  readonly maxRequests: number;
}

export const defaultRetry: RetryOptions = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  timeoutMs: 5000,
  maxRequests: 30,
};

/**
 * Spaces the posts of one execution environment to the webhook: at most one per `minIntervalMs` (Slack's
 * incoming webhooks allow about one message per second), and none before a 429's Retry-After has passed.
 * Lambda runs one invocation at a time per environment, so the pacer lives as long as the environment.
 */
export class Pacer {
  private notBefore = 0;
  constructor(
    readonly minIntervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}
  /** Milliseconds until the next post may start. */
  waitMs(): number {
    return Math.max(0, this.notBefore - this.now());
  }
  /** A post starts now. */
  started(): void {
    this.notBefore = Math.max(this.notBefore, this.now() + this.minIntervalMs);
  }
  /** The server asked for a pause. */
  holdFor(ms: number): void {
    this.notBefore = Math.max(this.notBefore, this.now() + ms);
  }
}

export interface PostOptions {
  readonly retry?: Partial<RetryOptions>;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Milliseconds left in the invocation's budget; no wait or attempt starts that could not finish in it. */
  readonly remainingMs?: () => number;
  /** @default a pacer of its own (one post per second) */
  readonly pacer?: Pacer;
}

/** A webhook failure that retrying cannot fix (4xx other than 429): thrown at once. */
export class PermanentDeliveryError extends Error {}

/** Delivery failed for now; the message goes back to the queue. The message never contains the URL. */
export class DeliveryError extends Error {}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * An error described by its class only (and a system error code such as ECONNREFUSED): fetch's messages and
 * causes can carry the URL, which is the secret.
 */
export function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === "string" && /^[A-Z0-9_]+$/.test(cause.code) ? `/${cause.code}` : "";
  return `${error.name}${code}`;
}

/**
 * POSTs `payload` as JSON, paced by the pacer. Retries 429 (after its Retry-After), 5xx, network errors and
 * timeouts (with exponential backoff) while the time budget allows; then throws a {@link DeliveryError}.
 */
export async function postWithRetry(
  url: string,
  payload: unknown,
  options: PostOptions = {},
): Promise<{ attempts: number; throttled: number }> {
  const retry = { ...defaultRetry, ...options.retry };
  const doFetch = options.fetch ?? fetch;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const pacer = options.pacer ?? new Pacer(0);
  const body = JSON.stringify(payload);
  let lastProblem = "no attempt made";
  let made = 0;
  let failures = 0;
  let throttled = 0;
  let backoff = 0;

  for (;;) {
    const delay = Math.max(backoff, pacer.waitMs());
    const remaining = options.remainingMs?.();
    // The first request goes out whatever is left; no wait or retry starts that could not finish in time.
    if ((made > 0 || delay > 0) && remaining !== undefined && remaining < delay + retry.timeoutMs) {
      lastProblem += `; not enough time left for another attempt (${Math.max(0, remaining)} ms)`;
      break;
    }
    if (delay > 0) await wait(delay);
    made++;
    pacer.started();
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(Math.max(1, Math.ceil(retry.timeoutMs))),
      });
      await response.text().catch(() => "");
      if (response.ok) return { attempts: made, throttled };
      lastProblem = `HTTP ${response.status}`;
      if (response.status === 429) {
        throttled++;
        const asked = retryAfterMs(response.headers.get("retry-after"));
        pacer.holdFor(asked ?? Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.min(throttled, 10)));
        backoff = 0;
        // Without a time budget there is nothing to bound 429 retries by: they count as attempts.
        if (options.remainingMs === undefined) failures++;
      } else if (response.status >= 500) {
        failures++;
        backoff = Math.min(retry.maxDelayMs, Math.round(random() * retry.baseDelayMs * 2 ** (failures - 1)));
      } else throw new PermanentDeliveryError(`webhook rejected the message: HTTP ${response.status}`);
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw error;
      failures++;
      backoff = Math.min(retry.maxDelayMs, Math.round(random() * retry.baseDelayMs * 2 ** (failures - 1)));
      const name = (error as Error).name;
      lastProblem =
        name === "TimeoutError" || name === "AbortError"
          ? `no answer within ${retry.timeoutMs} ms`
          : `network error (${errorClass(error)})`;
    }
    if (failures >= retry.attempts || made >= retry.maxRequests) break;
  }
  throw new DeliveryError(
    `webhook delivery failed after ${made} attempt(s)${throttled ? ` (${throttled} throttled)` : ""}: ${lastProblem}`,
  );
}
