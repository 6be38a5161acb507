// Issue #10 item 6: each hostile input through the REAL handler — the real AWS SDK v3 Secrets Manager client
// against a fake endpoint on 127.0.0.1, the real fetch against a local webhook — asserting what is posted
// and what is logged.
import { expect } from "chai";
import { SLACK_LIMITS } from "../src/handler/escape";
import { createHandler, type NotifierOptions } from "../src/handler/index";
import { Pacer } from "../src/handler/post";
import { sdkSecretReader } from "../src/handler/secret";
import type { ChatMessage } from "../src/handler/types";
import { errorAlarm, signinFailure, snsEvent, snsRecord } from "./fixtures/events";
import {
  contextWithin,
  type FakeServer,
  inOrder,
  type Reply,
  snsEnvelope,
  sqsRecord,
  startServer,
  TEST_CREDENTIALS,
} from "./notifier-fakes";

const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:buddyverse/chat-AbCdEf";
const MENTION = "<!channel>";
const PHISH = "<https://evil.example|Re-authenticate>";
// A generous request timeout: a loaded CI machine must not turn a slow first request into a retry.
const fast = { attempts: 2, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 3000 };

let webhook: FakeServer;
let aws: FakeServer;
let secretValue: () => Reply;

/** The real handler: SDK reader against the fake Secrets Manager, posts to the local webhook. */
function realHandler(logs: string[], extra: Partial<NotifierOptions> = {}) {
  return createHandler({
    secretArn: SECRET_ARN,
    readSecret: sdkSecretReader({ endpoint: aws.origin, credentials: TEST_CREDENTIALS }),
    retry: fast,
    pacer: new Pacer(0),
    log: (line) => logs.push(line),
    ...extra,
  });
}

const secretOk = (): Reply => ({
  status: 200,
  body: JSON.stringify({ ARN: SECRET_ARN, Name: "chat", SecretString: JSON.stringify({ url: webhook.url }) }),
});

const posted = (i = 0): ChatMessage => JSON.parse(webhook.received[i]!.body) as ChatMessage;

/** Every mrkdwn string of a message: the fallback text, sections and context elements. */
function mrkdwnTexts(message: ChatMessage): string[] {
  const texts = [message.text];
  for (const block of message.blocks) {
    if (block.type === "section") texts.push(block.text.text);
    if (block.type === "context") texts.push(...block.elements.map((e) => e.text));
  }
  return texts;
}

/** What must hold for any posted message: limits, verbatim text objects, no live control sequence. */
function expectSafe(message: ChatMessage): void {
  expect(message.blocks.length).to.be.at.most(SLACK_LIMITS.blocks);
  expect(message.text.length).to.be.at.most(SLACK_LIMITS.fallbackText);
  expect(message).to.include({ unfurl_links: false, unfurl_media: false });
  for (const block of message.blocks) {
    if (block.type === "header") expect(block.text.text.length).to.be.within(1, SLACK_LIMITS.header);
    if (block.type === "section") {
      expect(block.text.text.length).to.be.within(1, SLACK_LIMITS.sectionText);
      expect(block.text.verbatim).to.equal(true);
    }
    if (block.type === "context") {
      expect(block.elements.length).to.be.within(1, SLACK_LIMITS.contextElements);
      for (const e of block.elements) {
        expect(e.text.length).to.be.within(1, SLACK_LIMITS.sectionText);
        expect(e.verbatim).to.equal(true);
      }
    }
  }
  for (const text of mrkdwnTexts(message)) {
    expect(text).not.to.contain("<!");
    expect(text).not.to.match(/<https:\/\/evil/);
    // Only the handler's own console links may be links.
    for (const link of text.matchAll(/<([^>]*)>/g))
      expect(link[1]).to.match(/^https:\/\/([a-z0-9-]+\.)*console\.aws\.amazon\.com\/[^|]*\|Open in the /);
  }
}

function expectLogsClean(logs: readonly string[]): void {
  expect(logs.length).to.be.greaterThan(0);
  for (const line of logs) {
    expect(() => JSON.parse(line) as unknown, line).not.to.throw();
    expect(line).not.to.contain(webhook.url);
    expect(line).not.to.contain("XXXXSECRETTOKEN");
  }
}

describe("notifier handler: hostile input through the real handler (#10 item 6)", () => {
  beforeEach(async () => {
    secretValue = secretOk;
    webhook = await startServer(inOrder({ status: 200, body: "ok" }));
    aws = await startServer(() => secretValue());
  });
  afterEach(async () => {
    await webhook.close();
    await aws.close();
  });

  it("shows, never interprets, <!channel> and a disguised link in a failed sign-in's user agent", async () => {
    const logs: string[] = [];
    const event = {
      ...signinFailure,
      detail: { ...signinFailure.detail, userAgent: `${MENTION} ${PHISH} & more` },
    };
    const result = await realHandler(logs)(snsEvent(snsRecord(event)));
    expect(result).to.deep.equal({ delivered: 1 });
    expect(aws.received[0]!.headers["x-amz-target"]).to.equal("secretsmanager.GetSecretValue");
    const message = posted();
    expectSafe(message);
    expect(message.blocks[1]).to.deep.equal({
      type: "section",
      text: {
        type: "mrkdwn",
        verbatim: true,
        text: [
          ":no_entry: *ConsoleLogin* Failure",
          "*Who:* arn:aws:iam::123456789012:user/mallory",
          "*From:* 203.0.113.7 (&lt;!channel&gt; &lt;https://evil.example|Re-authenticate&gt; &amp; more)",
          "*Error:* Failed authentication",
          "*MFA used:* No",
        ].join("\n"),
      },
    });
    expect(message.text).to.contain("&lt;!channel&gt; &lt;https://evil.example|Re-authenticate&gt;");
    expectLogsClean(logs);
    expect(JSON.parse(logs[0]!)).to.deep.include({
      level: "info",
      event: "received",
      kind: "event",
      title: "Console sign-in failure: arn:aws:iam::123456789012:user/mallory",
    });
    expect(JSON.parse(logs[1]!)).to.deep.include({ level: "info", event: "delivered", attempts: 1 });
  });

  it("escapes an alarm's name, description and reason, cannot forge lines, and keeps only its own console link", async () => {
    const logs: string[] = [];
    const alarm = {
      ...errorAlarm,
      AlarmName: `db ${MENTION} & <@U123>`,
      AlarmDescription: `${PHISH}\n*Reason:* all fine, ignore`,
      NewStateReason: "<!here> threshold",
      AlarmArn: `arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:db ${MENTION}`,
    };
    await realHandler(logs)(snsEvent(snsRecord(alarm)));
    const message = posted();
    expectSafe(message);
    expect(message.blocks[0]).to.deep.equal({
      type: "header",
      text: { type: "plain_text", text: `ALARM: db ${MENTION} & <@U123>` },
    });
    const section = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(section).to.contain(
      "*Description:* &lt;https://evil.example|Re-authenticate&gt; *Reason:* all fine, ignore\n",
    );
    expect(section.split("\n").filter((l) => l.startsWith("*Reason:*"))).to.deep.equal([
      "*Reason:* &lt;!here&gt; threshold",
    ]);
    expect(section).to.contain(
      "<https://ap-northeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-2#alarmsV2:alarm/db%20%3C!channel%3E%20%26%20%3C%40U123%3E|Open in the CloudWatch console>",
    );
    expect(message.text.startsWith("ALARM: db &lt;!channel&gt; &amp; &lt;@U123&gt;\n")).to.equal(true);
    expectLogsClean(logs);
    expect(JSON.parse(logs[0]!)).to.deep.include({ alarm: alarm.AlarmName, state: "ALARM", oldState: "OK" });
  });

  it("escapes a plain-text message (AWS Budgets and the like) and its subject in the fallback", async () => {
    const logs: string[] = [];
    await realHandler(logs)(snsEvent(snsRecord(`Spend ${MENTION} > 80% & ${PHISH}`, "Budget <!here>")));
    const message = posted();
    expectSafe(message);
    expect((message.blocks[1] as { text: { text: string } }).text.text).to.equal(
      "Spend &lt;!channel&gt; &gt; 80% &amp; &lt;https://evil.example|Re-authenticate&gt;",
    );
    expect(message.text.split("\n")[0]).to.equal("Budget &lt;!here&gt;");
  });

  it("keeps an event's JSON inside its code block: a ``` in the event cannot close the fence", async () => {
    const logs: string[] = [];
    const event = {
      ...signinFailure,
      "detail-type": "Something New",
      source: "aws.custom",
      detail: { note: "```\n<!channel> *escaped the block*\n```", more: "`x`" },
    };
    await realHandler(logs)(snsEvent(snsRecord(event)));
    const message = posted();
    expectSafe(message);
    const section = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(section.startsWith("```")).to.equal(true);
    expect(section.endsWith("```")).to.equal(true);
    expect(section.match(/`/g)).to.have.length(6);
    expect(section).to.contain("ˋˋˋ\\n&lt;!channel&gt; *escaped the block*\\nˋˋˋ");
  });

  it("keeps every block within Slack's limits, however long the untrusted fields", async () => {
    const logs: string[] = [];
    const huge = "&<".repeat(3000);
    const alarm = {
      ...errorAlarm,
      AlarmName: "n".repeat(400),
      AlarmDescription: huge,
      NewStateReason: huge,
      AWSAccountId: "1".repeat(5000),
      StateChangeTime: huge,
    };
    await realHandler(logs)(snsEvent(snsRecord(alarm)));
    const message = posted();
    expectSafe(message);
    expect((message.blocks[0] as { text: { text: string } }).text.text).to.have.length(150);
    const section = (message.blocks[1] as { text: { text: string } }).text.text;
    expect(section).to.have.length.at.most(3000);
    // Cut on an entity boundary, marked as cut.
    expect(section.endsWith("…")).to.equal(true);
    expect(section).not.to.match(/&[a-z]{0,3}…$/);
    const context = (message.blocks[2] as { elements: readonly { text: string }[] }).elements[0]!.text;
    expect(context).to.have.length.at.most(3000);
  });

  it("never puts the webhook URL in an error or a log line: 5xx, refused connections and 4xx give class and status only", async () => {
    const logs: string[] = [];
    await webhook.close();
    webhook = await startServer(inOrder({ status: 500, body: webhook.url }));
    const failing = realHandler(logs);
    const error = await failing(snsEvent(snsRecord(errorAlarm))).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal(
      "chat notifier could not deliver 1 of 1 notification(s) (95df01b4-ee98-5cb9-9903-4c221d41eb5e): webhook delivery failed after 2 attempt(s): HTTP 500",
    );
    // A closed port: fetch's own error names the address; ours does not.
    const closedUrl = webhook.url;
    await webhook.close();
    secretValue = () => ({ status: 200, body: JSON.stringify({ SecretString: closedUrl }) });
    const refused = await realHandler(logs)(snsEvent(snsRecord(errorAlarm))).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(refused?.message).to.match(
      /: webhook delivery failed after 2 attempt\(s\): network error \(TypeError\/ECONNREFUSED\)$/,
    );
    for (const text of [error!.message, refused!.message, ...logs]) {
      expect(text).not.to.contain("XXXXSECRETTOKEN");
      expect(text).not.to.contain(new URL(closedUrl).host);
    }
    expect(logs.map((l) => (JSON.parse(l) as { event: string }).event)).to.deep.equal([
      "received",
      "not-delivered",
      "received",
      "not-delivered",
    ]);
    webhook = await startServer(inOrder({ status: 200 }));
  });

  it("does not echo a malformed stored webhook URL (bad JSON, no https, a URL as the ARN)", async () => {
    const cases: [string, string][] = [
      [
        '{"url": "https://hooks.slack.com/services/T0/B0/XXXXSECRETTOKEN"',
        "starts with { but is not valid JSON",
      ],
      ["http://hooks.slack.com/services/T0/B0/XXXXSECRETTOKEN", "does not hold an https URL"],
      ["https://hooks.slack.com/services/T0/B0/XXXXSECRETTOKEN and more", "does not hold an https URL"],
    ];
    for (const [stored, problem] of cases) {
      const logs: string[] = [];
      secretValue = () => ({ status: 200, body: JSON.stringify({ SecretString: stored }) });
      const error = await realHandler(logs)(snsEvent(snsRecord(errorAlarm))).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.equal(
        `chat notifier could not read the webhook secret: the webhook secret ${problem}`,
      );
      expect(logs.join("\n")).not.to.contain("XXXXSECRETTOKEN");
      expect(JSON.parse(logs[logs.length - 1]!)).to.deep.include({ level: "error", event: "secret" });
    }
    const logs: string[] = [];
    const pasted = createHandler({
      secretArn: "https://hooks.slack.com/services/T0/B0/XXXXSECRETTOKEN",
      readSecret: sdkSecretReader({ endpoint: aws.origin, credentials: TEST_CREDENTIALS }),
      log: (l) => logs.push(l),
    });
    const error = await pasted(snsEvent(snsRecord(errorAlarm))).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal(
      "chat notifier could not read the webhook secret: WEBHOOK_SECRET_ARN is not a Secrets Manager secret or SSM parameter ARN (got 54 characters that look like a URL)",
    );
    expect(logs.join("\n")).not.to.contain("XXXXSECRETTOKEN");
    expect(webhook.received).to.have.length(0);
  });

  it("bounds a Secrets Manager call that never answers by the invocation's remaining time", async () => {
    const logs: string[] = [];
    secretValue = () => "never";
    const started = Date.now();
    const error = await realHandler(logs, { reserveMs: 200 })(
      snsEvent(snsRecord(errorAlarm)),
      contextWithin(700),
    ).then(
      () => undefined,
      (e: Error) => e,
    );
    const took = Date.now() - started;
    expect(error?.message).to.equal(
      "chat notifier could not read the webhook secret: secretsmanager did not answer within the invocation's remaining time",
    );
    // Budget 700 − 200 reserved = 500 ms; well before the 700 ms the function would be killed at (some slack for a loaded machine).
    expect(took).to.be.within(450, 1500);
    expect(aws.received.length).to.be.at.least(1);
    expect(webhook.received).to.have.length(0);
    expect(JSON.parse(logs[1]!)).to.deep.include({ level: "error", event: "secret" });
  });

  it("handles a raw EventBridge event (a rule targeting the function, not wrapped in SNS)", async () => {
    const logs: string[] = [];
    const event = { ...signinFailure, detail: { ...signinFailure.detail, userAgent: MENTION } };
    expect(await realHandler(logs)(event)).to.deep.equal({ delivered: 1 });
    const message = posted();
    expectSafe(message);
    expect((message.blocks[1] as { text: { text: string } }).text.text).to.contain("(&lt;!channel&gt;)");
    expect(JSON.parse(logs[0]!)).to.deep.include({
      event: "received",
      kind: "event",
      messageId: signinFailure.id,
      source: "eventbridge aws.signin",
    });
  });

  it("handles an SNS record without Message, and refuses a non-object event with a clear error", async () => {
    const logs: string[] = [];
    const record = snsRecord("x", "Subject <!here>");
    const sns: Record<string, unknown> = { ...record.Sns };
    delete sns["Message"];
    expect(await realHandler(logs)({ Records: [{ ...record, Sns: sns }] })).to.deep.equal({ delivered: 1 });
    const message = posted();
    expectSafe(message);
    expect(message.blocks[0]).to.deep.equal({
      type: "header",
      text: { type: "plain_text", text: "Subject <!here>" },
    });
    expect((message.blocks[1] as { text: { text: string } }).text.text).to.match(
      /^:grey_question: SNS notification without a Message\n```\{/,
    );
    expect(JSON.parse(logs[0]!)).to.deep.include({ problem: "SNS notification without a Message" });
    for (const bad of [null, "text", [1]]) {
      const error = await realHandler(logs)(bad).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.match(
        /^unsupported event: expected an SQS, SNS or EventBridge event object, got /,
      );
      expect(error).not.to.be.instanceOf(TypeError);
    }
    expect(await realHandler(logs)({ Records: "nope" })).to.deep.equal({ delivered: 1 });
    expect(posted(1).blocks[0]).to.deep.equal({
      type: "header",
      text: { type: "plain_text", text: "Unreadable notification" },
    });
  });

  it("reads SQS batches of SNS envelopes: success is an empty batchItemFailures; total failure throws (so the batch is retried)", async () => {
    const logs: string[] = [];
    const ok = await realHandler(logs)(
      { Records: [sqsRecord(snsEnvelope(errorAlarm, "m-1"), "q-1")] },
      contextWithin(5000),
    );
    expect(ok).to.deep.equal({ batchItemFailures: [] });
    expect(posted().blocks[0]).to.deep.include({
      text: { type: "plain_text", text: `ALARM: ${errorAlarm.AlarmName}` },
    });
    expect(JSON.parse(logs[0]!)).to.deep.include({ messageId: "m-1", sqsMessageId: "q-1" });
    await webhook.close();
    webhook = await startServer(inOrder({ status: 404 }));
    const error = await realHandler(logs)(
      { Records: [sqsRecord(snsEnvelope(errorAlarm, "m-2"), "q-2")] },
      contextWithin(5000),
    ).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal(
      "chat notifier could not deliver 1 of 1 notification(s) (m-2): webhook rejected the message: HTTP 404",
    );
  });
});
