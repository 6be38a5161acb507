/** How hard the notifier tries before it gives up and throws (so Lambda retries, then the dead-letter queue). */
export interface RetryOptions {
  /** Total attempts, including the first. @default 4 */
  readonly attempts: number;
  /** First backoff; doubles each retry, with full jitter. @default 500 */
  readonly baseDelayMs: number;
  /** Cap on one wait, including a server's Retry-After. @default 10000 */
  readonly maxDelayMs: number;
  /** Per-request timeout. @default 5000 */
  readonly timeoutMs: number;
}

export const defaultRetry: RetryOptions = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  timeoutMs: 5000,
};

export interface PostOptions {
  readonly retry?: Partial<RetryOptions>;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Milliseconds left before the function times out; no retry starts that could not finish in time. */
  readonly remainingMs?: () => number;
}

/** A webhook failure that retrying cannot fix (4xx other than 429): thrown at once. */
export class PermanentDeliveryError extends Error {}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const retriable = (status: number): boolean => status === 429 || status >= 500;

/**
 * POSTs `payload` as JSON. Retries 429, 5xx, network errors and timeouts with exponential backoff, honouring
 * `Retry-After`; throws when the attempts or the function's time run out. Never includes the URL in errors
 * (it is the secret).
 */
export async function postWithRetry(
  url: string,
  payload: unknown,
  options: PostOptions = {},
): Promise<{ attempts: number }> {
  const retry = { ...defaultRetry, ...options.retry };
  const doFetch = options.fetch ?? fetch;
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  const body = JSON.stringify(payload);
  let lastProblem = "no attempt made";
  let made = 0;

  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    let serverDelay: number | undefined;
    made = attempt;
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(retry.timeoutMs),
      });
      await response.text().catch(() => "");
      if (response.ok) return { attempts: attempt };
      lastProblem = `HTTP ${response.status}`;
      if (!retriable(response.status))
        throw new PermanentDeliveryError(`webhook rejected the message: ${lastProblem}`);
      serverDelay = retryAfterMs(response.headers.get("retry-after"));
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw error;
      const name = (error as Error).name;
      lastProblem =
        name === "TimeoutError" || name === "AbortError"
          ? `no answer within ${retry.timeoutMs} ms`
          : `network error (${(error as Error).message})`;
    }
    if (attempt === retry.attempts) break;

    const backoff = Math.round(random() * retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.min(retry.maxDelayMs, serverDelay ?? backoff);
    const remaining = options.remainingMs?.();
    if (remaining !== undefined && remaining < delay + retry.timeoutMs) {
      lastProblem += `; not enough time left for another attempt (${remaining} ms)`;
      break;
    }
    await wait(delay);
  }
  throw new Error(`webhook delivery failed after ${made} attempt(s): ${lastProblem}`);
}
