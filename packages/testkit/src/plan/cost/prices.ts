/**
 * The vendored price table of the cost estimate: USD list prices, each with where it was read and when. Keys are
 * `<region>/<item>` (`global/…` for prices AWS publishes as the same everywhere).
 *
 * AWS's own pricing pages fill their regional tables in the browser, so the text available offline to this
 * project (the docs, pages and code corpora) holds almost no ap-northeast-2 figure. Where no source here gives a
 * price, the entry says so with `usd: null` and the estimate lists the resource as unpriced: a price is never
 * guessed, and no resource is silently free. To complete the table, read the figures from the AWS Price List
 * (`aws pricing get-products --region us-east-1 --service-code AmazonEC2 --filters …`) and record them here
 * with that source and date.
 */
export interface PriceEntry {
  /** USD per `unit`; null when no source available here gives it. */
  readonly usd: number | null;
  readonly unit: string;
  /** Where the figure was read (URL and, for a transcription, who transcribed it). */
  readonly source: string;
  /** The date the source was read or states (YYYY-MM-DD). */
  readonly retrieved: string;
  readonly note?: string;
}

const NOT_FOUND =
  "not found in any source available offline (aws.amazon.com pricing pages render regional tables client-side)";
const notFound = (unit: string, page: string): PriceEntry => ({
  usd: null,
  unit,
  source: `${page} (${NOT_FOUND})`,
  retrieved: "2026-12-01",
});

const EC2 = "https://aws.amazon.com/ec2/pricing/on-demand/";
const EBS = "https://aws.amazon.com/ebs/pricing/";
const VPC = "https://aws.amazon.com/vpc/pricing/";
const ELB = "https://aws.amazon.com/elasticloadbalancing/pricing/";
const RDS = "https://aws.amazon.com/rds/mysql/pricing/";
const EFS = "https://aws.amazon.com/efs/pricing/";
const CW = "https://aws.amazon.com/cloudwatch/pricing/";
const S3 = "https://aws.amazon.com/s3/pricing/";
const LAMBDA = "https://aws.amazon.com/lambda/pricing/";
const TRAIL = "https://aws.amazon.com/cloudtrail/pricing/";
const CONFIG = "https://aws.amazon.com/config/pricing/";
const SCHEDULER = "https://aws.amazon.com/eventbridge/pricing/";

export const PRICES: Readonly<Record<string, PriceEntry>> = {
  // Region-independent prices.
  "global/public-ipv4-hour": {
    usd: 0.005,
    unit: "public IPv4 address-hour",
    source:
      "AWS announcement of the public IPv4 charge (aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/), as reported by techpartner.news/news/aws-to-charge-for-ipv4-addresses-598672: $0.005 per address-hour in all AWS regions from 2024-02-01",
    retrieved: "2026-12-01",
  },
  "global/route53-hosted-zone-month": {
    usd: 0.5,
    unit: "hosted zone-month (first 25)",
    source:
      "https://aws.amazon.com/route53/pricing/, transcribed verbatim by api-evangelist/amazon-route53-resolver plans/amazon-route53-resolver-plans-pricing.yml (read 2026-09-20)",
    retrieved: "2026-09-20",
  },
  "global/route53-health-check-month": notFound(
    "health check-month",
    "https://aws.amazon.com/route53/pricing/",
  ),
  "global/secretsmanager-secret-month": {
    usd: 0.4,
    unit: "secret-month",
    source:
      "https://aws.amazon.com/secrets-manager/pricing/ pricing example, transcribed verbatim by api-evangelist/amazon-secrets-manager plans/amazon-secrets-manager-plans-pricing.yml (read 2026-09-20)",
    retrieved: "2026-09-20",
  },
  "global/kms-key-month": {
    usd: 1,
    unit: "customer managed key-month",
    source:
      'https://aws.amazon.com/kms/pricing/ as quoted in gist.github.com/dasgoll/b88d5be05dcc0deb052ad40446c2fb40 ("KMS costs $1 per key per month"); a third-party quote, region not stated',
    retrieved: "2019-10-30",
    note: "third-party quote of the AWS page; confirm against the Price List",
  },

  // ap-northeast-2 (Seoul).
  "ap-northeast-2/ec2:t3.micro": notFound("instance-hour (Linux, on-demand)", EC2),
  "ap-northeast-2/ec2:t3.small": notFound("instance-hour (Linux, on-demand)", EC2),
  "ap-northeast-2/ec2:t3.medium": notFound("instance-hour (Linux, on-demand)", EC2),
  "ap-northeast-2/ec2:t4g.nano": notFound("instance-hour (Linux, on-demand)", EC2),
  "ap-northeast-2/ec2:t4g.micro": notFound("instance-hour (Linux, on-demand)", EC2),
  "ap-northeast-2/ebs-gp3-gb-month": notFound("GB-month", EBS),
  "ap-northeast-2/nat-gateway-hour": notFound("NAT gateway-hour", VPC),
  "ap-northeast-2/nat-gateway-gb": notFound("GB processed", VPC),
  "ap-northeast-2/alb-hour": notFound("ALB-hour", ELB),
  "ap-northeast-2/alb-lcu-hour": notFound("LCU-hour", ELB),
  "ap-northeast-2/rds-mysql:db.t4g.micro:single-az": notFound("instance-hour", RDS),
  "ap-northeast-2/rds-mysql:db.m6g.large:single-az": notFound("instance-hour", RDS),
  "ap-northeast-2/rds-mysql:db.m6g.large:multi-az": notFound("instance-hour", RDS),
  "ap-northeast-2/rds-gp3-gb-month": notFound("GB-month (single-AZ; Multi-AZ bills twice)", RDS),
  "ap-northeast-2/rds-backup-gb-month": notFound("GB-month beyond the free 100 % of storage", RDS),
  "ap-northeast-2/efs-standard-gb-month": notFound("GB-month (Standard)", EFS),
  "ap-northeast-2/efs-ia-gb-month": notFound("GB-month (Infrequent Access)", EFS),
  "ap-northeast-2/cloudwatch-alarm-month": notFound("standard-resolution alarm metric-month", CW),
  "ap-northeast-2/cloudwatch-dashboard-month": notFound("dashboard-month (beyond the 3 free)", CW),
  "ap-northeast-2/cloudwatch-metric-month": notFound("custom metric-month", CW),
  "ap-northeast-2/logs-ingest-gb": notFound("GB ingested (standard class)", CW),
  "ap-northeast-2/logs-storage-gb-month": notFound("GB-month archived", CW),
  "ap-northeast-2/s3-standard-gb-month": notFound("GB-month (first 50 TB)", S3),
  "ap-northeast-2/lambda-request-million": notFound("million requests", LAMBDA),
  "ap-northeast-2/lambda-arm-gb-second": notFound("GB-second (arm64)", LAMBDA),
  "ap-northeast-2/cloudtrail-data-events-100k": notFound("100,000 data events", TRAIL),
  "ap-northeast-2/config-item": notFound("configuration item recorded", CONFIG),
  "ap-northeast-2/config-rule-evaluation": notFound("rule evaluation (first 100,000)", CONFIG),
  "ap-northeast-2/scheduler-invocation-million": notFound(
    "million invocations beyond the free 14 million",
    SCHEDULER,
  ),
  "ap-northeast-2/sqs-request-million": notFound(
    "million requests beyond the free million",
    "https://aws.amazon.com/sqs/pricing/",
  ),
  "ap-northeast-2/sns-request-million": notFound(
    "million publishes beyond the free million",
    "https://aws.amazon.com/sns/pricing/",
  ),

  // us-east-1, for the global pieces the stack places there (Route 53 alarms and their topic).
  "us-east-1/cloudwatch-alarm-month": notFound("standard-resolution alarm metric-month", CW),
  "us-east-1/kms-key-month": {
    usd: 1,
    unit: "customer managed key-month",
    source: "as global/kms-key-month",
    retrieved: "2019-10-30",
    note: "third-party quote of the AWS page; confirm against the Price List",
  },
};
