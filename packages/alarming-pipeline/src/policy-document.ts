// Typed IAM / resource policy documents: built as objects, JSON.stringify-ed once, so mocks and policies read them.

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

export const policyDocument = (...statements: PolicyStatement[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements } satisfies PolicyDocument);

/** A trust policy letting one AWS service assume a role. */
export const assumeRolePolicy = (service: string): string =>
  policyDocument({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" });
