import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import type { ScheduleArgs } from "./args";

/** Every Auto Scaling instance lifecycle result: launch and terminate, successful and not. */
export const AUTO_SCALING_DETAIL_TYPES = [
  "EC2 Instance Launch Successful",
  "EC2 Instance Launch Unsuccessful",
  "EC2 Instance Terminate Successful",
  "EC2 Instance Terminate Unsuccessful",
] as const;

/**
 * Console sign-in failures (CloudTrail's sign-in events through EventBridge). The detail type is spelled
 * "AWS Console Sign In via CloudTrail" as AWS's own root-login rule shows it
 * (https://repost.aws/knowledge-center/root-user-account-eventbridge-rule); the EventBridge user guide's list
 * spells it "Signin"; we follow the rule AWS publishes for this very case.
 */
export const SIGNIN_FAILURE_PATTERN = {
  source: ["aws.signin"],
  "detail-type": ["AWS Console Sign In via CloudTrail"],
  detail: { responseElements: { ConsoleLogin: ["Failure"] } },
};

/** Anything the root user does: console sign-in or API call. */
export const ROOT_ACTIVITY_PATTERN = {
  "detail-type": ["AWS Console Sign In via CloudTrail", "AWS API Call via CloudTrail"],
  detail: { userIdentity: { type: ["Root"] } },
};

/** An EventBridge rule whose matches go to the topic (the topic policy lets events.amazonaws.com publish). */
export function ruleToTopic(
  name: string,
  description: string,
  eventPattern: pulumi.Input<string>,
  topic: { arn: pulumi.Input<string>; region?: string },
  parent: pulumi.Resource,
  dependsOn: pulumi.Resource[],
): aws.cloudwatch.EventRule {
  const inRegion = topic.region ? { region: topic.region } : {};
  const rule = new aws.cloudwatch.EventRule(name, { ...inRegion, description, eventPattern }, { parent });
  new aws.cloudwatch.EventTarget(
    name,
    { ...inRegion, rule: rule.name, arn: topic.arn, targetId: "alarm-topic" },
    { parent, dependsOn },
  );
  return rule;
}

export function autoScalingPattern(groupNames: readonly pulumi.Input<string>[]): pulumi.Output<string> {
  return pulumi.output(groupNames).apply((names) =>
    JSON.stringify({
      source: ["aws.autoscaling"],
      "detail-type": [...AUTO_SCALING_DETAIL_TYPES],
      detail: { AutoScalingGroupName: names },
    }),
  );
}

/**
 * A schedule rule invoking several functions (ALM-5). Each function gets a permission that only this rule can
 * use (sourceArn), never a public one (Lambda.1).
 */
export function createSchedule(
  prefix: string,
  spec: ScheduleArgs,
  parent: pulumi.Resource,
): aws.cloudwatch.EventRule {
  const name = `${prefix}-schedule-${spec.id}`;
  const rule = new aws.cloudwatch.EventRule(
    name,
    { description: spec.description ?? "", scheduleExpression: spec.expression },
    { parent },
  );
  for (const target of spec.targets) {
    const permission = new aws.lambda.Permission(
      `${name}-${target.id}`,
      {
        action: "lambda:InvokeFunction",
        function: target.functionArn,
        principal: "events.amazonaws.com",
        sourceArn: rule.arn,
      },
      { parent },
    );
    new aws.cloudwatch.EventTarget(
      `${name}-${target.id}`,
      {
        rule: rule.name,
        arn: target.functionArn,
        targetId: target.id,
        ...(target.input ? { input: JSON.stringify(target.input) } : {}),
      },
      { parent, dependsOn: [permission] },
    );
  }
  return rule;
}
