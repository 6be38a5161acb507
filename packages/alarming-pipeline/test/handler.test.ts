import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { alarmConsoleUrl, formatNotification } from "../src/handler/format";
import { createHandler } from "../src/handler/index";
import { Pacer, postWithRetry, retryAfterMs } from "../src/handler/post";
import { readEvent } from "../src/handler/records";
import { cachedReader, parseSecretArn, sdkSecretReader, webhookUrlFrom } from "../src/handler/secret";
import type { SnsRecord } from "../src/handler/types";
import {
  asgLaunch,
  cpuOk,
  errorAlarm,
  insufficientData,
  rdsEvent,
  rootApiCall,
  signinFailure,
  snsEvent,
  snsRecord,
} from "./fixtures/events";

/** What the local server answers, one entry per request (the last repeats). "never" holds the request open. */
type Reply = { status: number; headers?: Record<string, string>; body?: string } | "never";

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

interface TestServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

async function startServer(replies: Reply[]): Promise<TestServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const reply = replies[Math.min(received.length - 1, replies.length - 1)]!;
      if (reply === "never") return;
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A generous request timeout: on a loaded machine a slow first request must not become a retry.
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 3000 };

/** The message the handler would post for one SNS record. */
const formatRecord = (record: SnsRecord) => formatNotification(readEvent(snsEvent(record)).notifications[0]!);

describe("notifier handler: formatting (ALM-2)", () => {
  it("formats an ALARM state change with reason, metric, threshold and a console link", () => {
    const msg = formatRecord(
      snsRecord(errorAlarm, 'ALARM: "alarms-log-app-errors-5f1c2d3" in Asia Pacific (Seoul)'),
    );
    expect(msg.blocks[0]).to.deep.equal({
      type: "header",
      text: { type: "plain_text", text: "ALARM: alarms-log-app-errors-5f1c2d3" },
    });
    expect(msg.text).to.contain("OK → ALARM* in Asia Pacific (Seoul)");
    expect(msg.text).to.contain("*Reason:* Threshold Crossed: 1 out of the last 1 datapoints [3.0");
    expect(msg.text).to.contain("*Metric:* `Cloudblocks/Logs/AppErrorsCount`");
    expect(msg.text).to.contain("*Threshold:* SUM GreaterThanOrEqualToThreshold 2 for 1 × 60 s");
    expect(msg.text).to.contain(
      "<https://ap-northeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-2#alarmsV2:alarm/alarms-log-app-errors-5f1c2d3|Open in the CloudWatch console>",
    );
  });

  it("formats OK (with dimensions) and INSUFFICIENT_DATA, and escapes the alarm name in the link", () => {
    const ok = formatRecord(snsRecord(cpuOk));
    expect(ok.blocks[0]).to.deep.include({ text: { type: "plain_text", text: "OK: web CPU > 80%" } });
    expect(ok.text).to.contain("(AutoScalingGroupName=web-asg)");
    expect(ok.text).to.contain("AVERAGE GreaterThanThreshold 80 for 2 × 300 s");
    expect(alarmConsoleUrl(cpuOk)).to.match(/#alarmsV2:alarm\/web%20CPU%20%3E%2080%25$/);
    const insufficient = formatRecord(snsRecord(insufficientData));
    expect(insufficient.text).to.contain(":warning: *OK → INSUFFICIENT_DATA*");
    expect(insufficient.text).to.contain("*Reason:* Insufficient Data: 1 datapoint was unknown.");
  });

  it("formats Auto Scaling launches, console sign-in failures, root activity and RDS events", () => {
    const launch = formatRecord(snsRecord(asgLaunch));
    expect(launch.blocks[0]).to.deep.include({
      text: { type: "plain_text", text: "EC2 Instance Launch Successful: web-asg" },
    });
    expect(launch.text).to.contain("*Instance:* i-0b5a2c1d3e4f56789");
    const signin = formatRecord(snsRecord(signinFailure));
    expect(signin.blocks[0]).to.deep.include({
      text: { type: "plain_text", text: "Console sign-in failure: arn:aws:iam::123456789012:user/mallory" },
    });
    expect(signin.text).to.contain("*From:* 203.0.113.7");
    expect(signin.text).to.contain("*Error:* Failed authentication");
    const root = formatRecord(snsRecord(rootApiCall));
    expect(root.blocks[0]).to.deep.include({
      text: { type: "plain_text", text: "Root user activity: CreateAccessKey" },
    });
    const rds = formatRecord(snsRecord(rdsEvent));
    expect(rds.blocks[0]).to.deep.include({
      text: {
        type: "plain_text",
        text: "RDS db-instance buddyverse-db: Multi-AZ instance failover completed",
      },
    });
    expect(rds.text).to.contain("RDS-EVENT-0049");
  });

  it("passes plain-text messages (AWS Budgets) through with their subject", () => {
    const msg = formatRecord(
      snsRecord(
        "AWS Budget Notification ... actual spend is 82% of 100 USD",
        "AWS Budgets: buddyverse-prod has exceeded your alert threshold",
      ),
    );
    expect(msg.blocks[0]).to.deep.include({
      text: { type: "plain_text", text: "AWS Budgets: buddyverse-prod has exceeded your alert threshold" },
    });
  });
});

describe("notifier handler: delivery against a local webhook", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("posts once on 200, as Slack-compatible JSON", async () => {
    server = await startServer([{ status: 200, body: "ok" }]);
    const handler = createHandler({
      secretArn: "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:chat-AbCdEf",
      readSecret: async () => server!.url,
      retry: { ...fast, timeoutMs: 3000 },
      log: () => {},
    });
    expect(await handler(snsEvent(snsRecord(errorAlarm)))).to.deep.equal({ delivered: 1 });
    expect(server.received).to.have.length(1);
    expect(server.received[0]!.method).to.equal("POST");
    expect(server.received[0]!.headers["content-type"]).to.equal("application/json");
    const body = JSON.parse(server.received[0]!.body) as { text: string; blocks: unknown[] };
    expect(body.text).to.match(/^ALARM: alarms-log-app-errors-5f1c2d3/);
    expect(body.blocks).to.have.length(3);
  });

  it("retries a 500 and succeeds on the next attempt", async () => {
    server = await startServer([{ status: 500 }, { status: 200 }]);
    const result = await postWithRetry(server.url, { text: "x" }, { retry: fast });
    expect(result).to.deep.equal({ attempts: 2, throttled: 0 });
    expect(server.received).to.have.length(2);
  });

  it("honours Retry-After on 429 in full (waits what the server asked, beyond the backoff cap)", async () => {
    server = await startServer([{ status: 429, headers: { "Retry-After": "2" } }, { status: 200 }]);
    const waits: number[] = [];
    const result = await postWithRetry(
      server.url,
      { text: "x" },
      {
        retry: { ...fast, maxDelayMs: 50 },
        sleep: async (ms) => void waits.push(ms),
        pacer: new Pacer(0, () => 0),
      },
    );
    expect(result).to.deep.equal({ attempts: 2, throttled: 1 });
    expect(waits).to.deep.equal([2000]);
    expect(
      retryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")),
    ).to.equal(10_000);
  });

  it("backs off exponentially between retries", async () => {
    server = await startServer([{ status: 503 }, { status: 502 }, { status: 200 }]);
    const waits: number[] = [];
    await postWithRetry(
      server.url,
      {},
      {
        retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 3000 },
        random: () => 1,
        sleep: async (ms) => void waits.push(ms),
      },
    );
    expect(waits).to.deep.equal([100, 200]);
  });

  it("throws when the webhook never answers, after timing out every attempt — so Lambda retries and the DLQ catches it", async () => {
    server = await startServer(["never"]);
    const logs: string[] = [];
    const handler = createHandler({
      secretArn: "arn:aws:ssm:ap-northeast-2:123456789012:parameter/chat/webhook",
      readSecret: async () => server!.url,
      retry: { ...fast, timeoutMs: 100 },
      pacer: new Pacer(0),
      log: (l) => logs.push(l),
    });
    const started = Date.now();
    let error: Error | undefined;
    try {
      await handler(snsEvent(snsRecord(errorAlarm)));
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.equal(
      "chat notifier could not deliver 1 of 1 notification(s) (95df01b4-ee98-5cb9-9903-4c221d41eb5e): webhook delivery failed after 3 attempt(s): no answer within 100 ms",
    );
    expect(server.received).to.have.length(3);
    expect(Date.now() - started).to.be.lessThan(2000);
    expect(logs.join("\n")).not.to.contain(server.url);
  });

  it("throws at once on a 4xx other than 429 (retrying cannot fix it)", async () => {
    server = await startServer([{ status: 404, body: "no_service" }]);
    let error: Error | undefined;
    await postWithRetry(server.url, {}, { retry: fast }).catch((e: Error) => (error = e));
    expect(error?.message).to.equal("webhook rejected the message: HTTP 404");
    expect(server.received).to.have.length(1);
  });

  it("stops retrying when the Lambda would time out before another attempt", async () => {
    server = await startServer([{ status: 500 }]);
    let error: Error | undefined;
    await postWithRetry(server.url, {}, { retry: { ...fast, attempts: 5 }, remainingMs: () => 50 }).catch(
      (e: Error) => (error = e),
    );
    expect(error?.message).to.match(/after 1 attempt\(s\): HTTP 500; not enough time left/);
    expect(server.received).to.have.length(1);
  });
});

describe("notifier handler: reading the webhook secret", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("calls Secrets Manager GetSecretValue through the SDK, signed with the function's session credentials, and reads a JSON secret", async () => {
    server = await startServer([
      {
        status: 200,
        body: JSON.stringify({
          ARN: "x",
          Name: "chat",
          SecretString: JSON.stringify({ url: "https://hooks.slack.com/services/T1/B2/C3" }),
        }),
      },
    ]);
    const read = sdkSecretReader({
      endpoint: new URL(server.url).origin,
      credentials: { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token" },
    });
    const arn = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:buddyverse/chat-AbCdEf";
    expect(await read(arn)).to.equal("https://hooks.slack.com/services/T1/B2/C3");
    const req = server.received[0]!;
    expect(req.headers["x-amz-target"]).to.equal("secretsmanager.GetSecretValue");
    expect(req.headers["x-amz-security-token"]).to.equal("token");
    expect(req.headers["authorization"]).to.match(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/\d{8}\/ap-northeast-2\/secretsmanager\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-security-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(req.body)).to.deep.equal({ SecretId: arn });
  });

  it("calls SSM GetParameter with decryption for a SecureString parameter", async () => {
    server = await startServer([
      {
        status: 200,
        body: JSON.stringify({
          Parameter: {
            Name: "/chat/webhook",
            Type: "SecureString",
            Value: "https://chat.example.com/hooks/abc",
          },
        }),
      },
    ]);
    const read = sdkSecretReader({
      endpoint: new URL(server.url).origin,
      credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
    });
    const arn = "arn:aws:ssm:ap-northeast-2:123456789012:parameter/chat/webhook";
    expect(await read(arn)).to.equal("https://chat.example.com/hooks/abc");
    expect(server.received[0]!.headers["x-amz-target"]).to.equal("AmazonSSM.GetParameter");
    expect(JSON.parse(server.received[0]!.body)).to.deep.equal({ Name: arn, WithDecryption: true });
  });

  it("reports an AWS error without the secret, rejects non-URLs, and caches within the TTL", async () => {
    server = await startServer([{ status: 400, body: '{"__type":"AccessDeniedException"}' }]);
    const read = sdkSecretReader({
      endpoint: new URL(server.url).origin,
      credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
    });
    let error: Error | undefined;
    await read("arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:x-AbCdEf").catch(
      (e: Error) => (error = e),
    );
    expect(error?.name).to.equal("SecretReadError");
    expect(error?.message).to.equal(
      "secretsmanager refused to return the webhook secret: AccessDeniedException (HTTP 400)",
    );
    expect(() => webhookUrlFrom("not a url")).to.throw("does not hold an https URL");
    expect(() => webhookUrlFrom("http://hooks.example.com/x")).to.throw("does not hold an https URL");
    expect(() => parseSecretArn("arn:aws:s3:::bucket")).to.throw(
      "WEBHOOK_SECRET_ARN is not a Secrets Manager secret or SSM parameter ARN (got 19 characters)",
    );
    let calls = 0;
    let clock = 0;
    const cached = cachedReader(
      async () => `https://x/${++calls}`,
      1000,
      () => clock,
    );
    expect([await cached("a"), await cached("a")]).to.deep.equal(["https://x/1", "https://x/1"]);
    clock = 1001;
    expect(await cached("a")).to.equal("https://x/2");
  });
});
