/**
 * The usage the estimate assumes where the plan cannot know it (traffic, requests, log volume, storage). Stated
 * in every estimate, overridable per run; a monthly bill is `730 h` of each always-on resource.
 */
export interface UsageAssumptions {
  readonly hoursPerMonth: number;
  /** GB through each NAT gateway per month. */
  readonly natGbPerGateway: number;
  /** Average load-balancer capacity units per ALB. */
  readonly albLcu: number;
  /** GB ingested per log group per month (and kept, up to its retention). */
  readonly logGbPerGroup: number;
  /** GB stored per S3 bucket. */
  readonly s3GbPerBucket: number;
  /** GB stored per EFS file system (Standard class). */
  readonly efsGb: number;
  /** Root volume GB of an instance whose launch template states none. */
  readonly rootVolumeGb: number;
  /** Invocations per Lambda function per month, at its configured memory for 1 s each. */
  readonly lambdaInvocations: number;
  /** Configuration items AWS Config records per month. */
  readonly configItems: number;
  /** Evaluations per Config rule per month. */
  readonly configEvaluationsPerRule: number;
  /** RDS backup GB per instance beyond the free allowance (backup storage up to 100 % of its storage is free). */
  readonly rdsBackupGbBeyondFree: number;
}

export const DEFAULT_ASSUMPTIONS: UsageAssumptions = {
  hoursPerMonth: 730,
  natGbPerGateway: 50,
  albLcu: 1,
  logGbPerGroup: 1,
  s3GbPerBucket: 10,
  efsGb: 5,
  rootVolumeGb: 8,
  lambdaInvocations: 1000,
  configItems: 2000,
  configEvaluationsPerRule: 1000,
  rdsBackupGbBeyondFree: 0,
};
