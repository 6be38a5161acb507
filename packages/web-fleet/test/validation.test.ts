import { expect } from "chai";
import { ArgsValidationError } from "@cloudblocks/component-kit";
import { setupMocks, type MockEnvironment } from "@cloudblocks/testkit";
import { WebFleet, type WebFleetArgs } from "../src";
import { network, prodArgs } from "./fixtures";

/** The problems WebFleet reports for these arguments (fails the test if it accepts them). */
function problemsOf(args: unknown, name = "web"): readonly string[] {
  try {
    new WebFleet(name, args as WebFleetArgs);
  } catch (error) {
    expect(error).to.be.instanceOf(ArgsValidationError);
    expect((error as Error).message).to.contain("WebFleet: invalid arguments");
    return (error as ArgsValidationError).problems;
  }
  return expect.fail("WebFleet accepted invalid arguments");
}

describe("WebFleet input validation (ALL-1)", () => {
  let env: MockEnvironment;
  beforeEach(() => {
    env = setupMocks();
  });

  it("creates nothing at all when the arguments are invalid", async () => {
    problemsOf({ network, minSize: 5 });
    await env.settle();
    expect(env.recorder.resources).to.deep.equal([]);
  });

  const cases: [string, Record<string, unknown>, string][] = [
    [
      "instance refresh max more than 100 above its min (RefreshPreferences)",
      { instanceRefreshMinHealthyPercentage: 90, instanceRefreshMaxHealthyPercentage: 200 },
      "args.instanceRefreshMaxHealthyPercentage: got 200; allowed: at most 100 above instanceRefreshMinHealthyPercentage (90), i.e. ≤ 190",
    ],
    [
      "min above desired",
      { minSize: 3, desiredCapacity: 2 },
      "args.minSize: got 3; allowed: minSize ≤ desiredCapacity (2)",
    ],
    [
      "desired above max",
      { desiredCapacity: 5, maxSize: 4 },
      "args.desiredCapacity: got 5; allowed: desiredCapacity ≤ maxSize (4)",
    ],
    ["a negative capacity", { minSize: -1 }, "args.minSize: got -1; allowed: an integer from 0 to 1000"],
    [
      "a malformed instance type",
      { instanceType: "t2micro" },
      'args.instanceType: got "t2micro"; allowed: an EC2 instance type such as t3.micro or m7g.large',
    ],
    [
      "a CPU target over 100 %",
      { cpuTargetPercent: 150 },
      "args.cpuTargetPercent: got 150; allowed: a CPU target from 1 to 100 (percent)",
    ],
    [
      "step thresholds the wrong way round",
      { scalingMode: "step", scaleOutCpuPercent: 50, scaleInCpuPercent: 75 },
      "args.scaleInCpuPercent: got 75; allowed: below scaleOutCpuPercent (50)",
    ],
    [
      "an unknown scaling mode",
      { scalingMode: "magic" },
      'args.scalingMode: got "magic"; allowed: "target-tracking", "step" or "none"',
    ],
    [
      "a domain without a hosted zone",
      { domainName: "buddyverse.link" },
      'args.domainName: got "buddyverse.link"; allowed: a domain only with hostedZoneName or hostedZoneId',
    ],
    [
      "a domain outside its zone",
      { domainName: "shop.example.com", hostedZoneName: "buddyverse.link" },
      'args.domainName: got "shop.example.com"; allowed: a name inside the hosted zone buddyverse.link',
    ],
    [
      "a zone without a domain",
      { hostedZoneName: "buddyverse.link" },
      'args.hostedZoneName: got "buddyverse.link"; allowed: only together with domainName',
    ],
    [
      "a health check interval below the AWS minimum",
      { healthCheckIntervalSeconds: 3 },
      "args.healthCheckIntervalSeconds: got 3; allowed: an integer from 5 to 300 seconds",
    ],
    [
      "a health check timeout not below the interval",
      { healthCheckIntervalSeconds: 10, healthCheckTimeoutSeconds: 10 },
      "args.healthCheckTimeoutSeconds: got 10; allowed: less than healthCheckIntervalSeconds (10)",
    ],
    [
      "a healthy threshold above 10",
      { healthyThreshold: 11 },
      "args.healthyThreshold: got 11; allowed: an integer from 2 to 10",
    ],
    [
      "an unhealthy threshold below 2",
      { unhealthyThreshold: 1 },
      "args.unhealthyThreshold: got 1; allowed: an integer from 2 to 10",
    ],
    [
      "a deregistration delay above 3600 s",
      { deregistrationDelaySeconds: 4000 },
      "args.deregistrationDelaySeconds: got 4000; allowed: an integer from 0 to 3600 seconds",
    ],
    [
      "a health check path without a leading slash",
      { healthCheckPath: "health" },
      'args.healthCheckPath: got "health"; allowed: a URL path starting with /',
    ],
    [
      "a retention CloudWatch does not offer",
      { logRetentionDays: 45 },
      "args.logRetentionDays: got 45; allowed: one of 1, 3, 5, 7, 14, 30",
    ],
    [
      "an EFS IA transition AWS does not offer",
      { efsTransitionToIaDays: 45 },
      "args.efsTransitionToIaDays: got 45; allowed: one of 1, 7, 14, 30, 60, 90, 180, 270, 365 (days)",
    ],
    [
      "a root volume below the image size",
      { rootVolumeSizeGiB: 4 },
      "args.rootVolumeSizeGiB: got 4; allowed: an integer from 8 to 16384 GiB",
    ],
    [
      "a pre-TLS-1.2 SSL policy",
      { sslPolicy: "ELBSecurityPolicy-2016-08" },
      'args.sslPolicy: got "ELBSecurityPolicy-2016-08"; allowed: an ALB security policy with TLS 1.2 or 1.3 only, such as ELBSecurityPolicy-TLS13-1-2-2021-06',
    ],
    [
      "an alarm CPU threshold of 0",
      { alarmThresholds: { cpuPercent: 0 } },
      "args.alarmThresholds.cpuPercent: got 0; allowed: a CPU threshold from 1 to 100 (percent)",
    ],
    [
      "duplicate listener rule priorities",
      {
        pathRoutes: {
          a: { pathPatterns: ["/a/*"], priority: 5 },
          b: { pathPatterns: ["/b/*"], priority: 5 },
        },
      },
      "args.pathRoutes.b.priority: got 5; allowed: a priority unique per listener (pathRoutes.a has it)",
    ],
    [
      "more than 5 path patterns in a rule",
      { pathRoutes: { a: { pathPatterns: ["/1", "/2", "/3", "/4", "/5", "/6"], priority: 5 } } },
      'args.pathRoutes.a.pathPatterns: got ["/1","/2","/3","/4","/5","/6"]; allowed: a list of 1 to 5 path patterns',
    ],
    [
      "a misspelt argument",
      { minSise: 2 },
      "args.minSise: got 2; allowed: a known key — did you mean minSize? (keys: network, instanceType,",
    ],
    [
      "a bootstrap containing the heredoc delimiter",
      { appBootstrap: "echo hi\nWEB_FLEET_APP_BOOTSTRAP\n" },
      'args.appBootstrap: got "echo hi\\nWEB_FLEET_APP_BOOTSTRAP\\n"; allowed: a script without a line "WEB_FLEET_APP_BOOTSTRAP"',
    ],
    [
      "scheduled action that changes nothing",
      { scheduledActions: { noon: { recurrence: "0 12 * * *" } } },
      'args.scheduledActions.noon: got {"recurrence":"0 12 * * *","timeZone":"Asia/Seoul"}; allowed: at least one of minSize, maxSize, desiredCapacity',
    ],
    [
      "a malformed cron expression",
      { scheduledActions: { noon: { recurrence: "every day", minSize: 3 } } },
      'args.scheduledActions.noon.recurrence: got "every day"; allowed: a 5-field cron expression',
    ],
    [
      "a spot base above the maximum size",
      { spot: { onDemandBaseCapacity: 9 } },
      "args.spot.onDemandBaseCapacity: got 9; allowed: at most maxSize (4)",
    ],
  ];
  for (const [what, extra, expected] of cases) {
    it(`rejects ${what}, naming the path and the value`, () => {
      const problems = problemsOf({ network, ...extra });
      expect(
        problems.some((p) => p.startsWith(expected)),
        `expected a problem starting with:\n  ${expected}\ngot:\n  ${problems.join("\n  ")}`,
      ).to.equal(true);
    });
  }

  it("rejects an existing listener together with a domain", () => {
    const problems = problemsOf({
      ...prodArgs,
      existingListener: {
        listenerArn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/x/1/2",
        albSecurityGroupId: "sg-1",
        pathPatterns: ["/x/*"],
        priority: 1,
      },
    });
    expect(problems).to.include(
      'args.domainName: got "buddyverse.link"; allowed: no domain with existingListener (the listener\'s own ALB owns DNS and TLS)',
    );
  });

  it("rejects a network with one AZ or subnets not aligned with its AZs", () => {
    const oneAz = problemsOf({
      network: {
        ...network,
        availabilityZones: ["ap-northeast-2a"],
        publicSubnetIds: ["subnet-1"],
        appSubnetIds: ["subnet-2"],
      },
    });
    expect(oneAz).to.include(
      'args.network.availabilityZones: got ["ap-northeast-2a"]; allowed: 2 to 6 distinct AZs (an ALB and REL10-BP01 need at least 2)',
    );
    const misaligned = problemsOf({ network: { ...network, appSubnetIds: ["subnet-2"] } });
    expect(misaligned).to.include(
      'args.network.appSubnetIds: got "1 subnet ids"; allowed: one subnet per AZ (2, index-aligned with availabilityZones)',
    );
  });

  it("rejects a component name that would push ALB and target group names over 32 characters", () => {
    expect(problemsOf({ network }, "buddyverse-production-web")).to.deep.equal([
      "name: got \"buddyverse-production-web\"; allowed: 1 to 20 lowercase letters, digits and '-', starting with a letter (it prefixes ALB and target group names, max 32 characters with Pulumi's 8-character suffix)",
    ]);
    expect(
      problemsOf(
        { network, pathRoutes: { "members-area": { pathPatterns: ["/members/*"], priority: 1 } } },
        "prod-web-fleet",
      ),
    ).to.deep.equal([
      'args.pathRoutes.members-area: got "members-area"; allowed: a key of at most 6 characters for a fleet named "prod-web-fleet" (target group names are limited to 32 characters)',
    ]);
  });

  it("refuses what would only fail at deploy time: a made-up TLS policy, an unknown instance type, cron fields out of range, an unknown time zone, an AZ the region lacks", () => {
    expect(problemsOf({ network, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2099-01" })[0]).to.match(
      /^args\.sslPolicy: got "ELBSecurityPolicy-TLS13-1-2-2099-01"; allowed: an ALB security policy with TLS 1\.2 or 1\.3 only/,
    );
    expect(problemsOf({ network, instanceType: "t3.mega" })[0]).to.match(
      /^args\.instanceType: got "t3\.mega"; allowed: an EC2 instance type such as t3\.micro or m7g\.large \(one that exists:/,
    );
    expect(
      problemsOf({ network, scheduledActions: { night: { recurrence: "0 25 * * *", minSize: 0 } } }),
    ).to.deep.equal([
      'args.scheduledActions.night.recurrence: got "0 25 * * *"; allowed: a 5-field cron expression such as "0 18 * * 1-5" (Auto Scaling\'s Unix cron; bad: hour "25" (allowed 0-23))',
    ]);
    expect(
      problemsOf({
        network,
        scheduledActions: { night: { recurrence: "0 2 * * *", timeZone: "Asia/Sdeoul", minSize: 0 } },
      }),
    ).to.deep.equal([
      'args.scheduledActions.night.timeZone: got "Asia/Sdeoul"; allowed: an IANA time zone such as Asia/Seoul or Etc/UTC',
    ]);
    expect(
      problemsOf({ network: { ...network, availabilityZones: ["ap-northeast-2a", "ap-northeast-2e"] } })[0],
    ).to.match(/^args\.network\.availabilityZones\[1\]: got "ap-northeast-2e"; allowed: an AZ name/);
  });

  it("lists every problem at once", () => {
    expect(problemsOf({ network, minSize: 3, desiredCapacity: 2, instanceType: "huge" })).to.have.length(2);
  });
});
