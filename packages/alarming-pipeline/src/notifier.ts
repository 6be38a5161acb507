import * as path from "node:path";
import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountContext } from "./context";
import {
  accountAdministersKey,
  assumedBy,
  policyDocument,
  type PolicyStatement,
} from "@cloudblocks/component-kit";
import { NOTIFIER_DELIVERY } from "./notifier-delivery";

/** The compiled handler files (dist/src/handler/*.js), packaged without their maps and declarations. */
export const HANDLER_FILES = [
  "index.js",
  "records.js",
  "digest.js",
  "format.js",
  "escape.js",
  "post.js",
  "secret.js",
] as const;

/** A supported Lambda runtime (Lambda.2) whose global fetch the handler uses. */
export const NOTIFIER_RUNTIME = "nodejs22.x";

export interface NotifierOptions {
  readonly parent: pulumi.Resource;
  readonly ctx: AccountContext;
  readonly secretArn: pulumi.Input<string>;
  readonly secretKmsKeyArn?: pulumi.Input<string>;
  readonly logRetentionDays: number;
  /** Topics the notifier subscribes to (the alarm topic, and the us-east-1 one when there is one). */
  readonly topics: readonly {
    readonly key: string;
    readonly topic: aws.sns.Topic;
    readonly region?: string;
  }[];
}

export interface Notifier {
  readonly fn: aws.lambda.Function;
  /** The queue the topics deliver to; the function reads it in batches. */
  readonly queue: aws.sqs.Queue;
  /** Where SQS moves a message after maxReceiveCount failed receives. */
  readonly deadLetterQueue: aws.sqs.Queue;
}

export function handlerArchive(): pulumi.asset.AssetArchive {
  const dir = path.join(__dirname, "handler");
  return new pulumi.asset.AssetArchive(
    Object.fromEntries(HANDLER_FILES.map((file) => [file, new pulumi.asset.FileAsset(path.join(dir, file))])),
  );
}

/**
 * The chat notifier (ALM-2, storm-proof): the topic(s) deliver to an encrypted SQS queue; Lambda reads it in
 * batches (at most `maximumConcurrency` at a time) and the function posts one condensed message per batch,
 * paced and honouring Retry-After. Messages it could not deliver return to the queue (partial batch
 * response); after `maxReceiveCount` receives SQS moves them to the dead-letter queue, whose alarm fires. The
 * function's environment holds only the ARN of the webhook secret; the URL is read at run time.
 */
export function createNotifier(prefix: string, options: NotifierOptions): Notifier {
  const { parent, ctx } = options;
  const d = NOTIFIER_DELIVERY;
  const topicArns = pulumi.all(options.topics.map(({ topic }) => topic.arn));

  // SNS encrypts what it sends to a KMS-encrypted queue, so the queue's key must let sns.amazonaws.com use it
  // (SQS developer guide, "Configure AWS KMS permissions for AWS services"); the function decrypts what it reads.
  const key = new aws.kms.Key(
    `${prefix}-queue-key`,
    {
      description: "Encrypts the chat notifier's queues; the alarm topics may use it to deliver to them.",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi.all([ctx.accountId, ctx.partition]).apply(([account, partition]) =>
        policyDocument(accountAdministersKey(account, partition), {
          Sid: "AlarmTopicsDeliverToQueue",
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: "*",
        }),
      ),
    },
    { parent },
  );
  const deadLetterQueue = new aws.sqs.Queue(
    `${prefix}-dlq`,
    { kmsMasterKeyId: key.arn, messageRetentionSeconds: d.deadLetterRetentionSeconds },
    { parent },
  );
  const queue = new aws.sqs.Queue(
    `${prefix}-queue`,
    {
      kmsMasterKeyId: key.arn,
      visibilityTimeoutSeconds: d.visibilityTimeoutSeconds,
      messageRetentionSeconds: d.messageRetentionSeconds,
      redrivePolicy: deadLetterQueue.arn.apply((arn) =>
        JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: d.maxReceiveCount }),
      ),
    },
    { parent },
  );
  // Only this queue may redrive into the dead-letter queue.
  new aws.sqs.RedriveAllowPolicy(
    `${prefix}-dlq-redrive-allow`,
    {
      queueUrl: deadLetterQueue.url,
      redriveAllowPolicy: queue.arn.apply((arn) =>
        JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [arn] }),
      ),
    },
    { parent },
  );
  // Only the alarm topics may send, and only to this queue (confused-deputy protection with aws:SourceArn).
  const queuePolicy = new aws.sqs.QueuePolicy(
    `${prefix}-queue-policy`,
    {
      queueUrl: queue.url,
      policy: pulumi.all([queue.arn, topicArns]).apply(([queueArn, arns]) =>
        policyDocument({
          Sid: "AlarmTopicsSend",
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: queueArn,
          Condition: { ArnEquals: { "aws:SourceArn": arns } },
        }),
      ),
    },
    { parent },
  );

  const logGroup = new aws.cloudwatch.LogGroup(
    `${prefix}-logs`,
    { retentionInDays: options.logRetentionDays },
    { parent },
  );
  const role = new aws.iam.Role(
    `${prefix}-role`,
    {
      description: "Chat notifier Lambda",
      assumeRolePolicy: JSON.stringify(assumedBy("lambda.amazonaws.com")),
    },
    { parent },
  );

  // An SSM parameter only when given as one; a secret created by the pipeline (an Output) is Secrets Manager's.
  const viaSsm = typeof options.secretArn === "string" && !options.secretArn.includes(":secretsmanager:");
  const rolePolicy = new aws.iam.RolePolicy(
    `${prefix}-policy`,
    {
      role: role.id,
      policy: pulumi
        .all([logGroup.arn, queue.arn, key.arn, options.secretArn, options.secretKmsKeyArn, ctx.region])
        .apply(([logGroupArn, queueArn, keyArn, secretArn, secretKmsKeyArn, region]) => {
          const secretRead: PolicyStatement = viaSsm
            ? {
                Sid: "ReadWebhookParameter",
                Effect: "Allow",
                Action: "ssm:GetParameter",
                Resource: secretArn,
              }
            : {
                Sid: "ReadWebhookSecret",
                Effect: "Allow",
                Action: "secretsmanager:GetSecretValue",
                Resource: secretArn,
              };
          return policyDocument(
            {
              Sid: "WriteOwnLogs",
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `${logGroupArn}:log-stream:*`,
            },
            secretRead,
            ...(secretKmsKeyArn
              ? [
                  {
                    Sid: "DecryptWebhookSecret",
                    Effect: "Allow" as const,
                    Action: "kms:Decrypt",
                    Resource: secretKmsKeyArn,
                    // Only when the secret's own service decrypts on the notifier's behalf.
                    Condition: {
                      StringEquals: {
                        "kms:ViaService": `${viaSsm ? "ssm" : "secretsmanager"}.${region}.amazonaws.com`,
                      },
                    },
                  },
                ]
              : []),
            // What the event source mapping needs (Lambda developer guide, "Using Lambda with Amazon SQS").
            {
              Sid: "ReadOwnQueue",
              Effect: "Allow",
              Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
              Resource: queueArn,
            },
            {
              Sid: "DecryptOwnQueue",
              Effect: "Allow",
              Action: "kms:Decrypt",
              Resource: keyArn,
              // Only as SQS decrypts the queue's messages for the poller.
              Condition: { StringEquals: { "kms:ViaService": `sqs.${region}.amazonaws.com` } },
            },
          );
        }),
    },
    { parent },
  );

  const fn = new aws.lambda.Function(
    prefix,
    {
      description: "Formats alarms and events from the alarm queue and posts them to the chat webhook",
      runtime: NOTIFIER_RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      code: handlerArchive(),
      role: role.arn,
      memorySize: 128,
      // Room to wait out a few Retry-Afters; the handler stops before this runs out and returns the rest.
      timeout: d.timeoutSeconds,
      environment: { variables: { WEBHOOK_SECRET_ARN: options.secretArn } },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
    },
    { parent, dependsOn: [logGroup] },
  );
  new aws.lambda.EventSourceMapping(
    `${prefix}-source`,
    {
      eventSourceArn: queue.arn,
      functionName: fn.arn,
      batchSize: d.batchSize,
      maximumBatchingWindowInSeconds: d.batchingWindowSeconds,
      functionResponseTypes: ["ReportBatchItemFailures"],
      scalingConfig: { maximumConcurrency: d.maximumConcurrency },
    },
    // The role must be able to read the queue before Lambda validates the mapping.
    { parent, dependsOn: [rolePolicy] },
  );

  for (const { key: topicKey, topic, region } of options.topics) {
    new aws.sns.TopicSubscription(
      `${prefix}-subscription-${topicKey}`,
      { ...(region ? { region } : {}), topic: topic.arn, protocol: "sqs", endpoint: queue.arn },
      { parent, dependsOn: [queuePolicy] },
    );
  }
  return { fn, queue, deadLetterQueue };
}
