// Issue #17 items 1–2, the small version of `npm run load`: the same storm through the real handler and the
// event-source model, with time compressed (scale 60: the 60 s storm takes 1 s; the webhook still allows one
// message per modelled second).
import { expect } from "chai";
import { condense } from "../src/handler/digest";
import { readEvent } from "../src/handler/records";
import { SLACK_LIMITS } from "../src/handler/escape";
import { errorAlarm } from "./fixtures/events";
import { snsEnvelope, sqsRecord } from "./notifier-fakes";
import { runStorm } from "./storm/storm";

const alarmChange = (name: string, old: string, next: string, time: string) => ({
  ...errorAlarm,
  AlarmName: name,
  AlarmArn: `arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:${name}`,
  OldStateValue: old,
  NewStateValue: next,
  StateChangeTime: time,
});

describe("notifier: a burst is condensed into one message (#17 item 1)", () => {
  it("collapses one alarm's state changes into one line and many alarms into one digest with a count", () => {
    const batch = readEvent({
      Records: [
        sqsRecord(
          snsEnvelope(alarmChange("db-cpu", "OK", "ALARM", "2026-01-12T16:30:01.000+0000"), "a1"),
          "q1",
        ),
        sqsRecord(
          snsEnvelope(alarmChange("db-cpu", "ALARM", "OK", "2026-01-12T16:30:40.000+0000"), "a2"),
          "q2",
        ),
        sqsRecord(
          snsEnvelope(alarmChange("web-5xx", "OK", "ALARM", "2026-01-12T16:30:05.000+0000"), "a3"),
          "q3",
        ),
        sqsRecord(
          snsEnvelope(alarmChange("db-cpu", "OK", "ALARM", "2026-01-12T16:30:50.000+0000"), "a4"),
          "q4",
        ),
        // SQS delivers at least once: the same SNS message twice is one line.
        sqsRecord(
          snsEnvelope(alarmChange("web-5xx", "OK", "ALARM", "2026-01-12T16:30:05.000+0000"), "a3"),
          "q5",
        ),
      ],
    });
    const out = condense(batch.notifications);
    expect(out).to.have.length(1);
    expect(out[0]!.notifications).to.have.length(5);
    expect(out[0]!.folded).to.equal(3);
    const { blocks, text } = out[0]!.message;
    expect(blocks[0]).to.deep.equal({
      type: "header",
      text: { type: "plain_text", text: "5 notifications: 2 alarms changed state, 2 now in ALARM" },
    });
    const reason =
      "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (12/01/26 16:29:00)] was greater than or equal to the threshold (2.0) (minimum 1 datapoint for OK -&gt; ALA…";
    // Ordered by the first change; the reason is the latest one's, cut and escaped.
    expect((blocks[1] as { text: { text: string } }).text.text.split("\n")).to.deep.equal([
      `:red_circle: *db-cpu* OK → ALARM → OK → ALARM (3 changes) · ${reason}`,
      `:red_circle: *web-5xx* OK → ALARM · ${reason}`,
    ]);
    expect((blocks[2] as { elements: readonly { text: string }[] }).elements[0]!.text).to.equal(
      "Condensed from 5 notifications (2026-01-12T16:30:01.000+0000 – 2026-01-12T16:30:50.000+0000); each one is in the e-mail notifications and the notifier's log.",
    );
    expect(text.split("\n")[0]).to.equal("5 notifications: 2 alarms changed state, 2 now in ALARM");
  });

  it("stays within 50 blocks and 3,000 characters per section for hundreds of alarms, saying how many did not fit", () => {
    const records = Array.from({ length: 400 }, (_, i) =>
      sqsRecord(
        snsEnvelope(
          alarmChange(
            `alarm-${i}-${"x".repeat(150)}`,
            "OK",
            "ALARM",
            `2026-01-12T16:30:${String(i % 60).padStart(2, "0")}Z`,
          ),
          `m${i}`,
        ),
        `q${i}`,
      ),
    );
    const [digest] = condense(readEvent({ Records: records }).notifications);
    const blocks = digest!.message.blocks;
    expect(blocks).to.have.length(SLACK_LIMITS.blocks);
    for (const b of blocks)
      if (b.type === "section") expect(b.text.text.length).to.be.at.most(SLACK_LIMITS.sectionText);
    const overflow = (blocks[blocks.length - 2] as { text: { text: string } }).text.text;
    expect(overflow).to.match(/^…and \d+ more lines \(in the e-mail notifications and the log\)$/);
    const shown = blocks
      .filter((b) => b.type === "section")
      .slice(0, -1)
      .reduce((n, b) => n + (b as { text: { text: string } }).text.text.split("\n").length, 0);
    expect(shown + Number(/(\d+) more/.exec(overflow)![1])).to.equal(400);
  });
});

describe("notifier: an alarm storm through the real handler, time compressed (#17 item 2, small `npm run load`)", () => {
  it("delivers 100 state changes in 60 s to a 1 msg/s webhook: condensed, paced, 0 dead-lettered, 0 lost", async () => {
    const report = await runStorm({ scale: 60 });
    expect(report).to.deep.include({
      published: 100,
      emailed: 100,
      logged: 100,
      delivered: 100,
      deadLettered: 0,
      lost: 0,
    });
    expect(report.maxConcurrent).to.be.at.most(2);
    // Condensed: a handful of digests instead of 100 posts, well within what 1 msg/s allows in the window.
    expect(report.chatMessages).to.be.within(2, 20);
    expect(report.condensed).to.equal(100 - report.chatMessages);
    expect(report.folded).to.be.greaterThan(0);
    // 60 s of storm + a 10 s batching window + posting; compressed ×60, a loaded machine's stalls count 60-fold,
    // hence the margin (the real-time run, `npm run load`, measures it: about 65 s).
    expect(report.secondsToLastDelivery).to.be.below(150);
  });

  it("dead-letters what cannot be delivered (webhook always 500) after maxReceiveCount receives: 0 lost", async () => {
    const report = await runStorm({
      scale: 3000,
      changes: 10,
      durationSeconds: 30,
      webhook: () => ({ status: 500 }),
    });
    expect(report).to.deep.include({
      published: 10,
      emailed: 10,
      logged: 10,
      delivered: 0,
      deadLettered: 10,
      lost: 0,
    });
    expect(report.failedInvocations).to.equal(report.invocations);
  });
});
