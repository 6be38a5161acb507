// The chat notifier: alarm topic → SQS queue → (batches) → this function → Slack-compatible webhook. Runs on
// the nodejs22.x Lambda runtime with no bundled dependencies (the AWS SDK v3 clients come with the runtime);
// the webhook URL is read at run time from Secrets Manager or SSM (its ARN is in the environment, the URL
// never is). A batch becomes one message (digest.ts); what cannot be delivered in this invocation's time goes
// back to the queue (partial batch response), and after the queue's maxReceiveCount to its dead-letter queue.
import { condense } from "./digest";
import { draftOf, field, isAlarm, isEventBridgeEvent, isRdsEvent } from "./format";
import {
  DeliveryError,
  errorClass,
  Pacer,
  PermanentDeliveryError,
  postWithRetry,
  type PostOptions,
} from "./post";
import { readEvent } from "./records";
import { cachedReader, SecretReadError, sdkSecretReader, type SecretReader } from "./secret";
import type { BatchResponse, Notification } from "./types";

export type { BatchResponse, SnsEvent, SqsEvent } from "./types";

/** The part of the Lambda context the notifier uses. */
export interface LambdaContextLike {
  getRemainingTimeInMillis(): number;
}

export interface NotifierOptions extends Omit<PostOptions, "remainingMs" | "pacer"> {
  /** ARN of the secret or SSM parameter holding the webhook URL. @default process.env.WEBHOOK_SECRET_ARN */
  readonly secretArn?: string;
  /** @default the AWS SDK's GetSecretValue / GetParameter (from the Lambda runtime), cached for 5 minutes */
  readonly readSecret?: SecretReader;
  readonly log?: (line: string) => void;
  /** Spaces this environment's posts. @default one post per second */
  readonly pacer?: Pacer;
  /** Kept back from the invocation's remaining time, to report and return. @default 1000 */
  readonly reserveMs?: number;
}

export type NotifierResult = BatchResponse | { readonly delivered: number };

function kindOf(n: Notification): string {
  if (!n.body) return "text";
  if (isAlarm(n.body)) return "alarm";
  if (isEventBridgeEvent(n.body)) return "event";
  if (isRdsEvent(n.body)) return "rds";
  return "text";
}

/** The record of one notification, whatever happens to its chat message (JSON: no line can be forged). */
function received(n: Notification): Record<string, unknown> {
  const alarm = n.body && isAlarm(n.body);
  return {
    level: "info",
    event: "received",
    messageId: n.messageId,
    ...(n.itemId && n.itemId !== n.messageId ? { sqsMessageId: n.itemId } : {}),
    kind: kindOf(n),
    source: n.source,
    ...(alarm
      ? {
          alarm: field(n.body, "AlarmName"),
          oldState: field(n.body, "OldStateValue"),
          state: field(n.body, "NewStateValue"),
          time: field(n.body, "StateChangeTime"),
        }
      : { time: n.timestamp }),
    title: draftOf(n).title.slice(0, 300),
    ...(n.problem ? { problem: n.problem } : {}),
  };
}

/** What may be said about an error: our own delivery messages, otherwise the class only. */
function describe(error: unknown): string {
  return error instanceof DeliveryError ||
    error instanceof PermanentDeliveryError ||
    error instanceof SecretReadError
    ? error.message
    : errorClass(error);
}

/**
 * Builds the handler. For an SQS batch it returns the messages to retry (`batchItemFailures`), and throws when
 * nothing could be delivered (so the Errors alarm sees it); for an SNS or EventBridge invocation any failure
 * throws, so Lambda's asynchronous retries and dead-letter handling apply.
 */
export function createHandler(options: NotifierOptions = {}) {
  const readSecret = options.readSecret ?? cachedReader(sdkSecretReader(), 5 * 60_000);
  const log = options.log ?? ((line: string) => console.log(line));
  const pacer = options.pacer ?? new Pacer(1000);
  const reserveMs = options.reserveMs ?? 1000;
  return async (event: unknown, context?: LambdaContextLike): Promise<NotifierResult> => {
    const incoming = readEvent(event);
    const all = incoming.notifications;
    for (const n of all) log(JSON.stringify(received(n)));

    const remainingMs = context ? () => context.getRemainingTimeInMillis() - reserveMs : undefined;
    const secretArn = options.secretArn ?? process.env["WEBHOOK_SECRET_ARN"];
    if (!secretArn) throw new Error("WEBHOOK_SECRET_ARN is not set");
    let url: string;
    try {
      const budget = remainingMs?.();
      url = await readSecret(
        secretArn,
        budget === undefined ? undefined : AbortSignal.timeout(Math.max(1, Math.floor(budget))),
      );
    } catch (error) {
      const problem = describe(error);
      log(JSON.stringify({ level: "error", event: "secret", error: problem }));
      throw new Error(`chat notifier could not read the webhook secret: ${problem}`);
    }

    const failed: Notification[] = [];
    let lastProblem = "";
    for (const out of condense(all)) {
      const ids = out.notifications.map((n) => n.messageId);
      try {
        const { attempts, throttled } = await postWithRetry(url, out.message, {
          ...options,
          remainingMs,
          pacer,
        });
        log(
          JSON.stringify({
            level: "info",
            event: "delivered",
            messageIds: ids,
            folded: out.folded,
            attempts,
            throttled,
          }),
        );
      } catch (error) {
        lastProblem = describe(error);
        failed.push(...out.notifications);
        log(JSON.stringify({ level: "error", event: "not-delivered", messageIds: ids, error: lastProblem }));
      }
    }

    const retryable = failed.every((n) => n.itemId !== undefined);
    if (incoming.kind === "sqs" && retryable && failed.length < all.length)
      return { batchItemFailures: failed.map((n) => ({ itemIdentifier: n.itemId! })) };
    if (failed.length > 0)
      throw new Error(
        `chat notifier could not deliver ${failed.length} of ${all.length} notification(s) (${failed
          .slice(0, 10)
          .map((n) => n.messageId)
          .join(", ")}${failed.length > 10 ? ", …" : ""}): ${lastProblem}`,
      );
    return incoming.kind === "sqs" ? { batchItemFailures: [] } : { delivered: all.length };
  };
}

/** The Lambda entry point (`index.handler`). */
export const handler = createHandler();
