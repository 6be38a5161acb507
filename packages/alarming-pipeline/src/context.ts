import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";

/** Where the component runs, looked up once through its provider. */
export interface AccountContext {
  readonly accountId: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly partition: pulumi.Output<string>;
}

export function accountContext(parent: pulumi.Resource): AccountContext {
  const identity = aws.getCallerIdentityOutput({}, { parent });
  return {
    accountId: identity.accountId,
    region: aws.getRegionOutput({}, { parent }).region,
    partition: aws.getPartitionOutput({}, { parent }).partition,
  };
}

/** Route 53 health checks publish their metrics only here, so the SLA alarm and its topic live here too. */
export const GLOBAL_METRICS_REGION = "us-east-1";
