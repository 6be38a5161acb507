/**
 * IAM and resource policy documents as typed objects (DESIGN: built as objects, JSON.stringify-ed once), so the
 * mocks, the policies and the tests read them as data.
 */
export type Principal =
  "*" | { readonly Service?: string | readonly string[]; readonly AWS?: string | readonly string[] };

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action: string | readonly string[];
  /** Left out of trust policies, which may not name a resource. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>
  >;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** The JSON of a policy document made of these statements. */
export function policyDocument(...statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements } satisfies PolicyDocument);
}

/** A trust policy letting one AWS service assume the role, optionally only under a condition (confused-deputy guard). */
export function assumedBy(
  service: string,
  condition?: PolicyStatement["Condition"],
  sid?: string,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        ...(sid ? { Sid: sid } : {}),
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  };
}

/**
 * The key-policy statement that hands a KMS key to the account's IAM (the AWS default): without it, only the
 * statements that follow could ever use or manage the key.
 */
export function accountAdministersKey(accountId: string, partition: string): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}
