// Local stand-ins for what the notifier talks to: a Slack-like webhook (optionally enforcing one message per
// interval with 429 + Retry-After, as Slack does) and an AWS JSON endpoint for the real SDK clients.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { SqsRecord } from "../src/handler/types";

export type Reply = { status: number; headers?: Record<string, string>; body?: string } | "never";

export interface Received {
  readonly at: number;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly status: number | "never";
}

export interface FakeServer {
  readonly url: string;
  readonly origin: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/** A server answering each request with `answer(request number, body)`. */
export async function startServer(
  answer: (index: number, body: string, headers: http.IncomingHttpHeaders) => Reply,
): Promise<FakeServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const reply = answer(received.length, body, req.headers);
      received.push({
        at: Date.now(),
        url: req.url ?? "",
        headers: req.headers,
        body,
        status: reply === "never" ? "never" : reply.status,
      });
      if (reply === "never") return;
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/services/T0000/B0000/XXXXSECRETTOKEN`,
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers in order; the last reply repeats. */
export const inOrder =
  (...replies: Reply[]) =>
  (index: number): Reply =>
    replies[Math.min(index, replies.length - 1)]!;

/**
 * Slack's incoming-webhook rate limit: one message per `intervalMs`; faster ones get 429 with Retry-After
 * (seconds, possibly fractional when the test compresses time).
 */
export function rateLimited(intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity;
  return (): Reply => {
    const t = now();
    if (t - last < intervalMs) {
      const wait = intervalMs - (t - last);
      const seconds = intervalMs >= 1000 ? String(Math.ceil(wait / 1000)) : (wait / 1000).toFixed(4);
      return { status: 429, headers: { "Retry-After": seconds }, body: "rate_limited" };
    }
    last = t;
    return { status: 200, body: "ok" };
  };
}

/** The JSON body SNS writes to a subscribed SQS queue (raw message delivery off). */
export function snsEnvelope(message: unknown, messageId: string, subject: string | null = null): string {
  return JSON.stringify({
    Type: "Notification",
    MessageId: messageId,
    TopicArn: "arn:aws:sns:ap-northeast-2:123456789012:alarms-topic-1a2b3c4",
    Subject: subject,
    Message: typeof message === "string" ? message : JSON.stringify(message),
    Timestamp: new Date().toISOString(),
    SignatureVersion: "1",
  });
}

export function sqsRecord(body: string, messageId: string, receiveCount = 1): SqsRecord {
  return {
    eventSource: "aws:sqs",
    messageId,
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(Date.now()) },
    eventSourceARN: "arn:aws:sqs:ap-northeast-2:123456789012:alarms-notifier-queue-1a2b3c4",
  };
}

/** A Lambda context whose budget runs out `ms` from now. */
export function contextWithin(ms: number) {
  const deadline = Date.now() + ms;
  return { getRemainingTimeInMillis: () => deadline - Date.now() };
}

export const TEST_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret" };
