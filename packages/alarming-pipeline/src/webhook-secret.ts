import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { accountAdministersKey, policyDocument } from "@cloudblocks/component-kit";
import type { AccountContext } from "./context";

export interface WebhookSecret {
  readonly secret: aws.secretsmanager.Secret;
  readonly key: aws.kms.Key;
}

/**
 * ALM-2 without a secret of the caller's: an empty Secrets Manager secret for the chat webhook URL, encrypted
 * with its own customer-managed key (rotated yearly). No version is created, so no value ever passes through
 * Pulumi state or config: an operator puts it once with `aws secretsmanager put-secret-value`. Until then the
 * notifier's deliveries fail loudly (its Errors and dead-letter alarms e-mail ops).
 */
export function createWebhookSecret(
  prefix: string,
  ctx: AccountContext,
  parent: pulumi.Resource,
): WebhookSecret {
  const key = new aws.kms.Key(
    `${prefix}-key`,
    {
      description: `${prefix}: chat webhook secret`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: pulumi
        .all([ctx.accountId, ctx.partition])
        .apply(([account, partition]) => policyDocument(accountAdministersKey(account, partition))),
    },
    { parent },
  );
  const secret = new aws.secretsmanager.Secret(
    prefix,
    {
      description:
        "Chat webhook URL for the alarm notifier (set it with aws secretsmanager put-secret-value; never in Pulumi config)",
      kmsKeyId: key.arn,
      recoveryWindowInDays: 30,
    },
    { parent },
  );
  return { secret, key };
}
