import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AccountContext } from "./context";
import { assumedBy, policyDocument, type PolicyStatement } from "@cloudblocks/component-kit";

/** The compiled handler files (dist/src/handler/*.js), packaged without their maps and declarations. */
export const HANDLER_FILES = ["index.js", "format.js", "post.js", "secret.js"] as const;

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
  readonly deadLetterQueue: aws.sqs.Queue;
}

export function handlerArchive(): pulumi.asset.AssetArchive {
  const dir = path.join(__dirname, "handler");
  return new pulumi.asset.AssetArchive(
    Object.fromEntries(HANDLER_FILES.map((file) => [file, new pulumi.asset.FileAsset(path.join(dir, file))])),
  );
}

/**
 * The chat notifier (ALM-2): a Lambda subscribed to the alarm topic(s). Its environment holds only the ARN of
 * the webhook secret; the URL is read at run time. Failed deliveries throw, Lambda retries the asynchronous
 * event twice, then the event goes to the dead-letter queue.
 */
export function createNotifier(prefix: string, options: NotifierOptions): Notifier {
  const { parent, ctx } = options;
  const logGroup = new aws.cloudwatch.LogGroup(
    `${prefix}-logs`,
    { retentionInDays: options.logRetentionDays },
    { parent },
  );
  const deadLetterQueue = new aws.sqs.Queue(
    `${prefix}-dlq`,
    { sqsManagedSseEnabled: true, messageRetentionSeconds: 14 * 24 * 3600 },
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
  new aws.iam.RolePolicy(
    `${prefix}-policy`,
    {
      role: role.id,
      policy: pulumi
        .all([logGroup.arn, deadLetterQueue.arn, options.secretArn, options.secretKmsKeyArn, ctx.region])
        .apply(([logGroupArn, queueArn, secretArn, secretKmsKeyArn, region]) => {
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
            { Sid: "DeadLetter", Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn },
          );
        }),
    },
    { parent },
  );

  const fn = new aws.lambda.Function(
    prefix,
    {
      description: "Formats alarms and events from the alarm topic and posts them to the chat webhook",
      runtime: NOTIFIER_RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      code: handlerArchive(),
      role: role.arn,
      memorySize: 128,
      // Room for 4 attempts of 5 s each plus backoff; the handler stops retrying before this runs out.
      timeout: 60,
      environment: { variables: { WEBHOOK_SECRET_ARN: options.secretArn } },
      deadLetterConfig: { targetArn: deadLetterQueue.arn },
      loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
    },
    { parent, dependsOn: [logGroup] },
  );
  new aws.lambda.FunctionEventInvokeConfig(
    `${prefix}-async`,
    { functionName: fn.name, maximumRetryAttempts: 2, maximumEventAgeInSeconds: 6 * 3600 },
    { parent },
  );

  for (const { key, topic, region } of options.topics) {
    // Only this topic may invoke the function (Lambda.1).
    const permission = new aws.lambda.Permission(
      `${prefix}-invoke-${key}`,
      {
        action: "lambda:InvokeFunction",
        function: fn.name,
        principal: "sns.amazonaws.com",
        sourceArn: topic.arn,
        sourceAccount: ctx.accountId,
      },
      { parent },
    );
    new aws.sns.TopicSubscription(
      `${prefix}-subscription-${key}`,
      { ...(region ? { region } : {}), topic: topic.arn, protocol: "lambda", endpoint: fn.arn },
      { parent, dependsOn: [permission] },
    );
  }
  return { fn, deadLetterQueue };
}
