// The chat notifier: SNS → format → Slack-compatible webhook. Runs on the nodejs22.x Lambda runtime with no
// bundled dependencies (the AWS SDK v3 clients come with the runtime); the webhook URL is read at run time from Secrets Manager or SSM (its ARN is in the
// environment, the URL never is).
import { formatRecord } from "./format";
import { postWithRetry, type PostOptions } from "./post";
import { cachedReader, sdkSecretReader, type SecretReader } from "./secret";
import type { SnsEvent } from "./types";

export type { SnsEvent } from "./types";

/** The part of the Lambda context the notifier uses. */
export interface LambdaContextLike {
  getRemainingTimeInMillis(): number;
}

export interface NotifierOptions extends Omit<PostOptions, "remainingMs"> {
  /** ARN of the secret or SSM parameter holding the webhook URL. @default process.env.WEBHOOK_SECRET_ARN */
  readonly secretArn?: string;
  /** @default the AWS SDK's GetSecretValue / GetParameter (from the Lambda runtime), cached for 5 minutes */
  readonly readSecret?: SecretReader;
  readonly log?: (line: string) => void;
}

/**
 * Builds the handler. Any record that cannot be delivered makes the invocation throw, so Lambda retries the
 * asynchronous event and finally sends it to the dead-letter queue, where an alarm sees it.
 */
export function createHandler(options: NotifierOptions = {}) {
  const readSecret = options.readSecret ?? cachedReader(sdkSecretReader(), 5 * 60_000);
  const log = options.log ?? ((line: string) => console.log(line));
  return async (event: SnsEvent, context?: LambdaContextLike): Promise<{ delivered: number }> => {
    const secretArn = options.secretArn ?? process.env["WEBHOOK_SECRET_ARN"];
    if (!secretArn) throw new Error("WEBHOOK_SECRET_ARN is not set");
    const url = await readSecret(secretArn);
    // Lambda reserves a little time to report the error; keep one second for it.
    const remainingMs = context ? () => context.getRemainingTimeInMillis() - 1000 : undefined;
    let delivered = 0;
    const failures: string[] = [];
    for (const record of event.Records) {
      const message = formatRecord(record);
      try {
        const { attempts } = await postWithRetry(url, message, { ...options, remainingMs });
        delivered++;
        log(
          JSON.stringify({
            level: "info",
            messageId: record.Sns.MessageId,
            attempts,
            title: message.blocks[0],
          }),
        );
      } catch (error) {
        failures.push(`${record.Sns.MessageId}: ${(error as Error).message}`);
        log(
          JSON.stringify({
            level: "error",
            messageId: record.Sns.MessageId,
            error: (error as Error).message,
          }),
        );
      }
    }
    if (failures.length > 0)
      throw new Error(
        `chat notifier could not deliver ${failures.length} message(s): ${failures.join("; ")}`,
      );
    return { delivered };
  };
}

/** The Lambda entry point (`index.handler`). */
export const handler = createHandler();
