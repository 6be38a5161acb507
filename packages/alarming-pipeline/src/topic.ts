import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountContext } from "./context";
import { assumedBy, policyDocument, accountAdministersKey } from "@cloudblocks/component-kit";

/** Services that publish to the alarm topic: CloudWatch alarms, EventBridge rules, RDS event subscriptions, Budgets. */
export const PUBLISHING_SERVICES = [
  "cloudwatch.amazonaws.com",
  "events.amazonaws.com",
  "events.rds.amazonaws.com",
  "budgets.amazonaws.com",
] as const;

export interface AlarmTopic {
  readonly key: aws.kms.Key;
  readonly topic: aws.sns.Topic;
  /** The topic policy: publishers wait for it. */
  readonly policy: aws.sns.TopicPolicy;
}

export interface AlarmTopicOptions {
  readonly parent: pulumi.Resource;
  readonly ctx: AccountContext;
  /** Per-resource region (@pulumi/aws v7); undefined = the provider's. */
  readonly region?: string;
  readonly emailAddresses: readonly string[];
  readonly deliveryStatusRole: aws.iam.Role;
  readonly logRetentionDays: number;
}

/**
 * An SNS topic encrypted with its own customer-managed key (SNS.1, KMS.4): the key policy lets the publishing
 * services encrypt (an AWS-managed `alias/aws/sns` key would silently drop CloudWatch's messages). Delivery
 * status to Lambda and SQS subscribers is logged (SNS.2) into pre-created log groups with a retention.
 */
export function createAlarmTopic(prefix: string, options: AlarmTopicOptions): AlarmTopic {
  const { parent, ctx, region } = options;
  const inRegion = region ? { region } : {};
  const key = new aws.kms.Key(
    `${prefix}-key`,
    {
      ...inRegion,
      description:
        "Encrypts the alarm topic; CloudWatch, EventBridge, RDS events and Budgets may use it to publish.",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi.all([ctx.accountId, ctx.partition]).apply(([account, partition]) =>
        policyDocument(accountAdministersKey(account, partition), {
          Sid: "AlarmPublishersEncrypt",
          Effect: "Allow",
          Principal: { Service: [...PUBLISHING_SERVICES] },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: "*",
        }),
      ),
    },
    { parent },
  );

  const topic = new aws.sns.Topic(
    `${prefix}`,
    {
      ...inRegion,
      kmsMasterKeyId: key.arn,
      lambdaSuccessFeedbackRoleArn: options.deliveryStatusRole.arn,
      lambdaFailureFeedbackRoleArn: options.deliveryStatusRole.arn,
      lambdaSuccessFeedbackSampleRate: 100,
      // The chat notifier's queue subscribes over SQS.
      sqsSuccessFeedbackRoleArn: options.deliveryStatusRole.arn,
      sqsFailureFeedbackRoleArn: options.deliveryStatusRole.arn,
      sqsSuccessFeedbackSampleRate: 100,
    },
    { parent },
  );

  // SNS writes delivery status to these names; creating them first gives them a retention (CloudWatch.16).
  const logGroupBase = pulumi.interpolate`sns/${region ?? ctx.region}/${ctx.accountId}/${topic.name}`;
  new aws.cloudwatch.LogGroup(
    `${prefix}-delivery`,
    { ...inRegion, name: logGroupBase, retentionInDays: options.logRetentionDays },
    { parent },
  );
  new aws.cloudwatch.LogGroup(
    `${prefix}-delivery-failure`,
    {
      ...inRegion,
      name: pulumi.interpolate`${logGroupBase}/Failure`,
      retentionInDays: options.logRetentionDays,
    },
    { parent },
  );

  const policy = new aws.sns.TopicPolicy(
    `${prefix}-policy`,
    {
      ...inRegion,
      arn: topic.arn,
      policy: pulumi.all([topic.arn, ctx.accountId, ctx.partition]).apply(([topicArn, account, partition]) =>
        policyDocument(
          {
            Sid: "AccountManagesTopic",
            Effect: "Allow",
            Principal: { AWS: `arn:${partition}:iam::${account}:root` },
            Action: [
              "sns:GetTopicAttributes",
              "sns:SetTopicAttributes",
              "sns:Subscribe",
              "sns:ListSubscriptionsByTopic",
              "sns:Publish",
            ],
            Resource: topicArn,
          },
          {
            Sid: "AlarmPublishersPublish",
            Effect: "Allow",
            Principal: { Service: [...PUBLISHING_SERVICES] },
            Action: "sns:Publish",
            Resource: topicArn,
            // Only on behalf of this account (confused-deputy protection).
            Condition: { StringEquals: { "aws:SourceAccount": account } },
          },
        ),
      ),
    },
    { parent },
  );

  for (const address of options.emailAddresses) {
    new aws.sns.TopicSubscription(
      `${prefix}-email-${address.toLowerCase()}`,
      { ...inRegion, topic: topic.arn, protocol: "email", endpoint: address },
      { parent },
    );
  }
  return { key, topic, policy };
}

/** The role SNS assumes to write delivery-status logs, limited to the `sns/…` log groups of this account. */
export function createDeliveryStatusRole(
  name: string,
  parent: pulumi.Resource,
  ctx: AccountContext,
): aws.iam.Role {
  const role = new aws.iam.Role(
    name,
    {
      description: "SNS delivery status logging for the alarm topics",
      assumeRolePolicy: JSON.stringify(assumedBy("sns.amazonaws.com")),
    },
    { parent },
  );
  new aws.iam.RolePolicy(
    `${name}-logs`,
    {
      role: role.id,
      policy: pulumi.all([ctx.accountId, ctx.partition]).apply(([account, partition]) =>
        policyDocument({
          Effect: "Allow",
          Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [
            `arn:${partition}:logs:*:${account}:log-group:sns/*`,
            `arn:${partition}:logs:*:${account}:log-group:sns/*:log-stream:*`,
          ],
        }),
      ),
    },
    { parent },
  );
  return role;
}
