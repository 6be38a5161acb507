// A model of what AWS does between the alarm topic and the notifier, with the numbers notifier.ts deploys
// (NOTIFIER_DELIVERY): SNS writes each state change to the queue (and e-mails it); the event source mapping
// polls with up to `maximumConcurrency` pollers, each gathering a batch for up to the batching window (or
// until `batchSize`), hiding it for the visibility timeout and invoking the REAL handler with an SQS event and
// a context whose time runs out at the function timeout. Messages the handler reports (batchItemFailures), or
// all of them when it throws or times out, reappear after the visibility timeout; a message received more than
// `maxReceiveCount` times moves to the dead-letter queue. Every duration is divided by `scale`, so tests can
// compress time; scale 1 is real time.
import { NOTIFIER_DELIVERY } from "../../src/notifier-delivery";
import type { NotifierResult } from "../../src/handler/index";
import type { SqsEvent } from "../../src/handler/types";
import { snsEnvelope } from "../notifier-fakes";

export interface QueueMessage {
  readonly id: string;
  readonly snsMessageId: string;
  readonly body: string;
  receiveCount: number;
  visibleAt: number;
}

export type Handler = (
  event: SqsEvent,
  context: { getRemainingTimeInMillis(): number },
) => Promise<NotifierResult>;

export interface ModelOptions {
  readonly scale: number;
  /** One handler per execution environment (each has its own pacer), so `maximumConcurrency` of them. */
  readonly handlers: readonly Handler[];
  readonly settings?: typeof NOTIFIER_DELIVERY;
}

export interface ModelStats {
  invocations: number;
  failedInvocations: number;
  maxConcurrent: number;
  emailed: string[];
  deadLettered: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class EventSourceModel {
  private readonly queue: QueueMessage[] = [];
  private readonly settings: typeof NOTIFIER_DELIVERY;
  private running = 0;
  private closed = false;
  private seq = 0;
  readonly stats: ModelStats = {
    invocations: 0,
    failedInvocations: 0,
    maxConcurrent: 0,
    emailed: [],
    deadLettered: [],
  };

  constructor(private readonly options: ModelOptions) {
    this.settings = options.settings ?? NOTIFIER_DELIVERY;
  }

  private ms(seconds: number): number {
    return (seconds * 1000) / this.options.scale;
  }

  /** SNS fan-out: the e-mail subscriptions get it, and the queue gets the notification envelope. */
  publish(message: unknown, snsMessageId: string, subject: string | null = null): void {
    this.stats.emailed.push(snsMessageId);
    this.queue.push({
      id: `sqs-${++this.seq}`,
      snsMessageId,
      body: snsEnvelope(message, snsMessageId, subject),
      receiveCount: 0,
      visibleAt: Date.now(),
    });
  }

  /** Nothing visible nor in flight. */
  get drained(): boolean {
    return this.queue.length === 0 && this.running === 0;
  }

  /** Removes messages received more than maxReceiveCount times (SQS redrive), returns the visible ones. */
  private visible(now: number): QueueMessage[] {
    return this.queue.filter((m) => m.visibleAt <= now);
  }

  private take(count: number, now: number): QueueMessage[] {
    const batch: QueueMessage[] = [];
    for (const m of this.visible(now)) {
      if (batch.length === count) break;
      m.receiveCount++;
      if (m.receiveCount > this.settings.maxReceiveCount) {
        this.queue.splice(this.queue.indexOf(m), 1);
        this.stats.deadLettered.push(m.snsMessageId);
        continue;
      }
      m.visibleAt = now + this.ms(this.settings.visibilityTimeoutSeconds);
      batch.push(m);
    }
    return batch;
  }

  private async poller(handler: Handler): Promise<void> {
    while (!this.closed) {
      if (this.visible(Date.now()).length === 0) {
        await sleep(Math.max(1, this.ms(0.05)));
        continue;
      }
      // Batching window: gather until the batch is full or the window has passed since the first message.
      const windowEnds = Date.now() + this.ms(this.settings.batchingWindowSeconds);
      while (Date.now() < windowEnds && this.visible(Date.now()).length < this.settings.batchSize)
        await sleep(Math.max(1, Math.min(this.ms(0.05), windowEnds - Date.now())));
      const batch = this.take(this.settings.batchSize, Date.now());
      if (batch.length === 0) continue;
      await this.invoke(handler, batch);
    }
  }

  private async invoke(handler: Handler, batch: QueueMessage[]): Promise<void> {
    this.running++;
    this.stats.invocations++;
    this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.running);
    const deadline = Date.now() + this.ms(this.settings.timeoutSeconds);
    const event: SqsEvent = {
      Records: batch.map((m) => ({
        eventSource: "aws:sqs",
        messageId: m.id,
        body: m.body,
        attributes: { ApproximateReceiveCount: String(m.receiveCount) },
      })),
    };
    let failed: Set<string>;
    try {
      const timeout = sleep(deadline - Date.now()).then(() => "timeout" as const);
      const result = await Promise.race([
        handler(event, { getRemainingTimeInMillis: () => deadline - Date.now() }),
        timeout,
      ]);
      if (result === "timeout") throw new Error("function timed out");
      failed = new Set(
        "batchItemFailures" in result ? result.batchItemFailures.map((f) => f.itemIdentifier) : [],
      );
    } catch {
      this.stats.failedInvocations++;
      failed = new Set(batch.map((m) => m.id));
    }
    // Succeeded messages are deleted; failed ones stay hidden until their visibility timeout ends.
    for (const m of batch)
      if (!failed.has(m.id)) {
        const i = this.queue.indexOf(m);
        if (i >= 0) this.queue.splice(i, 1);
      }
    this.running--;
  }

  /** Starts the pollers (one per handler, i.e. per execution environment). */
  start(): Promise<void[]> {
    const count = Math.min(this.settings.maximumConcurrency, this.options.handlers.length);
    return Promise.all(this.options.handlers.slice(0, count).map((h) => this.poller(h)));
  }

  stop(): void {
    this.closed = true;
  }
}

/**
 * The design this replaces, for comparison: SNS invokes the function asynchronously once per message, with no
 * concurrency limit (each invocation its own execution environment and pacer); a failed invocation is
 * retried by Lambda after 1 and then 2 minutes, then sent to the dead-letter queue.
 */
export class AsyncInvokeModel {
  private pending = 0;
  private readonly inFlight: Promise<void>[] = [];
  readonly stats: ModelStats = {
    invocations: 0,
    failedInvocations: 0,
    maxConcurrent: 0,
    emailed: [],
    deadLettered: [],
  };
  private running = 0;

  constructor(
    private readonly scale: number,
    private readonly newHandler: () => (
      event: unknown,
      context: { getRemainingTimeInMillis(): number },
    ) => Promise<unknown>,
    private readonly timeoutSeconds = 60,
    private readonly retryDelaysSeconds: readonly number[] = [60, 120],
  ) {}

  get drained(): boolean {
    return this.pending === 0;
  }

  publish(message: unknown, snsMessageId: string): void {
    this.stats.emailed.push(snsMessageId);
    const event = {
      Records: [
        {
          EventSource: "aws:sns",
          Sns: {
            MessageId: snsMessageId,
            TopicArn: "arn:aws:sns:ap-northeast-2:123456789012:alarms-topic-1a2b3c4",
            Subject: null,
            Message: JSON.stringify(message),
            Timestamp: new Date().toISOString(),
          },
        },
      ],
    };
    this.pending++;
    this.inFlight.push(this.attempt(event, snsMessageId, 0));
  }

  private async attempt(event: unknown, id: string, retry: number): Promise<void> {
    this.running++;
    this.stats.invocations++;
    this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.running);
    const deadline = Date.now() + (this.timeoutSeconds * 1000) / this.scale;
    let ok = true;
    try {
      const timeout = sleep(deadline - Date.now()).then(() => "timeout" as const);
      const result = await Promise.race([
        this.newHandler()(event, { getRemainingTimeInMillis: () => deadline - Date.now() }),
        timeout,
      ]);
      if (result === "timeout") ok = false;
    } catch {
      ok = false;
    }
    this.running--;
    if (ok) {
      this.pending--;
      return;
    }
    this.stats.failedInvocations++;
    const delay = this.retryDelaysSeconds[retry];
    if (delay === undefined) {
      this.stats.deadLettered.push(id);
      this.pending--;
      return;
    }
    await sleep((delay * 1000) / this.scale);
    await this.attempt(event, id, retry + 1);
  }
}
