import type * as pulumi from "@pulumi/pulumi";

/** One IAM policy statement, typed so documents are built as objects and serialised once. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Readonly<Record<string, pulumi.Input<string> | readonly pulumi.Input<string>[]>> | "*";
  readonly Action: string | readonly string[];
  readonly Resource?: pulumi.Input<string> | readonly pulumi.Input<string>[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, pulumi.Input<string> | readonly pulumi.Input<string>[]>>>
  >;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}
