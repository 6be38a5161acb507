import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import { expect } from "chai";
import { outputOf, setupMocks } from "../src";
import {
  checkProviderRules,
  ProviderRuleChecker,
  providerRulesTable,
  type RulesTable,
} from "../src/provider-rules";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const LOGS = "aws:cloudwatch/logGroup:LogGroup";
const REGION = "ap-northeast-2";
const table = providerRulesTable();
const alarmSrc = (tf: string) => {
  const s = table.sources[table.types[ALARM]!.src]!;
  return `[provider rule: ${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})]`;
};
const okAlarm = {
  comparisonOperator: "GreaterThanThreshold",
  evaluationPeriods: 3,
  metricName: "CPUUtilization",
  namespace: "AWS/EC2",
  period: 60,
  statistic: "Average",
  threshold: 80,
};
const refused = (type: string, inputs: Record<string, unknown>, region = REGION) => {
  try {
    checkProviderRules(type, "r", inputs, region);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe("provider rules: inputs refused as `pulumi preview` refuses them", () => {
  it("a compliant alarm passes, and the generated table records its source for every type", () => {
    expect(refused(ALARM, okAlarm)).to.equal(undefined);
    for (const t of Object.values(table.types)) {
      const s = table.sources[t.src]!;
      expect(s.repo).to.equal("hashicorp/terraform-provider-aws");
      expect(s.commit).to.match(/^[0-9a-f]{40}$/);
      expect(s.file).to.match(/^internal\/service\/.+\.go$/);
    }
  });

  it("enumeration (enum.Validate over the SDK's ComparisonOperator values)", () => {
    expect(refused(ALARM, { ...okAlarm, comparisonOperator: "GreaterThan" })).to.equal(
      `${ALARM} "r": comparisonOperator: got "GreaterThan"; allowed: one of "GreaterThanOrEqualToThreshold", ` +
        `"GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold", ` +
        `"LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold" ` +
        alarmSrc("comparison_operator"),
    );
  });

  it("enumeration, case-insensitive (StringInSlice(…, true))", () => {
    expect(refused(ALARM, { ...okAlarm, treatMissingData: "BREACHING" })).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, treatMissingData: "zero" })).to.match(
      /treatMissingData: got "zero"; allowed: one of "breaching", "ignore", "missing", "notBreaching" \(any case\)/,
    );
  });

  it("range (IntAtLeast) and integer set (IntInSlice: log retention days)", () => {
    expect(refused(ALARM, { ...okAlarm, evaluationPeriods: 0 })).to.equal(
      `${ALARM} "r": evaluationPeriods: got 0; allowed: at least 1 ${alarmSrc("evaluation_periods")}`,
    );
    expect(refused(LOGS, { retentionInDays: 45 })).to.match(
      /^aws:cloudwatch\/logGroup:LogGroup "r": retentionInDays: got 45; allowed: one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 \[provider rule: .* internal\/service\/logs\/group\.go \(retention_in_days\)\]$/,
    );
    expect(refused(LOGS, { retentionInDays: 365 })).to.equal(undefined);
  });

  it("alternatives (Any(IntInSlice 10, 20, 30; IntDivisibleBy 60)): the alarm period", () => {
    for (const period of [10, 20, 30, 60, 300])
      expect(refused(ALARM, { ...okAlarm, period }), `${period}`).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, period: 45 })).to.equal(
      `${ALARM} "r": period: got 45; allowed: one of 10, 20, 30 or a multiple of 60 ${alarmSrc("period")}`,
    );
  });

  it("length (StringLenBetween) and pattern (StringMatch)", () => {
    expect(refused(ALARM, { ...okAlarm, alarmDescription: "x".repeat(1025) })).to.match(
      /alarmDescription: got "x{1025}"; allowed: 0 to 1024 characters \[provider rule/,
    );
    const noStatistic: Record<string, unknown> = { ...okAlarm, statistic: undefined };
    expect(refused(ALARM, { ...noStatistic, extendedStatistic: "q99" })).to.match(
      /extendedStatistic: got "q99"; allowed: matching \/\^\(\(p\|.*\/ \(invalid statistic, see: https:\/\/docs\.aws\.amazon\.com\/AmazonCloudWatch\/latest\/monitoring\/Statistics-definitions\.html\)/,
    );
    expect(refused(ALARM, { ...noStatistic, extendedStatistic: "p99" })).to.equal(undefined);
  });

  it("ConflictsWith, nested Required and MaxItems", () => {
    const query = {
      id: "m1",
      metric: { metricName: "CPUUtilization", namespace: "AWS/EC2", period: 60, stat: "Average" },
    };
    expect(refused(ALARM, { ...okAlarm, metricQueries: [query] })).to.equal(
      `${ALARM} "r": metricName: got "CPUUtilization" together with metricQueries; allowed: only one of them (ConflictsWith) ${alarmSrc("metric_name")}`,
    );
    const bare = {
      ...okAlarm,
      metricName: undefined,
      namespace: undefined,
      period: undefined,
      statistic: undefined,
    };
    expect(refused(ALARM, { ...bare, metricQueries: [query, { metric: query.metric }] })).to.equal(
      `${ALARM} "r": metricQueries[1].id: got nothing; allowed: a value (the provider requires it) ${alarmSrc("metric_query.*.id")}`,
    );
    const arns = [1, 2, 3, 4, 5, 6].map((n) => `arn:aws:sns:${REGION}:123456789012:t${n}`);
    expect(refused(ALARM, { ...okAlarm, okActions: arns })).to.equal(
      `${ALARM} "r": okActions: got 6 items; allowed: at most 5 ${alarmSrc("ok_actions")}`,
    );
  });

  it("ExactlyOneOf (flow log target) and RequiredWith (KMS rotation period), from the provider's schemas", () => {
    const flowLog = "aws:ec2/flowLog:FlowLog";
    const src = (type: string, tf: string) => {
      const s = table.sources[table.types[type]!.src]!;
      return `[provider rule: ${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})]`;
    };
    const dest = { logDestinationType: "cloud-watch-logs", trafficType: "ALL" };
    expect(refused(flowLog, { ...dest, vpcId: "vpc-1" })).to.equal(undefined);
    expect(refused(flowLog, { ...dest, vpcId: "vpc-1", subnetId: "subnet-1" })).to.equal(
      `${flowLog} "r": (resource): got subnetId and vpcId set; allowed: exactly one of eniId, regionalNatGatewayId, ` +
        `subnetId, vpcId, transitGatewayId, transitGatewayAttachmentId (ExactlyOneOf) ${src(flowLog, "eni_id")}`,
    );
    expect(refused(flowLog, dest)).to.match(/\(resource\): got none set; allowed: exactly one of eniId, /);
    const key = "aws:kms/key:Key";
    expect(refused(key, { enableKeyRotation: true, rotationPeriodInDays: 365 })).to.equal(undefined);
    expect(refused(key, { rotationPeriodInDays: 365 })).to.equal(
      `${key} "r": rotationPeriodInDays: got 365 without enableKeyRotation; allowed: only together with ` +
        `enableKeyRotation (RequiredWith) ${src(key, "rotation_period_in_days")}`,
    );
    expect(refused(key, { enableKeyRotation: true, rotationPeriodInDays: 30 })).to.match(
      /rotationPeriodInDays: got 30; allowed: 90 to 2560 \[provider rule/,
    );
  });

  it("AtLeastOneOf, and ExactlyOneOf/RequiredWith inside list elements, on a rules table of the generator's shape", () => {
    const t: RulesTable = {
      pulumiAws: "7.48.0",
      sources: [
        { repo: "hashicorp/terraform-provider-aws", commit: "0".repeat(40), file: "internal/service/x/y.go" },
      ],
      types: {
        "aws:x/y:Y": {
          tf: "aws_x_y",
          src: 0,
          notCovered: [],
          unmapped: [],
          pulumiOptional: [],
          rules: [
            { path: ["a"], tf: "a", rule: "exactlyOneOf", with: [["a"], ["b"]] },
            { path: ["b"], tf: "b", rule: "exactlyOneOf", with: [["a"], ["b"]] },
            {
              path: ["items", "*", "c"],
              tf: "items.*.c",
              rule: "atLeastOneOf",
              with: [
                ["items", "*", "c"],
                ["items", "*", "d"],
              ],
            },
            { path: ["e"], tf: "e", rule: "requiredWith", with: [["f"]] },
          ],
        },
      },
    };
    const checker = new ProviderRuleChecker(t);
    const run = (inputs: Record<string, unknown>) => {
      try {
        checker.check("aws:x/y:Y", "r", inputs, REGION);
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    };
    const src = "[provider rule: hashicorp/terraform-provider-aws@000000000000 internal/service/x/y.go";
    expect(run({ a: 1 })).to.equal(undefined);
    expect(run({ a: 1, b: 2 })).to.equal(
      `aws:x/y:Y "r": (resource): got a and b set; allowed: exactly one of a, b (ExactlyOneOf) ${src} (a)]`,
    );
    expect(run({})).to.match(/got none set; allowed: exactly one of a, b \(ExactlyOneOf\)/);
    expect(run({ a: 1, items: [{ c: 1 }, {}] })).to.equal(
      `aws:x/y:Y "r": items[1]: got none set; allowed: at least one of items[1].c, items[1].d (AtLeastOneOf) ${src} (items.*.c)]`,
    );
    expect(run({ a: 1, e: "x" })).to.equal(
      `aws:x/y:Y "r": e: got "x" without f; allowed: only together with f (RequiredWith) ${src} (e)]`,
    );
    expect(run({ a: 1, e: "x", f: "y" })).to.equal(undefined);
  });

  it("values unknown during preview are skipped, a secret is never echoed", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(refused(ALARM, { ...okAlarm, comparisonOperator: unknown, period: unknown })).to.equal(undefined);
    const t: RulesTable = {
      pulumiAws: "7.48.0",
      sources: [
        { repo: "hashicorp/terraform-provider-aws", commit: "0".repeat(40), file: "internal/service/x/y.go" },
      ],
      types: {
        "aws:x/y:Y": {
          tf: "aws_x_y",
          src: 0,
          notCovered: [],
          unmapped: [],
          pulumiOptional: [],
          rules: [
            { path: ["masterPassword"], tf: "master_password", rule: "value", check: { k: "len", min: 8 } },
          ],
        },
      },
    };
    expect(() => new ProviderRuleChecker(t).check("aws:x/y:Y", "r", { masterPassword: "hunter2" }, REGION))
      .to.throw(/masterPassword: got \[secret\]; allowed: at least 8 characters/)
      .and.not.match(/hunter2/);
  });

  it("fails the registration itself, naming resource, property, value and rule", async () => {
    setupMocks();
    const alarm = new aws.cloudwatch.MetricAlarm("cpu", { ...okAlarm, period: 45 });
    let error: unknown;
    await outputOf(alarm.arn).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain(
      `${ALARM} "cpu": period: got 45; allowed: one of 10, 20, 30 or a multiple of 60`,
    );
  });
});

describe("AWS rules the provider does not check", () => {
  it("PutMetricAlarm: period × evaluationPeriods at most one day under an hour's period, seven days otherwise", () => {
    expect(refused(ALARM, { ...okAlarm, period: 60, evaluationPeriods: 1440 })).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, period: 60, evaluationPeriods: 1441 })).to.equal(
      `${ALARM} "r": evaluationPeriods: got 1441 (× period 60 s = 86460 s); allowed: period × evaluationPeriods ≤ 86400 s for periods under an hour ` +
        "[AWS rule: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (Period)]",
    );
    expect(refused(ALARM, { ...okAlarm, period: 3600, evaluationPeriods: 168 })).to.equal(undefined);
    expect(refused(ALARM, { ...okAlarm, period: 3600, evaluationPeriods: 169 })).to.match(
      /≤ 604800 s \[AWS rule/,
    );
  });

  it("CreateDBInstanceReadReplica: a same-region replica sends no KmsKeyId; a cross-region one may", () => {
    const key = `arn:aws:kms:${REGION}:123456789012:key/k`;
    const replica = { instanceClass: "db.m6g.large", replicateSourceDb: "db-primary" };
    expect(refused("aws:rds/instance:Instance", { ...replica, kmsKeyId: key })).to.equal(
      `aws:rds/instance:Instance "r": kmsKeyId: got "${key}" on a read replica of "db-primary" in the same region (${REGION}); ` +
        "allowed: nothing (a same-region replica inherits the source's key) " +
        "[AWS rule: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html (KmsKeyId)]",
    );
    expect(refused("aws:rds/instance:Instance", replica)).to.equal(undefined);
    const crossRegion = {
      ...replica,
      replicateSourceDb: "arn:aws:rds:us-east-1:123456789012:db:db-primary",
      kmsKeyId: key,
    };
    expect(refused("aws:rds/instance:Instance", crossRegion)).to.equal(undefined);
  });
});

describe("r-ec2", () => {
  const ROUTE = "aws:ec2/route:Route";
  const LT = "aws:ec2/launchTemplate:LaunchTemplate";
  const SG = "aws:ec2/securityGroup:SecurityGroup";
  const INSTANCE = "aws:ec2/instance:Instance";
  const origin = (type: string, tf: string) => {
    const s = table.sources[table.types[type]!.src]!;
    return `[provider rule: ${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})]`;
  };
  const route = { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0" };
  const targets =
    "carrierGatewayId, coreNetworkArn, egressOnlyGatewayId, gatewayId, localGatewayId, natGatewayId, " +
    "networkInterfaceId, transitGatewayId, vpcEndpointId, vpcPeeringConnectionId, odbNetworkArn";

  it("a route has exactly one target (ExactlyOneOf over a package var list, consts as field keys)", () => {
    expect(refused(ROUTE, { ...route, natGatewayId: "nat-1" })).to.equal(undefined);
    expect(refused(ROUTE, { ...route, gatewayId: "igw-1", natGatewayId: "nat-1" })).to.equal(
      `${ROUTE} "r": (resource): got gatewayId and natGatewayId set; allowed: exactly one of ${targets} (ExactlyOneOf) ` +
        origin(ROUTE, "carrier_gateway_id"),
    );
    expect(refused(ROUTE, route)).to.equal(
      `${ROUTE} "r": (resource): got none set; allowed: exactly one of ${targets} (ExactlyOneOf) ` +
        origin(ROUTE, "carrier_gateway_id"),
    );
    // and exactly one destination; an IPv6-only target refuses an IPv4 destination
    expect(refused(ROUTE, { ...route, destinationIpv6CidrBlock: "::/0", natGatewayId: "nat-1" })).to.match(
      /^aws:ec2\/route:Route "r": \(resource\): got destinationCidrBlock and destinationIpv6CidrBlock set; allowed: exactly one of destinationCidrBlock, destinationIpv6CidrBlock, destinationPrefixListId \(ExactlyOneOf\)/,
    );
    expect(refused(ROUTE, { ...route, egressOnlyGatewayId: "eigw-1" })).to.equal(
      `${ROUTE} "r": egressOnlyGatewayId: got "eigw-1" together with destinationCidrBlock; allowed: only one of them (ConflictsWith) ` +
        origin(ROUTE, "egress_only_gateway_id"),
    );
  });

  it("a target the bridged SDK added after the source read (odbNetworkArn) counts as the route's one target", () => {
    expect(
      refused(ROUTE, { ...route, odbNetworkArn: "arn:aws:odb:ap-northeast-2:123456789012:odb-network/x" }),
    ).to.equal(undefined);
  });

  it("launch-template metadata options: enumerations from aws-sdk-go v1 `X_Values()` names, resolved from SDK v2 enums", () => {
    expect(refused(LT, { metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } })).to.equal(
      undefined,
    );
    expect(refused(LT, { metadataOptions: { httpTokens: "require" } })).to.equal(
      `${LT} "r": metadataOptions.httpTokens: got "require"; allowed: one of "optional", "required" ` +
        origin(LT, "metadata_options.0.http_tokens"),
    );
    expect(refused(LT, { metadataOptions: { httpPutResponseHopLimit: 65 } })).to.equal(
      `${LT} "r": metadataOptions.httpPutResponseHopLimit: got 65; allowed: 1 to 64 ` +
        origin(LT, "metadata_options.0.http_put_response_hop_limit"),
    );
  });

  it("security-group rule blocks come from a shared schema var (nested Required, CIDR per element)", () => {
    const ingress = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] };
    expect(refused(SG, { vpcId: "vpc-1", ingress: [ingress] })).to.equal(undefined);
    expect(refused(SG, { vpcId: "vpc-1", ingress: [{ fromPort: 443, toPort: 443 }] })).to.equal(
      `${SG} "r": ingress[0].protocol: got nothing; allowed: a value (the provider requires it) ` +
        origin(SG, "ingress.*.protocol"),
    );
    expect(refused(SG, { vpcId: "vpc-1", egress: [{ ...ingress, cidrBlocks: ["10.0.0.0/33"] }] })).to.equal(
      `${SG} "r": egress[0].cidrBlocks[0]: got "10.0.0.0/33"; allowed: a CIDR block ` +
        origin(SG, "egress.*.cidr_blocks.*"),
    );
  });

  it("an instance's conflicting arguments (ConflictsWith) and its user-data size", () => {
    const nat = { ami: "ami-1", instanceType: "t4g.nano", subnetId: "subnet-1" };
    expect(refused(INSTANCE, { ...nat, userData: "#!/bin/sh\n" })).to.equal(undefined);
    expect(
      refused(INSTANCE, { ...nat, userData: "#!/bin/sh\n", userDataBase64: "IyEvYmluL3NoCg==" }),
    ).to.equal(
      `${INSTANCE} "r": userData: got "#!/bin/sh\\n" together with userDataBase64; allowed: only one of them (ConflictsWith) ` +
        origin(INSTANCE, "user_data"),
    );
    expect(
      refused(INSTANCE, { ...nat, networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: "eni-1" }] }),
    ).to.equal(
      `${INSTANCE} "r": networkInterfaces: got [{"deviceIndex":0,"networkInterfaceId":"eni-1"}] together with subnetId; ` +
        `allowed: only one of them (ConflictsWith) ${origin(INSTANCE, "network_interface")}`,
    );
    expect(refused(INSTANCE, { ...nat, userData: "x".repeat(16385) })).to.match(
      /userData: got "x+"; allowed: 0 to 16384 characters \[provider rule: .* \(user_data\)\]$/,
    );
    expect(refused(INSTANCE, { subnetId: "subnet-1" })).to.match(
      /^aws:ec2\/instance:Instance "r": \(resource\): got none set; allowed: at least one of ami, launchTemplate \(AtLeastOneOf\)/,
    );
  });

  it("a VPC's block is /16 to /28 (IsCIDRNetwork) and its tenancy default or dedicated", () => {
    const VPC = "aws:ec2/vpc:Vpc";
    expect(refused(VPC, { cidrBlock: "10.0.0.0/8" })).to.equal(
      `${VPC} "r": cidrBlock: got "10.0.0.0/8"; allowed: a CIDR block with a /16–/28 prefix ${origin(VPC, "cidr_block")}`,
    );
    expect(refused(VPC, { cidrBlock: "10.0.0.0/16", instanceTenancy: "host" })).to.equal(
      `${VPC} "r": instanceTenancy: got "host"; allowed: one of "default", "dedicated" ${origin(VPC, "instance_tenancy")}`,
    );
  });

  it("enumerations read from a package's own constants hold their values, and no enumeration is empty", () => {
    for (const [type, t] of Object.entries(table.types))
      for (const r of t.rules)
        if (r.check?.k === "in") expect(r.check.values.length, `${type} ${r.tf}`).to.be.greaterThan(0);
  });

  it("awsx's VPC children, modelled rather than registered, are checked as the provider checks them", async () => {
    const env = setupMocks();
    new awsx.ec2.Vpc(
      "net",
      {
        cidrBlock: "172.31.0.0/16",
        availabilityZoneNames: ["ap-northeast-2a", "ap-northeast-2c"],
        subnetStrategy: "Auto",
        subnetSpecs: [{ type: "Public", cidrMask: 24 }],
        natGateways: { strategy: "None" },
      },
      {
        // a transform that gives the public routes a second target, as a careless component could
        transforms: [
          (args) =>
            args.type === ROUTE
              ? { props: { ...args.props, vpcPeeringConnectionId: "pcx-1" }, opts: args.opts }
              : undefined,
        ],
      },
    );
    let error: unknown;
    await env.settle().catch((e: unknown) => (error = e));
    expect(String(error)).to.contain(
      `${ROUTE} "net-public-1": (resource): got gatewayId and vpcPeeringConnectionId set; allowed: exactly one of ${targets} (ExactlyOneOf)`,
    );
  });
});

describe("r-s3", () => {
  const src = (type: string, tf: string) => {
    const s = table.sources[table.types[type]!.src]!;
    return `[provider rule: ${s.repo}@${s.commit.slice(0, 12)} ${s.file} (${tf})]`;
  };
  const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
  const rule = { id: "expire", status: "Enabled", filter: { prefix: "" }, expiration: { days: 30 } };

  it("plugin framework: stringvalidator.OneOf over a package helper (lifecycle rule status)", () => {
    expect(refused(LIFECYCLE, { bucket: "b", rules: [rule] })).to.equal(undefined);
    expect(
      refused(LIFECYCLE, { bucket: "b", rules: [rule, { ...rule, id: "two", status: "enabled" }] }),
    ).to.equal(
      `${LIFECYCLE} "r": rules[1].status: got "enabled"; allowed: one of "Disabled", "Enabled" ${src(LIFECYCLE, "rule.*.status")}`,
    );
  });

  it("plugin framework: int32validator.AtLeast inside a nested block (noncurrent version expiration)", () => {
    const withNoncurrent = (noncurrentDays: number) => ({
      bucket: "b",
      rules: [{ ...rule, noncurrentVersionExpiration: { noncurrentDays } }],
    });
    expect(refused(LIFECYCLE, withNoncurrent(1))).to.equal(undefined);
    expect(refused(LIFECYCLE, withNoncurrent(0))).to.equal(
      `${LIFECYCLE} "r": rules[0].noncurrentVersionExpiration.noncurrentDays: got 0; allowed: at least 1 ` +
        src(LIFECYCLE, "rule.*.noncurrent_version_expiration.*.noncurrent_days"),
    );
  });

  it("a value list built by tfslices.AppendUnique(enum.Values[…](), …) (versioning status)", () => {
    const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";
    for (const status of ["Enabled", "Suspended", "Disabled"])
      expect(refused(VERSIONING, { bucket: "b", versioningConfiguration: { status } }), status).to.equal(
        undefined,
      );
    expect(refused(VERSIONING, { bucket: "b", versioningConfiguration: { status: "On" } })).to.equal(
      `${VERSIONING} "r": versioningConfiguration.status: got "On"; allowed: one of "Enabled", "Suspended", "Disabled" ` +
        src(VERSIONING, "versioning_configuration.0.status"),
    );
  });

  it("enum values from the AWS API model (botocore), newer than the index's aws-sdk-go-v2 (SSE algorithm)", () => {
    const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
    const sse = (sseAlgorithm: string) => ({
      bucket: "b",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }],
    });
    // aws:kms:dsse (2023) is missing from the index's aws-sdk-go-v2 enums: the model's list is the one used
    expect(refused(SSE, sse("aws:kms:dsse"))).to.equal(undefined);
    expect(refused(SSE, sse("KMS"))).to.equal(
      `${SSE} "r": rules[0].applyServerSideEncryptionByDefault.sseAlgorithm: got "KMS"; allowed: one of "AES256", ` +
        `"aws:fsx", "aws:kms", "aws:kms:dsse" ${src(SSE, "rule.*.apply_server_side_encryption_by_default.0.sse_algorithm")}`,
    );
    const enumSrc = table.types[SSE]!.enumSrc!.map((i) => table.sources[i]!);
    expect(enumSrc.map((s) => s.repo)).to.deep.equal(["boto/botocore"]);
  });
});
