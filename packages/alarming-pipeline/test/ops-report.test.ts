import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { OPS_REPORT_FILES, schedulePeriodSeconds } from "../src/ops-report";
import { formatRecord } from "../src/handler/format";
import { firedAlarms } from "../src/ops-report/alarm-history";
import { availabilityOf } from "../src/ops-report/availability";
import { sdkReportApi } from "../src/ops-report/aws";
import { createReportHandler } from "../src/ops-report/index";
import { CHAT_PART_LIMIT, splitIntoParts } from "../src/ops-report/render";
import { snsRecord } from "./fixtures/events";
import {
  epoch,
  json,
  jsonError,
  publishXml,
  scalingActivitiesXml,
  startFakeAws,
  type AwsRequest,
  type AwsRoute,
  type FakeActivity,
  type FakeAws,
} from "./fixtures/aws-fake";

const TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:buddyverse-prod-alarms-topic";
const env = {
  AWS_REGION: "ap-northeast-2",
  REPORT_TOPIC_ARN: TOPIC,
  REPORT_TITLE: "Ops report buddyverse-prod-alarms",
  REPORT_TIME_ZONE: "Asia/Seoul",
  COST_TAG_KEY: "cloudblocks:component",
  HEALTH_CHECK_ID: "abcdef01-2345-6789-abcd-ef0123456789",
  HEALTH_CHECK_URL: "https://buddyverse.link/",
  AUTO_SCALING_GROUPS: "buddyverse-prod-web-asg",
  ALARM_REGIONS: "ap-northeast-2,us-east-1",
  MONTHLY_BUDGET_USD: "3000",
};
const credentials = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token" };
const cw = "application/x-amz-json-1.0";

interface Scenario {
  /** HealthCheckStatus per period start (ISO) → value; periods not listed are healthy (1). */
  readonly downPeriods?: readonly string[];
  readonly noMetricData?: boolean;
  readonly groups?: readonly { key: string; amount: string }[];
  readonly forecast?: string | "unavailable";
  readonly costError?: boolean;
  readonly activities?: readonly FakeActivity[];
  readonly history?: Record<string, readonly { alarm: string; at: string; from: string; to: string }[]>;
}

/** The fake AWS answers for one scenario, over the window the request asks for. */
function routes(s: Scenario): AwsRoute {
  let published = 0;
  return (req: AwsRequest) => {
    const b = req.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    switch (req.operation) {
      case "GetMetricData": {
        if (s.noMetricData)
          return json(
            { MetricDataResults: [{ Id: "status", Timestamps: [], Values: [], StatusCode: "Complete" }] },
            cw,
          );
        const period = b.MetricDataQueries[0].MetricStat.Period as number;
        const timestamps: number[] = [];
        const values: number[] = [];
        for (let t = b.StartTime as number; t < (b.EndTime as number); t += period) {
          timestamps.push(t);
          values.push((s.downPeriods ?? []).some((d) => epoch(d) === t) ? 0 : 1);
        }
        return json(
          {
            MetricDataResults: [
              {
                Id: "status",
                Label: "HealthCheckStatus",
                Timestamps: timestamps,
                Values: values,
                StatusCode: "Complete",
              },
            ],
            Messages: [],
          },
          cw,
        );
      }
      case "GetCostAndUsage":
        if (s.costError)
          return jsonError(
            400,
            "AccessDeniedException",
            "User is not authorized to perform: ce:GetCostAndUsage",
          );
        return json({
          GroupDefinitions: [{ Type: "TAG", Key: "cloudblocks:component" }],
          ResultsByTime: [
            {
              TimePeriod: b.TimePeriod,
              Total: {},
              Groups: (s.groups ?? []).map((g) => ({
                Keys: [g.key],
                Metrics: { UnblendedCost: { Amount: g.amount, Unit: "USD" } },
              })),
              Estimated: true,
            },
          ],
          DimensionValueAttributes: [],
        });
      case "GetCostForecast":
        if (s.forecast === "unavailable" || s.forecast === undefined)
          return jsonError(
            400,
            "DataUnavailableException",
            "Insufficient amount of historical data to generate forecast.",
          );
        return json({ Total: { Amount: s.forecast, Unit: "USD" }, ForecastResultsByTime: [] });
      case "DescribeScalingActivities":
        return scalingActivitiesXml(String(b["AutoScalingGroupName"]), s.activities ?? []);
      case "DescribeAlarmHistory":
        return json(
          {
            AlarmHistoryItems: (s.history?.[req.region] ?? []).map((h) => ({
              AlarmName: h.alarm,
              AlarmType: "MetricAlarm",
              Timestamp: epoch(h.at),
              HistoryItemType: "StateUpdate",
              HistorySummary: `Alarm updated from ${h.from} to ${h.to}`,
              HistoryData: JSON.stringify({
                version: "1.0",
                oldState: { stateValue: h.from },
                newState: { stateValue: h.to },
              }),
            })),
          },
          cw,
        );
      case "Publish":
        return publishXml(`msg-${++published}`);
      default:
        return jsonError(400, "UnknownOperationException", req.operation);
    }
  };
}

async function run(s: Scenario, now: string, extraEnv: Record<string, string> = {}) {
  fake = await startFakeAws(routes(s));
  const handler = createReportHandler({
    env: { ...env, ...extraEnv },
    api: sdkReportApi("ap-northeast-2", { endpoint: fake.endpoint, credentials }),
    now: () => new Date(now),
    log: () => undefined,
  });
  return handler();
}

let fake: FakeAws | undefined;
const ops = (name: string) => fake!.requests.filter((r) => r.operation === name);
const published = () =>
  ops("Publish").map((r) => ({ subject: String(r.body["Subject"]), message: String(r.body["Message"]) }));

describe("ops report handler against local AWS fakes (issue 12 item 1)", function () {
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("an empty month (the 1st, 09:00 in Seoul): no data, no spend yet, no forecast, nothing fired — one message", async () => {
    const { parts } = await run({ noMetricData: true, forecast: "unavailable" }, "2026-12-01T00:00:00Z");
    expect(parts).to.equal(1);
    const [post] = published();
    expect(post!.subject).to.equal("Ops report buddyverse-prod-alarms");
    expect(post!.message).to.contain("Generated 2026-12-01 09:00 (Asia/Seoul)");
    expect(post!.message).to.contain(
      "Last 24 h: uptime no data, down 0 s in 0 window(s), no data 1 d 0 h 00 min",
    );
    expect(post!.message).to.contain("No complete day yet this month.");
    expect(post!.message).to.contain("Month to date $0.00 of $3000.00 budget (0.0 %)");
    expect(post!.message).to.contain("Forecast: not available yet");
    expect(post!.message).to.contain("*Scaling activities of buddyverse-prod-web-asg* (last 24 h): 0");
    expect(post!.message).to.contain("*Alarms that fired* (last 24 h): 0");
    // Cost Explorer refuses an empty period: on the 1st it is not asked for spend.
    expect(ops("GetCostAndUsage")).to.have.length(0);
    expect(ops("GetCostForecast")[0]!.body["TimePeriod"]).to.deep.equal({
      Start: "2026-12-01",
      End: "2027-01-01",
    });
    expect(ops("Publish")[0]!.body["TopicArn"]).to.equal(TOPIC);
  });

  it("a month with outages: uptime, each downtime window in Seoul time, spend by component against budget and forecast, scaling, alarm durations", async () => {
    const { parts } = await run(
      {
        // Last 24 h (1-minute data): 03:00–03:07 UTC and 10:00–10:02 UTC on the 14th.
        downPeriods: [
          ...Array.from({ length: 7 }, (_, i) => `2026-12-14T03:0${i}:00Z`),
          "2026-12-14T10:00:00Z",
          "2026-12-14T10:01:00Z",
          // Earlier this month (5-minute data): 25 minutes on the 3rd.
          ...["00", "05", "10", "15", "20"].map((m) => `2026-12-03T12:${m}:00Z`),
        ],
        groups: [
          { key: "cloudblocks:component$buddyverse-prod-db", amount: "310.125" },
          { key: "cloudblocks:component$buddyverse-prod-web", amount: "120.5" },
          { key: "cloudblocks:component$", amount: "4.25" },
        ],
        forecast: "520.00",
        activities: [
          {
            start: "2026-12-14T03:02:00Z",
            end: "2026-12-14T03:04:10Z",
            status: "Successful",
            description: "Launching a new EC2 instance: i-0abc",
            cause: "At 2026-12-14T03:01:00Z an instance was taken out of service <!channel>",
          },
          {
            start: "2026-12-10T03:02:00Z",
            end: "2026-12-10T03:04:10Z",
            status: "Successful",
            description: "older, outside the day",
            cause: "x",
          },
        ],
        history: {
          "ap-northeast-2": [
            { alarm: "buddyverse-prod-web-cpu-high", at: "2026-12-14T05:00:00Z", from: "OK", to: "ALARM" },
            { alarm: "buddyverse-prod-web-cpu-high", at: "2026-12-14T05:12:00Z", from: "ALARM", to: "OK" },
            { alarm: "buddyverse-prod-db-storage", at: "2026-12-14T20:00:00Z", from: "OK", to: "ALARM" },
            {
              alarm: "buddyverse-prod-db-cpu",
              at: "2026-12-14T01:00:00Z",
              from: "OK",
              to: "INSUFFICIENT_DATA",
            },
          ],
          "us-east-1": [
            {
              alarm: "buddyverse-prod-alarms-sla-alarm",
              at: "2026-12-14T03:09:00Z",
              from: "ALARM",
              to: "OK",
            },
          ],
        },
      },
      "2026-12-15T00:00:00Z",
    );
    expect(parts).to.equal(1);
    const message = published()[0]!.message;
    // 9 of 1440 minutes down: 99.375 %.
    expect(message).to.contain("Last 24 h: uptime 99.375 %, down 9 min in 2 window(s)");
    expect(message).to.contain("  • 2026-12-14 12:00 → 2026-12-14 12:07 (7 min)");
    expect(message).to.contain("  • 2026-12-14 19:00 → 2026-12-14 19:02 (2 min)");
    // Month, at 5 minutes: 14 days = 4032 periods; the 3rd's 25 minutes (5 periods) and, on the 14th, the periods
    // starting 03:00, 03:05 and 10:00 (each holds a down minute, so its Minimum is 0).
    expect(message).to.contain(
      `This month: uptime ${((100 * (4032 - 8)) / 4032).toFixed(3)} %, down 40 min in 3 window(s)`,
    );
    expect(message).to.contain(
      "  • 2026-12-03 21:00 → 2026-12-03 21:25 (25 min)\n  • 2026-12-14 12:00 → 2026-12-14 12:10 (10 min)\n  • 2026-12-14 19:00 → 2026-12-14 19:05 (5 min)",
    );
    expect(message).to.contain(
      "  • buddyverse-prod-db: $310.13\n  • buddyverse-prod-web: $120.50\n  • (untagged): $4.25",
    );
    expect(message).to.contain("Month to date $434.88 of $3000.00 budget (14.5 %)");
    expect(message).to.contain("Forecast for the month $954.88 (31.8 % of budget)");
    expect(message).to.contain("*Scaling activities of buddyverse-prod-web-asg* (last 24 h): 1");
    expect(message).to.contain("  • 2026-12-14 12:02 Successful: Launching a new EC2 instance: i-0abc");
    expect(message).not.to.contain("older, outside the day");
    expect(message).to.contain("*Alarms that fired* (last 24 h): 3");
    // Ongoing since 20:00 UTC → 4 h; the SLA alarm was already in ALARM when the day began (00:00 UTC → 03:09).
    expect(message).to.contain(
      "  • buddyverse-prod-db-storage (ap-northeast-2): 4 h 00 min in ALARM — 2026-12-15 05:00 → still in ALARM",
    );
    expect(message).to.contain(
      "  • buddyverse-prod-alarms-sla-alarm (us-east-1): 3 h 09 min in ALARM — 2026-12-14 09:00 → 2026-12-14 12:09",
    );
    expect(message).to.contain(
      "  • buddyverse-prod-web-cpu-high (ap-northeast-2): 12 min in ALARM — 2026-12-14 14:00 → 2026-12-14 14:12",
    );
    expect(message).not.to.contain("buddyverse-prod-db-cpu ");

    // The calls themselves: signed for the right service regions, with the documented parameters.
    const metric = ops("GetMetricData");
    expect(metric.map((r) => r.region)).to.deep.equal(["us-east-1", "us-east-1"]);
    expect((metric[0]!.body["MetricDataQueries"] as unknown[])[0]).to.deep.equal({
      Id: "status",
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: "AWS/Route53",
          MetricName: "HealthCheckStatus",
          Dimensions: [{ Name: "HealthCheckId", Value: env.HEALTH_CHECK_ID }],
        },
        Period: 60,
        Stat: "Minimum",
      },
    });
    const cost = ops("GetCostAndUsage")[0]!;
    expect(cost.region).to.equal("us-east-1");
    expect(cost.body).to.deep.equal({
      TimePeriod: { Start: "2026-12-01", End: "2026-12-15" },
      Granularity: "MONTHLY",
      Metrics: ["UnblendedCost"],
      GroupBy: [{ Type: "TAG", Key: "cloudblocks:component" }],
    });
    expect(cost.authorization).to.match(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/\d{8}\/us-east-1\/ce\/aws4_request/,
    );
    expect(ops("GetCostForecast")[0]!.body).to.deep.equal({
      TimePeriod: { Start: "2026-12-15", End: "2027-01-01" },
      Metric: "UNBLENDED_COST",
      Granularity: "MONTHLY",
    });
    expect(ops("DescribeScalingActivities")[0]).to.deep.include({ region: "ap-northeast-2" });
    expect(ops("DescribeScalingActivities")[0]!.body).to.include({
      AutoScalingGroupName: "buddyverse-prod-web-asg",
      MaxRecords: "100",
    });
    expect(ops("DescribeAlarmHistory").map((r) => [r.region, r.body["HistoryItemType"]])).to.deep.equal([
      ["ap-northeast-2", "StateUpdate"],
      ["us-east-1", "StateUpdate"],
    ]);
    // Text from AWS cannot mention @channel or open links in chat.
    expect(message).not.to.match(/<!channel>/);
  });

  it("an API error fails the invocation loudly and publishes nothing (so Lambda retries, then its DLQ)", async () => {
    let error: Error | undefined;
    await run({ costError: true, forecast: "1" }, "2026-12-15T00:00:00Z").catch((e: Error) => (error = e));
    expect(error?.name).to.equal("AccessDeniedException");
    expect(error?.message).to.contain("ce:GetCostAndUsage");
    expect(ops("Publish")).to.have.length(0);
  });

  it("a report too long for one chat message goes out in numbered parts, each posted whole by the notifier", async () => {
    const history = Array.from({ length: 80 }, (_, i) => [
      {
        alarm: `buddyverse-prod-web-log-alarm-with-a-rather-long-descriptive-name-${String(i).padStart(3, "0")}`,
        at: "2026-12-14T05:00:00Z",
        from: "OK",
        to: "ALARM",
      },
      {
        alarm: `buddyverse-prod-web-log-alarm-with-a-rather-long-descriptive-name-${String(i).padStart(3, "0")}`,
        at: "2026-12-14T05:01:00Z",
        from: "ALARM",
        to: "OK",
      },
    ]).flat();
    const { parts } = await run(
      { forecast: "10", history: { "ap-northeast-2": history } },
      "2026-12-15T00:00:00Z",
    );
    const posts = published();
    expect(parts).to.be.greaterThan(1);
    expect(posts).to.have.length(parts);
    posts.forEach((post, i) => {
      expect(post.subject).to.equal(`Ops report buddyverse-prod-alarms (${i + 1}/${parts})`);
      expect(post.message.length).to.be.at.most(CHAT_PART_LIMIT);
      // What the chat notifier makes of it: the whole part, uncut.
      const chat = formatRecord(snsRecord(post.message, post.subject));
      expect((chat.blocks[1] as { text: { text: string } }).text.text).to.equal(post.message);
    });
    const all = posts.map((p) => p.message).join("\n");
    for (let i = 0; i < 80; i++)
      expect(all).to.contain(
        `descriptive-name-${String(i).padStart(3, "0")} (ap-northeast-2): 1 min in ALARM`,
      );
  });
});

describe("ops report calculations", () => {
  it("counts a period down when its Minimum is below 1, merges consecutive ones, and marks an outage still going", () => {
    const from = new Date("2026-12-01T00:00:00Z");
    const to = new Date("2026-12-01T00:10:00Z");
    const values = [1, 0, 0, 1, 0.5, 1, 1, 1, 0, 0];
    const points = values.map((value, i) => ({ timestamp: new Date(from.getTime() + i * 60_000), value }));
    const a = availabilityOf(points, 60, from, to);
    expect(a.uptimePercent).to.equal(50);
    expect(
      a.windows.map((w) => [w.start.toISOString().slice(11, 16), w.durationMs / 60_000, w.ongoing]),
    ).to.deep.equal([
      ["00:01", 2, false],
      ["00:04", 1, false],
      ["00:08", 2, true],
    ]);
    expect(a.noDataMs).to.equal(0);
  });

  it("an alarm flapping in and out of ALARM sums its spells", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 11, 14, 0, m));
    const fired = firedAlarms(
      [
        { alarmName: "a", timestamp: at(10), oldState: "OK", newState: "ALARM" },
        { alarmName: "a", timestamp: at(15), oldState: "ALARM", newState: "OK" },
        { alarmName: "a", timestamp: at(20), oldState: "OK", newState: "ALARM" },
        { alarmName: "a", timestamp: at(50), oldState: "ALARM", newState: "INSUFFICIENT_DATA" },
      ],
      "ap-northeast-2",
      at(0),
      at(60),
    );
    expect(fired).to.have.length(1);
    expect(fired[0]!.totalMs).to.equal(35 * 60_000);
  });

  it("never splits inside a line, and cuts a single over-long line", () => {
    const parts = splitIntoParts(["a".repeat(6), "b".repeat(6), "c".repeat(30)], 14);
    expect(parts).to.deep.equal(["aaaaaa\nbbbbbb", `${"c".repeat(13)}…`]);
  });
});

describe("ops report package (what Lambda gets)", () => {
  const dir = path.join(__dirname, "..", "src", "ops-report");
  it("packages every compiled handler file, and they need nothing but each other and the runtime's AWS SDK", () => {
    const compiled = readdirSync(dir).filter((f) => f.endsWith(".js"));
    expect([...OPS_REPORT_FILES].sort()).to.deep.equal(compiled.sort());
    for (const file of compiled) {
      const required = [...readFileSync(path.join(dir, file), "utf8").matchAll(/require\("([^"]+)"\)/g)].map(
        (m) => m[1]!,
      );
      expect(
        required.filter((r) => !r.startsWith("./") && !r.startsWith("@aws-sdk/client-")),
        file,
      ).to.deep.equal([]);
    }
  });

  it("counts a rate schedule's errors per interval and a cron schedule's per day", () => {
    expect(schedulePeriodSeconds("rate(3 hours)")).to.equal(10_800);
    expect(schedulePeriodSeconds("rate(1 day)")).to.equal(86_400);
    expect(schedulePeriodSeconds("cron(0 9 * * ? *)")).to.equal(86_400);
  });
});
