// An alarm storm through the real handler: N state changes (alarms flapping ALARM/OK, plus Auto Scaling and
// RDS events) published over a duration into the event-source model, the handler reading its webhook secret
// with the real SDK from a fake Secrets Manager and posting to a local webhook that, like Slack, accepts one
// message per second and answers 429 + Retry-After beyond that. Shared by `npm test` (compressed time) and
// `npm run load` (real time).
import { createHandler } from "../../src/handler/index";
import { Pacer } from "../../src/handler/post";
import { sdkSecretReader } from "../../src/handler/secret";
import { MAXIMUM_EVENT_AGE_SECONDS, NOTIFIER_DELIVERY } from "../../src/notifier-delivery";
import { asgLaunch, errorAlarm, rdsEvent } from "../fixtures/events";
import { type Reply, rateLimited, startServer, TEST_CREDENTIALS } from "../notifier-fakes";
import { AsyncInvokeModel, EventSourceModel } from "./model";

export interface StormOptions {
  /** State changes (and events) published. @default 100 */
  readonly changes?: number;
  /** Over how many (modelled) seconds. @default 60 */
  readonly durationSeconds?: number;
  /** Distinct alarms that flap. @default 25 */
  readonly alarms?: number;
  /** Every 5th change is an Auto Scaling or RDS event instead of an alarm state change. @default true */
  readonly withEvents?: boolean;
  /** Time compression: every duration divided by this. @default 1 (real time) */
  readonly scale?: number;
  /** The webhook's answer instead of the 1 msg/s limit (e.g. always 500, to prove the dead-letter path). */
  readonly webhook?: () => Reply;
  readonly seed?: number;
  /**
   * "queue" (default): the deployed design, topic → SQS → batched Lambda. "direct": the design it replaces,
   * one asynchronous invocation per message, unlimited concurrency — for comparison.
   */
  readonly mode?: "queue" | "direct";
}

export interface StormReport {
  readonly scale: number;
  readonly published: number;
  readonly emailed: number;
  readonly logged: number;
  readonly delivered: number;
  readonly chatMessages: number;
  readonly throttled429: number;
  /** Notifications that shared a chat message with others (delivered − chat messages). */
  readonly condensed: number;
  /** Alarm state changes folded into another change's line (same alarm in one batch). */
  readonly folded: number;
  readonly deadLettered: number;
  readonly lost: number;
  readonly invocations: number;
  readonly failedInvocations: number;
  readonly maxConcurrent: number;
  /** From the first publish to the webhook's last 200, in modelled seconds (wall time × scale). */
  readonly secondsToLastDelivery: number;
  readonly wallSeconds: number;
}

const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:buddyverse/chat-AbCdEf";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small deterministic PRNG, so a run can be repeated. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runStorm(options: StormOptions = {}): Promise<StormReport> {
  const scale = options.scale ?? 1;
  const changes = options.changes ?? 100;
  const duration = options.durationSeconds ?? 60;
  const alarmCount = options.alarms ?? 25;
  const random = mulberry32(options.seed ?? 17);
  const ms = (seconds: number) => (seconds * 1000) / scale;

  const webhook = await startServer(options.webhook ?? rateLimited(ms(1)));
  const aws = await startServer(() => ({
    status: 200,
    body: JSON.stringify({
      ARN: SECRET_ARN,
      Name: "chat",
      SecretString: JSON.stringify({ url: webhook.url }),
    }),
  }));
  const logs: string[] = [];
  // One handler per execution environment: its own pacer and secret cache, as in Lambda.
  const newHandler = () =>
    createHandler({
      secretArn: SECRET_ARN,
      readSecret: sdkSecretReader({ endpoint: aws.origin, credentials: TEST_CREDENTIALS }),
      pacer: new Pacer(ms(1)),
      reserveMs: ms(1),
      // A request's own latency is not compressed: its timeout keeps a floor of 250 ms.
      retry: { timeoutMs: Math.max(250, ms(5)), baseDelayMs: ms(0.5), maxDelayMs: ms(10) },
      log: (line) => {
        logs.push(line);
        if (process.env["STORM_DEBUG"] && !line.includes('"received"')) console.log(line);
      },
    });
  // Load the SDK client module before the clock starts (in Lambda it loads once per environment, in a
  // cold start that a 60 s timeout absorbs; compressed, that one-off second would look like a minute).
  await import("@aws-sdk/client-secrets-manager");
  await fetch(aws.origin, { method: "POST", body: "{}" }); // and the HTTP client, likewise
  const direct = options.mode === "direct";
  const model = direct
    ? new AsyncInvokeModel(scale, newHandler)
    : new EventSourceModel({
        scale,
        handlers: Array.from({ length: NOTIFIER_DELIVERY.maximumConcurrency }, newHandler),
      });
  const pollers = model instanceof EventSourceModel ? model.start() : Promise.resolve([]);

  const started = Date.now();
  const times = Array.from({ length: changes }, () => random() * duration).sort((a, b) => a - b);
  const state = new Map<number, "OK" | "ALARM">();
  for (let i = 0; i < changes; i++) {
    const wait = started + ms(times[i]!) - Date.now();
    if (wait > 0) await sleep(wait);
    const id = `storm-${String(i).padStart(3, "0")}`;
    if (options.withEvents !== false && i % 5 === 4) {
      model.publish(i % 10 === 4 ? asgLaunch : rdsEvent, id);
      continue;
    }
    const n = Math.floor(random() * alarmCount);
    const old = state.get(n) ?? "OK";
    const next = old === "OK" ? "ALARM" : "OK";
    state.set(n, next);
    model.publish(
      {
        ...errorAlarm,
        AlarmName: `buddyverse-prod-alarm-${String(n).padStart(2, "0")}`,
        AlarmArn: `arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:buddyverse-prod-alarm-${n}`,
        OldStateValue: old,
        NewStateValue: next,
        StateChangeTime: new Date(started + times[i]! * 1000).toISOString(),
      },
      id,
    );
  }
  const giveUp = Date.now() + Math.max(5000, ms(direct ? 600 : 2 * MAXIMUM_EVENT_AGE_SECONDS + 60));
  while (!model.drained && Date.now() < giveUp) await sleep(Math.max(2, ms(0.1)));
  if (model instanceof EventSourceModel) model.stop();
  await pollers;
  await webhook.close();
  await aws.close();

  const parsed = logs.map(
    (l) => JSON.parse(l) as { event: string; messageId?: string; messageIds?: string[]; folded?: number },
  );
  const delivered = new Set(parsed.filter((l) => l.event === "delivered").flatMap((l) => l.messageIds ?? []));
  const deadLettered = new Set(model.stats.deadLettered);
  const published = new Set(model.stats.emailed);
  const ok = webhook.received.filter((r) => r.status === 200);
  const last = ok.length ? ok[ok.length - 1]!.at : started;
  return {
    scale,
    published: published.size,
    emailed: model.stats.emailed.length,
    logged: new Set(parsed.filter((l) => l.event === "received").map((l) => l.messageId)).size,
    delivered: delivered.size,
    chatMessages: ok.length,
    throttled429: webhook.received.filter((r) => r.status === 429).length,
    condensed: Math.max(0, delivered.size - ok.length),
    folded: parsed.filter((l) => l.event === "delivered").reduce((sum, l) => sum + (l.folded ?? 0), 0),
    deadLettered: deadLettered.size,
    lost: [...published].filter((id) => !delivered.has(id) && !deadLettered.has(id)).length,
    invocations: model.stats.invocations,
    failedInvocations: model.stats.failedInvocations,
    maxConcurrent: model.stats.maxConcurrent,
    secondsToLastDelivery: Math.round(((last - started) * scale) / 100) / 10,
    wallSeconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
