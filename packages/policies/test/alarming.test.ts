import * as aws from "./aws";
import { expect } from "chai";
import {
  alarmActions,
  CIS_PATTERNS,
  cisMetricFilters,
  cloudTrailBucket,
  cloudTrailCloudWatchLogs,
  cloudTrailKms,
  cloudTrailLogValidation,
  cloudTrailMultiRegion,
  lambdaNoPublicAccess,
  lambdaSupportedRuntime,
  snsDeliveryStatusLogging,
  snsEncrypted,
} from "../src/rules/alarming";
import { check } from "./harness";

/** A Lambda package source: the provider requires exactly one of code, imageUri and s3Bucket. */
const CODE = { s3Bucket: "artifacts", s3Key: "fn.zip" };
const LOG_GROUP_ARN = "arn:aws:logs:ap-northeast-2:123456789012:log-group:/trail:*";
const goodTrail = {
  isMultiRegionTrail: true,
  enableLogging: true,
  enableLogFileValidation: true,
  kmsKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/1234",
  s3BucketName: "trail-logs",
  cloudWatchLogsGroupArn: LOG_GROUP_ARN,
  cloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/trail",
  eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
};
const messages = (report: { violations: readonly { message: string }[] }) =>
  report.violations.map((v) => v.message);

describe("alarming policies: CloudTrail.1/2/4/5 and the trail bucket", () => {
  it("passes a compliant trail and names each missing control of a bare one", async () => {
    const good = await check(cloudTrailMultiRegion, () => new aws.cloudtrail.Trail("good", goodTrail));
    expect(good.violations).to.deep.equal([]);
    const bare = { s3BucketName: "b" };
    expect(
      messages(
        await check(
          cloudTrailMultiRegion,
          () =>
            new aws.cloudtrail.Trail("bare", { ...bare, eventSelectors: [{ readWriteType: "WriteOnly" }] }),
        ),
      ),
    ).to.deep.equal([
      'trail "bare" is not multi-region (isMultiRegionTrail is unset).',
      'trail "bare" does not record both read and write management events.',
    ]);
    expect(
      messages(await check(cloudTrailLogValidation, () => new aws.cloudtrail.Trail("bare", bare))),
    ).to.deep.equal(['trail "bare" has no log file validation.']);
    expect(
      messages(await check(cloudTrailCloudWatchLogs, () => new aws.cloudtrail.Trail("bare", bare))),
    ).to.deep.equal([
      'trail "bare" does not deliver to CloudWatch Logs (cloudWatchLogsGroupArn and cloudWatchLogsRoleArn are required).',
    ]);
    expect(messages(await check(cloudTrailKms, () => new aws.cloudtrail.Trail("bare", bare)))).to.deep.equal([
      'trail "bare" does not encrypt its log files with KMS (kmsKeyId unset).',
    ]);
  });

  it("CloudTrail.2 wants a key policy that lets CloudTrail use the key", async () => {
    const keyPolicy = (service: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: service }, Action: "kms:GenerateDataKey*", Resource: "*" },
        ],
      });
    const ok = await check(cloudTrailKms, () => {
      new aws.kms.Key("k", { policy: keyPolicy("cloudtrail.amazonaws.com") });
      new aws.cloudtrail.Trail("t", goodTrail);
    });
    expect(ok.violations).to.deep.equal([]);
    const bad = await check(cloudTrailKms, () => {
      new aws.kms.Key("k", { policy: keyPolicy("logs.amazonaws.com") });
      new aws.cloudtrail.Trail("t", goodTrail);
    });
    expect(messages(bad)).to.deep.equal([
      'trail "t" uses a KMS key, but no key policy in the stack allows cloudtrail.amazonaws.com.',
    ]);
  });

  it("requires the trail bucket to block public access, have no public policy and be access-logged", async () => {
    const report = await check(cloudTrailBucket, () => {
      new aws.cloudtrail.Trail("t", goodTrail);
      new aws.s3.BucketPublicAccessBlock("pab", {
        bucket: "trail-logs",
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      new aws.s3.BucketPolicy("open", {
        bucket: "trail-logs",
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: "*",
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::trail-logs/*",
            },
          ],
        }),
      });
    });
    expect(messages(report)).to.deep.equal([
      'trail bucket "trail-logs" of trail "t" does not block all public access.',
      'trail bucket "trail-logs" of trail "t" has a public bucket policy statement.',
      'trail bucket "trail-logs" of trail "t" has no server access logging.',
    ]);
    const ok = await check(cloudTrailBucket, () => {
      new aws.cloudtrail.Trail("t", goodTrail);
      new aws.s3.BucketPublicAccessBlock("pab", {
        bucket: "trail-logs",
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      new aws.s3.BucketLogging("log", {
        bucket: "trail-logs",
        targetBucket: "access-logs",
        targetPrefix: "trail/",
      });
    });
    expect(ok.violations).to.deep.equal([]);
  });
});

describe("alarming policies: SNS.1/2, Lambda.1/2, CloudWatch.15/17", () => {
  it("SNS.1 wants a customer KMS key, SNS.2 delivery status logging", async () => {
    const report = await check(snsEncrypted, () => {
      new aws.sns.Topic("plain", {});
      new aws.sns.Topic("managed", { kmsMasterKeyId: "alias/aws/sns" });
      new aws.sns.Topic("good", { kmsMasterKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/1" });
    });
    expect(messages(report)).to.deep.equal([
      'topic "plain" is not encrypted (kmsMasterKeyId unset).',
      'topic "managed" uses the AWS-managed key alias/aws/sns, which CloudWatch alarms cannot publish with.',
    ]);
    const logging = await check(snsDeliveryStatusLogging, () => {
      new aws.sns.Topic("silent", {});
      new aws.sns.Topic("logged", { lambdaFailureFeedbackRoleArn: "arn:aws:iam::123456789012:role/sns" });
    });
    expect(messages(logging)).to.deep.equal([
      'topic "silent" has no delivery status logging (no lambda/sqs/http/application/firehose failure feedback role).',
    ]);
  });

  it("Lambda.1 rejects public and unscoped permissions; Lambda.2 rejects deprecated runtimes", async () => {
    const report = await check(lambdaNoPublicAccess, () => {
      new aws.lambda.Permission("public", { action: "lambda:InvokeFunction", function: "f", principal: "*" });
      new aws.lambda.Permission("unscoped", {
        action: "lambda:InvokeFunction",
        function: "f",
        principal: "sns.amazonaws.com",
      });
      new aws.lambda.Permission("scoped", {
        action: "lambda:InvokeFunction",
        function: "f",
        principal: "events.amazonaws.com",
        sourceArn: "arn:aws:events:ap-northeast-2:123456789012:rule/r",
      });
    });
    expect(messages(report)).to.deep.equal([
      'permission "public" lets anyone invoke the function (principal "*").',
      'permission "unscoped" lets sns.amazonaws.com invoke the function for any resource (sourceArn unset).',
    ]);
    const runtimes = await check(lambdaSupportedRuntime, () => {
      new aws.lambda.Function("old", {
        role: "arn:aws:iam::123456789012:role/r",
        runtime: "nodejs16.x",
        handler: "index.handler",
        ...CODE, // the provider requires exactly one package source
      });
      new aws.lambda.Function("current", {
        role: "arn:aws:iam::123456789012:role/r",
        runtime: "nodejs22.x",
        handler: "index.handler",
        ...CODE,
      });
    });
    expect(runtimes.violations).to.have.length(1);
    expect(runtimes.violations[0]!.message).to.match(
      /^function "old" uses runtime "nodejs16.x"; allowed: nodejs22.x, nodejs24.x/,
    );
  });

  it("CloudWatch.15/17: alarms need an action, and enabled actions", async () => {
    const base = {
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 1,
      metricName: "Errors",
      namespace: "AWS/Lambda",
      period: 60,
      statistic: "Sum",
      threshold: 1,
    };
    const report = await check(alarmActions, () => {
      new aws.cloudwatch.MetricAlarm("silent", base);
      new aws.cloudwatch.MetricAlarm("muted", {
        ...base,
        alarmActions: ["arn:aws:sns:ap-northeast-2:123456789012:t"],
        actionsEnabled: false,
      });
      new aws.cloudwatch.MetricAlarm("good", {
        ...base,
        alarmActions: ["arn:aws:sns:ap-northeast-2:123456789012:t"],
      });
    });
    expect(messages(report)).to.deep.equal([
      'alarm "silent" has no alarm action.',
      'alarm "muted" has its actions disabled.',
    ]);
  });
});

describe("alarming policies: CIS 4.1-4.15 metric filters", () => {
  const cisProgram =
    (patternOf: (cis: string, pattern: string) => string, alarmPeriod = 300) =>
    () => {
      new aws.cloudtrail.Trail("t", goodTrail);
      for (const [cis, pattern] of CIS_PATTERNS) {
        const metric = `M${cis.replace(".", "_")}`;
        new aws.cloudwatch.LogMetricFilter(`f${cis}`, {
          logGroupName: "/trail",
          pattern: patternOf(cis, pattern),
          metricTransformation: { name: metric, namespace: "CIS", value: "1" },
        });
        new aws.cloudwatch.MetricAlarm(`a${cis}`, {
          metricName: metric,
          namespace: "CIS",
          statistic: "Sum",
          period: alarmPeriod,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          evaluationPeriods: 1,
          alarmActions: ["arn:aws:sns:ap-northeast-2:123456789012:t"],
        });
      }
    };

  it("holds the 15 patterns exactly as the reference gives them", () => {
    expect(CIS_PATTERNS.size).to.equal(15);
    expect(CIS_PATTERNS.get("4.1")).to.equal(
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    );
    expect(CIS_PATTERNS.get("4.6")).to.equal(
      '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    );
  });

  it("passes when every exact pattern has a conforming alarm", async () => {
    expect(
      (
        await check(
          cisMetricFilters,
          cisProgram((_c, p) => p),
        )
      ).violations,
    ).to.deep.equal([]);
  });

  it("flags a modified pattern and alarms with the wrong period", async () => {
    const modified = await check(
      cisMetricFilters,
      cisProgram((c, p) => (c === "4.3" ? p.replace("}", " && $.x = 1}") : p)),
    );
    expect(messages(modified)).to.deep.equal([
      'trail "t": log group "/trail" lacks the CIS metric filters 4.3 (exact patterns required).',
    ]);
    const slow = await check(
      cisMetricFilters,
      cisProgram((_c, p) => p, 600),
    );
    expect(messages(slow)[0]).to.match(
      /^trail "t": the CIS metrics 4\.1, 4\.2, .*4\.15 have no alarm with Sum, 300 s/,
    );
  });
});
