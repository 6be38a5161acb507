import * as aws from "./aws";
import { policies, runPolicies } from "@cloudblocks/policies";
import { setupMocks, type MockEnvironment, standardTestTags } from "@cloudblocks/testkit";
import { expect } from "chai";
import { AlarmingPipeline } from "../src";
import { SECRET_ARN, webCpuAlarm } from "./helpers";

const standardTags = standardTestTags;

describe("AlarmingPipeline: a prod-like pipeline with every option", () => {
  let env: MockEnvironment;
  before(async () => {
    env = setupMocks();
    const provider = new aws.Provider("tagged", {
      region: "ap-northeast-2",
      defaultTags: { tags: standardTags },
    });
    const pipeline = new AlarmingPipeline(
      "alarms",
      {
        emailAddresses: ["ops@example.com"],
        webhookSecretArn: SECRET_ARN,
        logAlarms: [{ id: "app-errors", logGroupName: "/buddyverse/prod/app" }],
        metricAlarms: [webCpuAlarm],
        autoScalingGroupNames: ["web-asg"],
        schedules: [
          {
            id: "every-3h",
            expression: "rate(3 hours)",
            targets: [
              { id: "report", functionArn: "arn:aws:lambda:ap-northeast-2:123456789012:function:report" },
            ],
          },
        ],
        auditTrail: {},
        slaMonitor: { url: "https://buddyverse.link/" },
        costBudget: { monthlyLimitUsd: 300 },
      },
      { provider },
    );
    pipeline.createDashboard([
      {
        id: "fleet.cpu",
        title: "Fleet CPU",
        namespace: "AWS/EC2",
        metricName: "CPUUtilization",
        dimensions: { AutoScalingGroupName: "web-asg" },
        stat: "Average",
      },
    ]);
    await env.settle();
  });

  it("passes every cloudblocks policy with zero violations", async () => {
    const report = await runPolicies(env.recorder.resources, { policies });
    expect(report.violations).to.deep.equal([]);
    expect(report.checked).to.be.greaterThan(1000);
  });

  it("parents every child to the component and names it after the component", () => {
    const component = env.recorder.one("cloudblocks:index:AlarmingPipeline", "alarms");
    const children = env.recorder.resources.filter(
      (r) => r.custom && !r.type.startsWith("pulumi:providers:"),
    );
    const dashboard = env.recorder.one("cloudblocks:index:AlarmDashboard");
    expect(dashboard.parent).to.equal(component.urn);
    expect(
      children.filter((r) => r.parent !== component.urn && r.parent !== dashboard.urn).map((r) => r.name),
    ).to.deep.equal([]);
    expect(children.filter((r) => !r.name.startsWith("alarms-")).map((r) => r.name)).to.deep.equal([]);
  });
});
