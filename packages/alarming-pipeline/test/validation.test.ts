import { ArgsValidationError } from "@cloudblocks/component-kit";
import { setupMocks, type MockEnvironment } from "@cloudblocks/testkit";
import { expect } from "chai";
import {
  AlarmDashboard,
  AlarmingPipeline,
  type AlarmingPipelineArgs,
  isValidScheduleExpression,
  opsReportSchema,
} from "../src";

/** The problems of the error a construction throws, and proof that nothing was registered (ALL-1). */
function problemsOf(env: MockEnvironment, args: unknown): readonly string[] {
  try {
    new AlarmingPipeline("alarms", args as AlarmingPipelineArgs);
  } catch (error) {
    expect(error).to.be.instanceOf(ArgsValidationError);
    expect(env.recorder.resources.filter((r) => r.name.startsWith("alarms"))).to.deep.equal([]);
    return (error as ArgsValidationError).problems;
  }
  throw new Error("expected the construction to fail");
}

const log = { id: "app-errors", logGroupName: "/app" };
const metric = {
  id: "cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  statistic: "Average",
  period: 60,
  evaluationPeriods: 2,
  threshold: 80,
  comparisonOperator: "GreaterThanThreshold",
  treatMissingData: "missing",
};

describe("AlarmingPipeline: input validation (ALL-1)", () => {
  let env: MockEnvironment;
  beforeEach(() => (env = setupMocks()));

  it("rejects a malformed e-mail address and a repeated one", () => {
    expect(problemsOf(env, { emailAddresses: ["ops@example", "a@b.io", "A@b.io"] })).to.deep.equal([
      'args.emailAddresses[0]: got "ops@example"; allowed: an e-mail address such as ops@example.com (local part ≤ 64 characters, whole address ≤ 254, RFC 5321)',
      'args.emailAddresses[2]: got "a@b.io"; allowed: unique addresss ("a@b.io" repeats)',
    ]);
  });

  it("rejects periods CloudWatch does not accept", () => {
    expect(problemsOf(env, { logAlarms: [{ ...log, period: 45 }] })).to.deep.equal([
      "args.logAlarms[0].period: got 45; allowed: 10, 20, 30 or a multiple of 60 seconds",
    ]);
    expect(problemsOf(env, { metricAlarms: [{ ...metric, period: 90 }] })).to.deep.equal([
      "args.metricAlarms[0].period: got 90; allowed: 10, 20, 30 or a multiple of 60 seconds",
    ]);
  });

  it("rejects thresholds and evaluation windows outside CloudWatch's limits", () => {
    expect(
      problemsOf(env, { metricAlarms: [{ ...metric, threshold: Number.POSITIVE_INFINITY }] }),
    ).to.deep.equal(["args.metricAlarms[0].threshold: got Infinity; allowed: a finite number"]);
    expect(problemsOf(env, { metricAlarms: [{ ...metric, datapointsToAlarm: 3 }] })).to.deep.equal([
      "args.metricAlarms[0].datapointsToAlarm: got 3; allowed: 1 to evaluationPeriods (2)",
    ]);
    expect(
      problemsOf(env, { metricAlarms: [{ ...metric, period: 3600, evaluationPeriods: 25 }] }),
    ).to.deep.equal([
      "args.metricAlarms[0].evaluationPeriods: got 25; allowed: period × evaluationPeriods ≤ 86400 s (got 90000 s)",
    ]);
    expect(problemsOf(env, { metricAlarms: [{ ...metric, evaluationPeriods: 0 }] })).to.deep.equal([
      "args.metricAlarms[0].evaluationPeriods: got 0; allowed: an integer from 1 to 1440",
    ]);
  });

  it("rejects an empty log pattern, a missing log group and an unknown statistic or operator", () => {
    expect(problemsOf(env, { logAlarms: [{ ...log, pattern: "  " }] })).to.deep.equal([
      'args.logAlarms[0].pattern: got "  "; allowed: a non-empty CloudWatch Logs filter pattern',
    ]);
    expect(problemsOf(env, { logAlarms: [{ id: "x", logGroupName: "" }] })).to.deep.equal([
      'args.logAlarms[0].logGroupName: got ""; allowed: a non-empty string or a Pulumi output',
    ]);
    expect(
      problemsOf(env, { metricAlarms: [{ ...metric, statistic: "Mean", comparisonOperator: ">" }] }),
    ).to.deep.equal([
      'args.metricAlarms[0].statistic: got "Mean"; allowed: Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99',
      'args.metricAlarms[0].comparisonOperator: got ">"; allowed: GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold',
    ]);
  });

  it("rejects list-index-like or repeated ids (children are keyed by them)", () => {
    expect(problemsOf(env, { logAlarms: [log, { ...log, pattern: "WARN" }] })).to.deep.equal([
      'args.logAlarms[1]: got "app-errors"; allowed: unique log alarm ids ("app-errors" repeats)',
    ]);
    expect(problemsOf(env, { logAlarms: [{ ...log, id: "app errors!" }] })).to.deep.equal([
      "args.logAlarms[0].id: got \"app errors!\"; allowed: 1-64 letters, digits, '-' or '_' (a stable key, never a list index)",
    ]);
  });

  it("rejects bad rate and cron syntax", () => {
    const schedule = (expression: string) => ({
      schedules: [
        {
          id: "s",
          expression,
          targets: [{ id: "t", functionArn: "arn:aws:lambda:ap-northeast-2:123456789012:function:f" }],
        },
      ],
    });
    expect(problemsOf(env, schedule("rate(3 hour)"))).to.deep.equal([
      "args.schedules[0].expression: got \"rate(3 hour)\"; allowed: rate(1 hour), rate(3 hours) or cron(min hour day-of-month month day-of-week year) with '?' in exactly one day field (bad: rate(N unit): 1 minute|hour|day, or N ≥ 2 minutes|hours|days)",
    ]);
    expect(problemsOf(env, schedule("cron(0 24 * * ? *)"))).to.deep.equal([
      'args.schedules[0].expression: got "cron(0 24 * * ? *)"; allowed: rate(1 hour), rate(3 hours) or cron(min hour day-of-month month day-of-week year) with \'?\' in exactly one day field (bad: hours "24" (allowed 0-23))',
    ]);
    expect(problemsOf(env, schedule("cron(0 */3 * * *)"))[0]).to.match(
      /^args\.schedules\[0\]\.expression: got "cron\(0 \*\/3 \* \* \*\)"; allowed: rate/,
    );
    expect(
      [
        "rate(1 minute)",
        "rate(3 hours)",
        "cron(0 */3 * * ? *)",
        "cron(0 9 ? * MON-FRI *)",
        "cron(15 10 L * ? 2026)",
      ].map(isValidScheduleExpression),
    ).to.deep.equal([true, true, true, true, true]);
    expect(
      ["rate(0 hours)", "rate(1 minutes)", "cron(0 9 * * * *)", "cron(0 9 ? * ? *)", "every 3 hours"].map(
        isValidScheduleExpression,
      ),
    ).to.deep.equal([false, false, false, false, false]);
  });

  it("rejects a webhook given as a URL instead of a secret ARN, and bad retention, trail, SLA and budget settings", () => {
    expect(problemsOf(env, { webhookSecretArn: "https://hooks.slack.com/services/T/B/C" })).to.deep.equal([
      // The URL is the credential: never echoed.
      "args.webhookSecretArn: got [secret]; allowed: a Secrets Manager secret ARN or an SSM parameter ARN",
    ]);
    expect(problemsOf(env, { emailAdresses: ["ops@example.com"] } as never)).to.deep.equal([
      'args.emailAdresses: got ["ops@example.com"]; allowed: a known key — did you mean emailAddresses? (keys: emailAddresses, chatNotifier, webhookSecretArn, webhookSecretKmsKeyArn, notifierErrorThreshold, logRetentionDays, logAlarms, metricAlarms, autoScalingGroupNames, securityEvents, schedules, auditTrail, slaMonitor, costBudget, awsConfig)',
    ]);
    expect(problemsOf(env, { auditTrail: { cisAlarm: true } } as never)[0]).to.match(
      /^args\.auditTrail\.cisAlarm: got true; allowed: a known key — did you mean cisAlarms\?/,
    );
    expect(problemsOf(env, { securityEvents: "yes" } as never)).to.deep.equal([
      'args.securityEvents: got "yes"; allowed: true or false',
    ]);
    expect(problemsOf(env, { logRetentionDays: 10 })[0]).to.equal(
      "args.logRetentionDays: got 10; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days",
    );
    expect(problemsOf(env, { auditTrail: { transitionToGlacierDays: 20 } })).to.deep.equal([
      "args.auditTrail.transitionToGlacierDays: got 20; allowed: more than transitionToInfrequentAccessDays (30)",
    ]);
    expect(problemsOf(env, { slaMonitor: { url: "buddyverse.link" } })).to.deep.equal([
      'args.slaMonitor.url: got "buddyverse.link"; allowed: an http(s) URL such as https://buddyverse.link/',
    ]);
    expect(problemsOf(env, { costBudget: { monthlyLimitUsd: 0 } })).to.deep.equal([
      "args.costBudget.monthlyLimitUsd: got 0; allowed: a positive amount of USD",
    ]);
  });

  it("validates alarms added after construction and dashboard arguments the same way", async () => {
    const pipeline = new AlarmingPipeline("alarms", {});
    expect(() => pipeline.addLogAlarm({ id: "x", logGroupName: "/app", threshold: 2, period: 61 })).to.throw(
      ArgsValidationError,
      "logAlarm.period: got 61; allowed: 10, 20, 30 or a multiple of 60 seconds",
    );
    expect(
      () =>
        new AlarmDashboard("board", {
          metrics: [
            {
              id: "a",
              title: "A",
              namespace: "AWS/EC2",
              metricName: "CPUUtilization",
              dimensions: {},
              stat: "Avg",
            },
          ],
        }),
    ).to.throw(
      ArgsValidationError,
      'args.metrics[0].stat: got "Avg"; allowed: Average, Sum, Minimum, Maximum, SampleCount or a percentile such as p99',
    );
    // Let the pipeline's registrations finish here, not in the next test's mocks.
    await env.settle();
  });

  it("refuses a second alarm or Auto Scaling event rule with an id already taken, before creating anything for it", async () => {
    const pipeline = new AlarmingPipeline("alarms", { logAlarms: [log], metricAlarms: [metric as never] });
    pipeline.addAutoScalingEvents("fleet", ["asg-1"]);
    await env.settle();
    const before = env.recorder.resources.length;
    expect(() => pipeline.addLogAlarm({ id: "app-errors", logGroupName: "/other" })).to.throw(
      ArgsValidationError,
      'logAlarm.id: got "app-errors"; allowed: an id no other log alarm of this pipeline has (taken: app-errors)',
    );
    expect(() => pipeline.addMetricAlarm(metric as never)).to.throw(
      ArgsValidationError,
      'metricAlarm.id: got "cpu"; allowed: an id no other metric alarm of this pipeline has (taken: cpu)',
    );
    expect(() => pipeline.addAutoScalingEvents("fleet", ["asg-2"])).to.throw(
      ArgsValidationError,
      'autoScalingEvents.id: got "fleet"; allowed: an id no other Auto Scaling event rule of this pipeline has (taken: fleet)',
    );
    await env.settle();
    expect(env.recorder.resources.length, "nothing registered for the refused ones").to.equal(before);
    // A log alarm and a metric alarm may share an id: their resources are named apart (-log- / -metric-).
    expect(() => pipeline.addLogAlarm({ id: "cpu", logGroupName: "/app" })).not.to.throw();
  });

  it("takes the ops report's time zone as any IANA name Node.js knows, canonical or alias, and nothing else", () => {
    const verdict = (timeZone: string) => {
      const result = opsReportSchema.safeParse({ timeZone });
      return result.success || result.error.issues.map((i) => i.message).join("; ");
    };
    for (const zone of ["Asia/Seoul", "UTC", "Etc/UTC", "Asia/Calcutta", "asia/seoul"])
      expect(verdict(zone), zone).to.equal(true);
    for (const zone of ["Mars/Olympus", "", "Asia/Seoul "])
      expect(verdict(zone), zone).to.equal("allowed: an IANA time zone such as Asia/Seoul or Etc/UTC");
  });
});
