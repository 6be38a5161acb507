import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { DatabaseRef } from "@cloudblocks/component-kit";
import type { PolicyDocument } from "../iam-document";
import type { WebFleetConfig } from "../schema";
import { AGENT_NAMESPACE } from "../cloudwatch-agent";

/**
 * The instance role (WEB-1, SSM.1): Systems Manager through the AWS-managed core policy, and for the CloudWatch
 * agent only what it uses — writing to the fleet's log groups, metrics in its own namespace, and the describe
 * calls that resolve its dimensions — instead of the broad CloudWatchAgentServerPolicy. Caller additions are
 * separate resources so the fleet's own part never changes when they do.
 */
export function createInstanceProfile(
  name: string,
  config: WebFleetConfig,
  logGroupArns: readonly pulumi.Output<string>[],
  parent: pulumi.Resource,
): aws.iam.InstanceProfile {
  const opts = { parent };
  const partition = aws.getPartitionOutput({}, opts).partition;

  const assumeRole: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
  };
  const role = new aws.iam.Role(
    `${name}-instance-role`,
    {
      assumeRolePolicy: JSON.stringify(assumeRole),
      description: `WebFleet ${name} instances (SSM, CloudWatch agent)`,
    },
    opts,
  );

  new aws.iam.RolePolicyAttachment(
    `${name}-ssm-core`,
    {
      role: role.name,
      policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    },
    opts,
  );

  const agentPolicy: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ShipLogsToTheFleetLogGroups",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        Resource: logGroupArns.flatMap((arn) => [arn, pulumi.interpolate`${arn}:log-stream:*`]),
      },
      {
        Sid: "PublishAgentMetrics",
        Effect: "Allow",
        Action: "cloudwatch:PutMetricData",
        Resource: "*",
        Condition: { StringEquals: { "cloudwatch:namespace": AGENT_NAMESPACE } },
      },
      {
        Sid: "ResolveMetricDimensions",
        Effect: "Allow",
        Action: ["ec2:DescribeTags", "ec2:DescribeVolumes"],
        Resource: "*",
      },
    ],
  };
  new aws.iam.RolePolicy(`${name}-agent`, { role: role.id, policy: pulumi.jsonStringify(agentPolicy) }, opts);

  if (config.database) {
    const region = aws.getRegionOutput({}, opts).region;
    new aws.iam.RolePolicy(
      `${name}-database-secret`,
      {
        role: role.id,
        policy: pulumi.jsonStringify(databaseSecretPolicy(config.database, region)),
      },
      opts,
    );
  }

  if (config.instancePolicyStatements.length > 0) {
    const appPolicy: PolicyDocument = { Version: "2012-10-17", Statement: config.instancePolicyStatements };
    new aws.iam.RolePolicy(`${name}-app`, { role: role.id, policy: pulumi.jsonStringify(appPolicy) }, opts);
  }
  for (const [key, policyArn] of Object.entries(config.instancePolicyArns)) {
    new aws.iam.RolePolicyAttachment(`${name}-policy-${key}`, { role: role.name, policyArn }, opts);
  }

  return new aws.iam.InstanceProfile(`${name}-instance-profile`, { role: role.name }, opts);
}

/**
 * The app reads its database credentials itself: `GetSecretValue` on that one secret, and `kms:Decrypt` with
 * that one key only when Secrets Manager asks on its behalf (`kms:ViaService`) for that secret (Secrets
 * Manager's encryption context names the secret ARN) — the role can decrypt nothing else with the key.
 */
export function databaseSecretPolicy(database: DatabaseRef, region: pulumi.Input<string>): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadTheDatabaseSecret",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: database.secretArn,
      },
      {
        Sid: "DecryptItThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: database.kmsKeyArn,
        Condition: {
          StringEquals: {
            "kms:ViaService": pulumi.interpolate`secretsmanager.${region}.amazonaws.com`,
            "kms:EncryptionContext:SecretARN": database.secretArn,
          },
        },
      },
    ],
  };
}
