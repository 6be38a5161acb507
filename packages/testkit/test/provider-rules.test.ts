import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";
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
/** The provenance a refusal names for a rule of `type` read from the provider's `tf` attribute. */
const ruleTag = (type: string, tf: string) => {
  const s = table.sources[table.types[type]!.src]!;
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
        ruleTag(ALARM, "comparison_operator"),
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
      `${ALARM} "r": evaluationPeriods: got 0; allowed: at least 1 ${ruleTag(ALARM, "evaluation_periods")}`,
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
      `${ALARM} "r": period: got 45; allowed: one of 10, 20, 30 or a multiple of 60 ${ruleTag(ALARM, "period")}`,
    );
  });

  it("length (StringLenBetween) and pattern (StringMatch)", () => {
    expect(refused(ALARM, { ...okAlarm, alarmDescription: "x".repeat(1025) })).to.match(
      /alarmDescription: got "x{76}\.\.\.; allowed: 0 to 1024 characters \[provider rule/,
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
      `${ALARM} "r": metricName: got "CPUUtilization" together with metricQueries; allowed: only one of them (ConflictsWith) ${ruleTag(ALARM, "metric_name")}`,
    );
    const bare = {
      ...okAlarm,
      metricName: undefined,
      namespace: undefined,
      period: undefined,
      statistic: undefined,
    };
    expect(refused(ALARM, { ...bare, metricQueries: [query, { metric: query.metric }] })).to.equal(
      `${ALARM} "r": metricQueries[1].id: got nothing; allowed: a value (the provider requires it) ${ruleTag(ALARM, "metric_query.*.id")}`,
    );
    const arns = [1, 2, 3, 4, 5, 6].map((n) => `arn:aws:sns:${REGION}:123456789012:t${n}`);
    expect(refused(ALARM, { ...okAlarm, okActions: arns })).to.equal(
      `${ALARM} "r": okActions: got 6 items; allowed: at most 5 ${ruleTag(ALARM, "ok_actions")}`,
    );
  });

  it("ExactlyOneOf (flow log target) and RequiredWith (KMS rotation period), from the provider's schemas", () => {
    const flowLog = "aws:ec2/flowLog:FlowLog";
    const dest = { logDestinationType: "cloud-watch-logs", trafficType: "ALL" };
    expect(refused(flowLog, { ...dest, vpcId: "vpc-1" })).to.equal(undefined);
    expect(refused(flowLog, { ...dest, vpcId: "vpc-1", subnetId: "subnet-1" })).to.equal(
      `${flowLog} "r": (resource): got subnetId and vpcId set; allowed: exactly one of eniId, regionalNatGatewayId, ` +
        `subnetId, vpcId, transitGatewayId, transitGatewayAttachmentId (ExactlyOneOf) ${ruleTag(flowLog, "eni_id")}`,
    );
    expect(refused(flowLog, dest)).to.match(/\(resource\): got none set; allowed: exactly one of eniId, /);
    const key = "aws:kms/key:Key";
    expect(refused(key, { enableKeyRotation: true, rotationPeriodInDays: 365 })).to.equal(undefined);
    expect(refused(key, { rotationPeriodInDays: 365 })).to.equal(
      `${key} "r": rotationPeriodInDays: got 365 without enableKeyRotation; allowed: only together with ` +
        `enableKeyRotation (RequiredWith) ${ruleTag(key, "rotation_period_in_days")}`,
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
    // What the refusal echoes is cut as every refusal's is (component-kit's formatValue), whatever its length.
    const longSource = `db-${"x".repeat(120)}`;
    expect(
      refused("aws:rds/instance:Instance", { ...replica, replicateSourceDb: longSource, kmsKeyId: key }),
    ).to.contain(`on a read replica of "${longSource.slice(0, 76)}... in the same region`);
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
  const route = { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0" };
  const targets =
    "carrierGatewayId, coreNetworkArn, egressOnlyGatewayId, gatewayId, localGatewayId, natGatewayId, " +
    "networkInterfaceId, transitGatewayId, vpcEndpointId, vpcPeeringConnectionId, odbNetworkArn";

  it("a route has exactly one target (ExactlyOneOf over a package var list, consts as field keys)", () => {
    expect(refused(ROUTE, { ...route, natGatewayId: "nat-1" })).to.equal(undefined);
    expect(refused(ROUTE, { ...route, gatewayId: "igw-1", natGatewayId: "nat-1" })).to.equal(
      `${ROUTE} "r": (resource): got gatewayId and natGatewayId set; allowed: exactly one of ${targets} (ExactlyOneOf) ` +
        ruleTag(ROUTE, "carrier_gateway_id"),
    );
    expect(refused(ROUTE, route)).to.equal(
      `${ROUTE} "r": (resource): got none set; allowed: exactly one of ${targets} (ExactlyOneOf) ` +
        ruleTag(ROUTE, "carrier_gateway_id"),
    );
    // and exactly one destination; an IPv6-only target refuses an IPv4 destination
    expect(refused(ROUTE, { ...route, destinationIpv6CidrBlock: "::/0", natGatewayId: "nat-1" })).to.match(
      /^aws:ec2\/route:Route "r": \(resource\): got destinationCidrBlock and destinationIpv6CidrBlock set; allowed: exactly one of destinationCidrBlock, destinationIpv6CidrBlock, destinationPrefixListId \(ExactlyOneOf\)/,
    );
    expect(refused(ROUTE, { ...route, egressOnlyGatewayId: "eigw-1" })).to.equal(
      `${ROUTE} "r": egressOnlyGatewayId: got "eigw-1" together with destinationCidrBlock; allowed: only one of them (ConflictsWith) ` +
        ruleTag(ROUTE, "egress_only_gateway_id"),
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
        ruleTag(LT, "metadata_options.0.http_tokens"),
    );
    expect(refused(LT, { metadataOptions: { httpPutResponseHopLimit: 65 } })).to.equal(
      `${LT} "r": metadataOptions.httpPutResponseHopLimit: got 65; allowed: 1 to 64 ` +
        ruleTag(LT, "metadata_options.0.http_put_response_hop_limit"),
    );
  });

  it("security-group rule blocks come from a shared schema var (nested Required, CIDR per element)", () => {
    const ingress = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] };
    expect(refused(SG, { vpcId: "vpc-1", ingress: [ingress] })).to.equal(undefined);
    expect(refused(SG, { vpcId: "vpc-1", ingress: [{ fromPort: 443, toPort: 443 }] })).to.equal(
      `${SG} "r": ingress[0].protocol: got nothing; allowed: a value (the provider requires it) ` +
        ruleTag(SG, "ingress.*.protocol"),
    );
    expect(refused(SG, { vpcId: "vpc-1", egress: [{ ...ingress, cidrBlocks: ["10.0.0.0/33"] }] })).to.equal(
      `${SG} "r": egress[0].cidrBlocks[0]: got "10.0.0.0/33"; allowed: a CIDR block ` +
        ruleTag(SG, "egress.*.cidr_blocks.*"),
    );
  });

  it("an instance's conflicting arguments (ConflictsWith) and its user-data size", () => {
    const nat = { ami: "ami-1", instanceType: "t4g.nano", subnetId: "subnet-1" };
    expect(refused(INSTANCE, { ...nat, userData: "#!/bin/sh\n" })).to.equal(undefined);
    expect(
      refused(INSTANCE, { ...nat, userData: "#!/bin/sh\n", userDataBase64: "IyEvYmluL3NoCg==" }),
    ).to.equal(
      `${INSTANCE} "r": userData: got "#!/bin/sh\\n" together with userDataBase64; allowed: only one of them (ConflictsWith) ` +
        ruleTag(INSTANCE, "user_data"),
    );
    expect(
      refused(INSTANCE, { ...nat, networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: "eni-1" }] }),
    ).to.equal(
      `${INSTANCE} "r": networkInterfaces: got [{"deviceIndex":0,"networkInterfaceId":"eni-1"}] together with subnetId; ` +
        `allowed: only one of them (ConflictsWith) ${ruleTag(INSTANCE, "network_interface")}`,
    );
    expect(refused(INSTANCE, { ...nat, userData: "x".repeat(16385) })).to.match(
      /userData: got "x{76}\.\.\.; allowed: 0 to 16384 characters \[provider rule: .* \(user_data\)\]$/,
    );
    // the provider's own CPUCredits_Values() (ec2/consts.go)
    expect(refused(INSTANCE, { ...nat, creditSpecification: { cpuCredits: "burst" } })).to.equal(
      `${INSTANCE} "r": creditSpecification.cpuCredits: got "burst"; allowed: one of "standard", "unlimited" ` +
        ruleTag(INSTANCE, "credit_specification.0.cpu_credits"),
    );
    expect(refused(INSTANCE, { subnetId: "subnet-1" })).to.match(
      /^aws:ec2\/instance:Instance "r": \(resource\): got none set; allowed: at least one of ami, launchTemplate \(AtLeastOneOf\)/,
    );
  });

  it("a VPC's block is /16 to /28 (IsCIDRNetwork) and its tenancy default or dedicated", () => {
    const VPC = "aws:ec2/vpc:Vpc";
    expect(refused(VPC, { cidrBlock: "10.0.0.0/8" })).to.equal(
      `${VPC} "r": cidrBlock: got "10.0.0.0/8"; allowed: a CIDR block with a /16–/28 prefix ${ruleTag(VPC, "cidr_block")}`,
    );
    expect(refused(VPC, { cidrBlock: "10.0.0.0/16", instanceTenancy: "host" })).to.equal(
      `${VPC} "r": instanceTenancy: got "host"; allowed: one of "default", "dedicated" ${ruleTag(VPC, "instance_tenancy")}`,
    );
  });

  it("EC2 enumerations from the current EC2 model: a VPC endpoint may be a Resource endpoint, not a lower-case gateway", () => {
    const VPCE = "aws:ec2/vpcEndpoint:VpcEndpoint";
    const endpoint = { vpcId: "vpc-1", serviceName: "com.amazonaws.ap-northeast-2.s3" };
    expect(refused(VPCE, { ...endpoint, vpcEndpointType: "Resource" })).to.equal(undefined);
    expect(refused(VPCE, { ...endpoint, vpcEndpointType: "gateway" })).to.equal(
      `${VPCE} "r": vpcEndpointType: got "gateway"; allowed: one of "Interface", "Gateway", "GatewayLoadBalancer", ` +
        `"Resource", "ServiceNetwork" ${ruleTag(VPCE, "vpc_endpoint_type")}`,
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
  const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
  const rule = { id: "expire", status: "Enabled", filter: { prefix: "" }, expiration: { days: 30 } };

  it("plugin framework: stringvalidator.OneOf over a package helper (lifecycle rule status)", () => {
    expect(refused(LIFECYCLE, { bucket: "b", rules: [rule] })).to.equal(undefined);
    expect(
      refused(LIFECYCLE, { bucket: "b", rules: [rule, { ...rule, id: "two", status: "enabled" }] }),
    ).to.equal(
      `${LIFECYCLE} "r": rules[1].status: got "enabled"; allowed: one of "Disabled", "Enabled" ${ruleTag(LIFECYCLE, "rule.*.status")}`,
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
        ruleTag(LIFECYCLE, "rule.*.noncurrent_version_expiration.*.noncurrent_days"),
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
        ruleTag(VERSIONING, "versioning_configuration.0.status"),
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
        `"aws:fsx", "aws:kms", "aws:kms:dsse" ${ruleTag(SSE, "rule.*.apply_server_side_encryption_by_default.0.sse_algorithm")}`,
    );
    const enumSrc = table.types[SSE]!.enumSrc!.map((i) => table.sources[i]!);
    expect(enumSrc.map((s) => s.repo)).to.deep.equal(["boto/botocore"]);
  });

  it("enum.Slice over the model's constants: a bucket grant takes CanonicalUser or Group, not AmazonCustomerByEmail", () => {
    const BUCKET = "aws:s3/bucket:Bucket";
    const grant = (type: string) => ({ grants: [{ type, permissions: ["READ"] }] });
    expect(refused(BUCKET, grant("Group"))).to.equal(undefined);
    expect(refused(BUCKET, grant("AmazonCustomerByEmail"))).to.equal(
      `${BUCKET} "r": grants[0].type: got "AmazonCustomerByEmail"; allowed: one of "CanonicalUser", "Group" ${ruleTag(BUCKET, "grant.*.type")}`,
    );
  });

  it("CloudTrail: the trail name's length, and a data resource type from the provider's own list", () => {
    const TRAIL = "aws:cloudtrail/trail:Trail";
    const trail = { s3BucketName: "logs", name: "org-trail" };
    expect(refused(TRAIL, trail)).to.equal(undefined);
    expect(refused(TRAIL, { ...trail, name: "ab" })).to.equal(
      `${TRAIL} "r": name: got "ab"; allowed: 3 to 128 characters ${ruleTag(TRAIL, "name")}`,
    );
    const selector = (type: string) => ({
      ...trail,
      eventSelectors: [{ readWriteType: "All", dataResources: [{ type, values: ["arn:aws:s3"] }] }],
    });
    expect(refused(TRAIL, selector("AWS::S3::Object"))).to.equal(undefined);
    expect(refused(TRAIL, selector("AWS::S3::Bucket"))).to.equal(
      `${TRAIL} "r": eventSelectors[0].dataResources[0].type: got "AWS::S3::Bucket"; allowed: one of ` +
        `"AWS::DynamoDB::Table", "AWS::Lambda::Function", "AWS::S3::Object" ${ruleTag(TRAIL, "event_selector.*.data_resource.*.type")}`,
    );
  });

  it("AWS Config: the snapshot delivery frequency and a rule's owner", () => {
    const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
    const channel = (deliveryFrequency: string) => ({
      s3BucketName: "config",
      snapshotDeliveryProperties: { deliveryFrequency },
    });
    expect(refused(CHANNEL, channel("TwentyFour_Hours"))).to.equal(undefined);
    expect(refused(CHANNEL, channel("24_Hours"))).to.equal(
      `${CHANNEL} "r": snapshotDeliveryProperties.deliveryFrequency: got "24_Hours"; allowed: one of "One_Hour", ` +
        `"Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours" ` +
        ruleTag(CHANNEL, "snapshot_delivery_properties.0.delivery_frequency"),
    );
    const RULE = "aws:cfg/rule:Rule";
    expect(refused(RULE, { source: { owner: "AWS", sourceIdentifier: "VPC_FLOW_LOGS_ENABLED" } })).to.equal(
      undefined,
    );
    expect(
      refused(RULE, { source: { owner: "Amazon", sourceIdentifier: "VPC_FLOW_LOGS_ENABLED" } }),
    ).to.equal(
      `${RULE} "r": source.owner: got "Amazon"; allowed: one of "CUSTOM_LAMBDA", "AWS", "CUSTOM_POLICY" ${ruleTag(RULE, "source.0.owner")}`,
    );
  });

  it("Budgets: the time unit, and ConflictsWith between limitAmount and plannedLimits", () => {
    const BUDGET = "aws:budgets/budget:Budget";
    const budget = { budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "100.00", limitUnit: "USD" };
    expect(refused(BUDGET, budget)).to.equal(undefined);
    expect(refused(BUDGET, { ...budget, timeUnit: "WEEKLY" })).to.equal(
      `${BUDGET} "r": timeUnit: got "WEEKLY"; allowed: one of "DAILY", "MONTHLY", "QUARTERLY", "ANNUALLY", "CUSTOM" ${ruleTag(BUDGET, "time_unit")}`,
    );
    const planned = [{ amount: "100", startTime: "2026-12-01_00:00", unit: "USD" }];
    expect(refused(BUDGET, { ...budget, limitUnit: undefined, plannedLimits: planned })).to.match(
      /^aws:budgets\/budget:Budget "r": limitAmount: got "100.00" together with plannedLimits; allowed: only one of them \(ConflictsWith\)/,
    );
  });

  it("a Go pattern with an escaped hyphen (RE2 `\\-`) is still checked: a custom policy rule's runtime", () => {
    const RULE = "aws:cfg/rule:Rule";
    const custom = (policyRuntime: string) => ({
      source: { owner: "CUSTOM_POLICY", customPolicyDetails: { policyRuntime, policyText: "rule x {}" } },
    });
    expect(refused(RULE, custom("guard-2.x.x"))).to.equal(undefined);
    expect(refused(RULE, custom("guard-3.x.x"))).to.equal(
      `${RULE} "r": source.customPolicyDetails.policyRuntime: got "guard-3.x.x"; allowed: 0 to 64 characters and ` +
        `matching /^guard-2\\.x\\.x$/ (Must match cloudformation-guard version) ` +
        ruleTag(RULE, "source.0.custom_policy_details.0.policy_runtime"),
    );
  });

  it("AWS rule: a transition to STANDARD_IA or ONEZONE_IA comes 30 days or more after creation", () => {
    const transitions = (days: number, storageClass = "STANDARD_IA") => ({
      bucket: "b",
      rules: [
        rule,
        {
          ...rule,
          id: "archive",
          transitions: [
            { days: 90, storageClass: "GLACIER" },
            { days, storageClass },
          ],
        },
      ],
    });
    expect(refused(LIFECYCLE, transitions(30))).to.equal(undefined);
    expect(refused(LIFECYCLE, transitions(1, "GLACIER"))).to.equal(undefined);
    expect(refused(LIFECYCLE, transitions(29, "ONEZONE_IA"))).to.equal(
      `${LIFECYCLE} "r": rules[1].transitions[1].days: got 29 for ONEZONE_IA; allowed: at least 30 days after creation ` +
        "before STANDARD_IA or ONEZONE_IA [AWS rule: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html (Days)]",
    );
  });
});

describe("r-edge", () => {
  const ASG = "aws:autoscaling/group:Group";
  const LISTENER = "aws:lb/listener:Listener";
  const RECORD = "aws:route53/record:Record";
  const template = { id: "lt-0123456789abcdef0", version: "1" };
  const okGroup = { minSize: 1, maxSize: 2, launchTemplate: template };
  const okListener = {
    loadBalancerArn: `arn:aws:elasticloadbalancing:${REGION}:123456789012:loadbalancer/app/web/50dc6c495c0c9188`,
    defaultActions: [
      {
        type: "forward",
        targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:123456789012:targetgroup/web/73e2d6bc24d8a067`,
      },
    ],
  };
  const okRecord = { zoneId: "Z0123456789ABCDEFGHIJ", name: "www.example.com", type: "A" };

  it("ExactlyOneOf: an Auto Scaling group takes one of launchConfiguration, launchTemplate, mixedInstancesPolicy", () => {
    expect(refused(ASG, okGroup)).to.equal(undefined);
    const mixed = { launchTemplate: { launchTemplateSpecification: { launchTemplateId: template.id } } };
    expect(refused(ASG, { ...okGroup, mixedInstancesPolicy: mixed })).to.equal(
      `${ASG} "r": (resource): got launchTemplate and mixedInstancesPolicy set; allowed: exactly one of ` +
        `launchConfiguration, launchTemplate, mixedInstancesPolicy (ExactlyOneOf) ${ruleTag(ASG, "launch_configuration")}`,
    );
    expect(refused(ASG, { minSize: 1, maxSize: 2 })).to.match(
      /\(resource\): got none set; allowed: exactly one of/,
    );
  });

  it("enumeration, case-insensitive (enum.ValidateIgnoreCase): a listener's default action type", () => {
    const action = (type: string) => ({
      ...okListener,
      defaultActions: [{ ...okListener.defaultActions[0]!, type }],
    });
    expect(refused(LISTENER, action("FORWARD"))).to.equal(undefined);
    expect(refused(LISTENER, action("forwards"))).to.equal(
      `${LISTENER} "r": defaultActions[0].type: got "forwards"; allowed: one of "forward", "authenticate-oidc", ` +
        `"authenticate-cognito", "redirect", "fixed-response", "jwt-validation" (any case) ${ruleTag(LISTENER, "default_action.*.type")}`,
    );
  });

  it("range whose bounds are Go constants with digit separators (50_000): a listener action's order", () => {
    const order = (o: number) => ({
      ...okListener,
      defaultActions: [{ ...okListener.defaultActions[0]!, order: o }],
    });
    expect(refused(LISTENER, order(50000))).to.equal(undefined);
    expect(refused(LISTENER, order(0))).to.equal(
      `${LISTENER} "r": defaultActions[0].order: got 0; allowed: 1 to 50000 ${ruleTag(LISTENER, "default_action.*.order")}`,
    );
  });

  it("ConflictsWith and ExactlyOneOf: a Route 53 record's TTL with an alias, or neither alias nor records", () => {
    const alias = {
      name: "web-123.ap-northeast-2.elb.amazonaws.com",
      zoneId: "ZWKZPGTI48KDX",
      evaluateTargetHealth: true,
    };
    expect(refused(RECORD, { ...okRecord, aliases: [alias] })).to.equal(undefined);
    expect(refused(RECORD, { ...okRecord, records: ["192.0.2.1"], ttl: 300 })).to.equal(undefined);
    expect(refused(RECORD, { ...okRecord, aliases: [alias], ttl: 300 })).to.equal(
      `${RECORD} "r": aliases: got ${JSON.stringify([alias]).slice(0, 77)}... together with ttl; allowed: only one of them (ConflictsWith) ${ruleTag(RECORD, "alias")}`,
    );
    expect(refused(RECORD, { ...okRecord, ttl: 300 })).to.equal(
      `${RECORD} "r": (resource): got none set; allowed: exactly one of aliases, records (ExactlyOneOf) ${ruleTag(RECORD, "alias")}`,
    );
  });

  it("enumeration over provider-local typed constants (func (desiredCapacityType) Values())", () => {
    expect(refused(ASG, { ...okGroup, desiredCapacityType: "vcpu" })).to.equal(undefined);
    expect(refused(ASG, { ...okGroup, desiredCapacityType: "instances" })).to.equal(
      `${ASG} "r": desiredCapacityType: got "instances"; allowed: one of "memory-mib", "units", "vcpu" ${ruleTag(ASG, "desired_capacity_type")}`,
    );
  });

  it("nullable integers as strings (nullable.ValidateTypeStringNullableIntAtLeast): instance refresh warm-up", () => {
    const warmup = (instanceWarmup: string) => ({
      ...okGroup,
      instanceRefresh: { strategy: "Rolling", preferences: { instanceWarmup } },
    });
    for (const ok of ["", "0", "300"]) expect(refused(ASG, warmup(ok)), ok).to.equal(undefined);
    const detail = `allowed: "" (unset) or an integer of at least 0, as a string ${ruleTag(ASG, "instance_refresh.0.preferences.0.instance_warmup")}`;
    expect(refused(ASG, warmup("-1"))).to.equal(
      `${ASG} "r": instanceRefresh.preferences.instanceWarmup: got "-1"; ${detail}`,
    );
    expect(refused(ASG, warmup("5m"))).to.equal(
      `${ASG} "r": instanceRefresh.preferences.instanceWarmup: got "5m"; ${detail}`,
    );
  });

  it("a provider helper modelled from its source (validScheduleTimestamp): scheduled action start time", () => {
    const SCHEDULE = "aws:autoscaling/schedule:Schedule";
    const at = (startTime: string) => ({
      autoscalingGroupName: "web",
      scheduledActionName: "night",
      startTime,
    });
    expect(refused(SCHEDULE, at("2026-12-01T22:00:00Z"))).to.equal(undefined);
    expect(refused(SCHEDULE, at("2026-12-01 22:00"))).to.equal(
      `${SCHEDULE} "r": startTime: got "2026-12-01 22:00"; allowed: matching ` +
        `/^([0-9]{4}|[+-][0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{1,2}:[0-9]{2}:[0-9]{2}([.,][0-9]+)?Z$/ ` +
        `(cannot be parsed as iso8601 Timestamp Format (Go layout "2006-01-02T15:04:05Z")) ${ruleTag(SCHEDULE, "start_time")}`,
    );
  });

  it("a provider helper read from the package (iam validResourceName(max int)), its argument bound", () => {
    const POLICY = "aws:iam/rolePolicy:RolePolicy";
    const PROFILE = "aws:iam/instanceProfile:InstanceProfile";
    const policy = { role: "web-instance-role", policy: "{}" };
    expect(refused(POLICY, { ...policy, name: "web-agent_1.x@y" })).to.equal(undefined);
    expect(refused(POLICY, { ...policy, name: "web agent" })).to.equal(
      `${POLICY} "r": name: got "web agent"; allowed: 1 to 128 characters and matching /^[\\w+=,.@-]*$/ ` +
        `(must match [\\w+=,.@-]) ${ruleTag(POLICY, "name")}`,
    );
    // instanceProfileNameMaxLen = 128, passed as validResourceName's max
    expect(refused(PROFILE, { name: "p".repeat(128) })).to.equal(undefined);
    expect(refused(PROFILE, { name: "p".repeat(129) })).to.match(
      /^aws:iam\/instanceProfile:InstanceProfile "r": name: got "p{76}\.\.\.; allowed: 1 to 128 characters and matching/,
    );
    // what the helper checks imperatively (the role must be a name, not an ARN) is listed, not guessed
    expect(table.types[POLICY]!.notCovered).to.deep.include({ tf: "role", what: "part of All(…): func" });
  });
  it("enumeration from the installed botocore model where the index's SDK enums are stale: a record's type", () => {
    // HTTPS, SVCB, TLSA and SSHFP postdate the aws-sdk-go-v2 route53 enums the offline index holds
    for (const type of ["A", "CNAME", "HTTPS", "TLSA"])
      expect(refused(RECORD, { ...okRecord, type, records: ["x"], ttl: 60 }), type).to.equal(undefined);
    expect(refused(RECORD, { ...okRecord, type: "CNAM", records: ["x"], ttl: 60 })).to.equal(
      `${RECORD} "r": type: got "CNAM"; allowed: one of "SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", ` +
        `"SRV", "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS" ${ruleTag(RECORD, "type")}`,
    );
    expect(table.types[RECORD]!.enumSrc!.map((i) => table.sources[i]!.repo)).to.deep.equal(["boto/botocore"]);
  });
});

describe("r-events", () => {
  const FN = "aws:lambda/function:Function";
  const QUEUE = "aws:sqs/queue:Queue";
  const ESM = "aws:lambda/eventSourceMapping:EventSourceMapping";
  const SCHEDULE = "aws:scheduler/schedule:Schedule";
  const SECRET = "aws:secretsmanager/secret:Secret";
  const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
  const role = "arn:aws:iam::123456789012:role/notifier";
  const okFn = { role, runtime: "nodejs22.x", handler: "index.handler", code: { path: "dist" } };
  const queueArn = `arn:aws:sqs:${REGION}:123456789012:alarms`;

  it("Lambda: runtime is one of the SDK's Runtime values; the package source is exactly one of code, imageUri, s3Bucket", () => {
    expect(refused(FN, okFn)).to.equal(undefined);
    const message = refused(FN, { ...okFn, runtime: "nodejs23.x" });
    expect(message).to.match(
      new RegExp(
        `^${FN} "r": runtime: got "nodejs23.x"; allowed: one of "nodejs", "nodejs4.3", .*"nodejs22.x", "nodejs24.x", `,
      ),
    );
    expect(message!.endsWith(ruleTag(FN, "runtime"))).to.equal(true);
    expect(refused(FN, { ...okFn, architectures: ["arm"] })).to.equal(
      `${FN} "r": architectures[0]: got "arm"; allowed: one of "x86_64", "arm64" ${ruleTag(FN, "architectures.*")}`,
    );
    // the bridge's `code` archive is the provider's `filename`, so the ExactlyOneOf names it
    expect(refused(FN, { ...okFn, s3Bucket: "artifacts", s3Key: "fn.zip" })).to.equal(
      `${FN} "r": (resource): got code and s3Bucket set; allowed: exactly one of code, imageUri, s3Bucket (ExactlyOneOf) ${ruleTag(FN, "filename")}`,
    );
    expect(refused(FN, { ...okFn, timeout: 901 })).to.equal(
      `${FN} "r": timeout: got 901; allowed: 1 to 900 ${ruleTag(FN, "timeout")}`,
    );
  });

  it("SQS: the visibility timeout is 0 to 43,200 s, and a queue is encrypted by a KMS key or SSE-SQS, not both", () => {
    expect(refused(QUEUE, { visibilityTimeoutSeconds: 43_200 })).to.equal(undefined);
    expect(refused(QUEUE, { visibilityTimeoutSeconds: 43_201 })).to.equal(
      `${QUEUE} "r": visibilityTimeoutSeconds: got 43201; allowed: 0 to 43200 ${ruleTag(QUEUE, "visibility_timeout_seconds")}`,
    );
    expect(refused(QUEUE, { kmsMasterKeyId: "alias/k", sqsManagedSseEnabled: true })).to.equal(
      `${QUEUE} "r": kmsMasterKeyId: got "alias/k" together with sqsManagedSseEnabled; allowed: only one of them (ConflictsWith) ${ruleTag(QUEUE, "kms_master_key_id")}`,
    );
    // StringIsJSON passes "" (terraform-plugin-sdk's NormalizeJsonString returns "" for it): never stricter
    expect(refused(QUEUE, { redrivePolicy: "" })).to.equal(undefined);
    // the topic's JSON documents are sdkv2 helper schemas (JSONDocumentSchemaOptional…), read and inlined
    expect(refused("aws:sns/topic:Topic", { deliveryPolicy: "{http:" })).to.match(
      /^aws:sns\/topic:Topic "r": deliveryPolicy: got "\{http:"; allowed: valid JSON \[provider rule: .* internal\/service\/sns\/topic\.go \(delivery_policy\)\]$/,
    );
    expect(refused(QUEUE, { redrivePolicy: "{deadLetterTargetArn:" })).to.match(
      /redrivePolicy: got "\{deadLetterTargetArn:"; allowed: valid JSON/,
    );
  });

  it("event source mapping: one source (ARN or self-managed), Any(-1, 60 to 604,800) record age, a scaling floor of 2", () => {
    const ok = { functionName: "notifier", eventSourceArn: queueArn };
    expect(refused(ESM, { ...ok, scalingConfig: { maximumConcurrency: 2 } })).to.equal(undefined);
    expect(refused(ESM, { ...ok, scalingConfig: { maximumConcurrency: 1 } })).to.equal(
      `${ESM} "r": scalingConfig.maximumConcurrency: got 1; allowed: at least 2 ${ruleTag(ESM, "scaling_config.0.maximum_concurrency")}`,
    );
    expect(refused(ESM, { functionName: "notifier" })).to.match(
      /\(resource\): got none set; allowed: exactly one of eventSourceArn, selfManagedEventSource \(ExactlyOneOf\)/,
    );
    expect(refused(ESM, { ...ok, maximumRecordAgeInSeconds: -1 })).to.equal(undefined);
    expect(refused(ESM, { ...ok, maximumRecordAgeInSeconds: 30 })).to.equal(
      `${ESM} "r": maximumRecordAgeInSeconds: got 30; allowed: one of -1 or 60 to 604800 ${ruleTag(ESM, "maximum_record_age_in_seconds")}`,
    );
  });

  it("schedule: the expression's time zone is 1 to 50 characters, the flexible window mode one of OFF, FLEXIBLE", () => {
    const ok = {
      scheduleExpression: "cron(0 9 ? * MON *)",
      scheduleExpressionTimezone: "Asia/Seoul",
      flexibleTimeWindow: { mode: "OFF" },
      target: { arn: `arn:aws:lambda:${REGION}:123456789012:function:ops-report`, roleArn: role },
    };
    expect(refused(SCHEDULE, ok)).to.equal(undefined);
    expect(refused(SCHEDULE, { ...ok, scheduleExpressionTimezone: "" })).to.equal(
      `${SCHEDULE} "r": scheduleExpressionTimezone: got ""; allowed: 1 to 50 characters ${ruleTag(SCHEDULE, "schedule_expression_timezone")}`,
    );
    expect(refused(SCHEDULE, { ...ok, flexibleTimeWindow: { mode: "off" } })).to.equal(
      `${SCHEDULE} "r": flexibleTimeWindow.mode: got "off"; allowed: one of "OFF", "FLEXIBLE" ${ruleTag(SCHEDULE, "flexible_time_window.0.mode")}`,
    );
    expect(refused(SCHEDULE, { ...ok, target: { arn: "ops-report", roleArn: role } })).to.match(
      /target\.arn: got "ops-report"; allowed: an ARN/,
    );
  });

  it("secret recovery window Any(7 to 30, 0); an EventBridge target's input is JSON and retries at most 185", () => {
    expect(refused(SECRET, { recoveryWindowInDays: 0 })).to.equal(undefined);
    expect(refused(SECRET, { recoveryWindowInDays: 3 })).to.equal(
      `${SECRET} "r": recoveryWindowInDays: got 3; allowed: 7 to 30 or one of 0 ${ruleTag(SECRET, "recovery_window_in_days")}`,
    );
    const target = { arn: queueArn, rule: "root-activity" };
    expect(refused(TARGET, { ...target, input: "not json" })).to.match(
      /^aws:cloudwatch\/eventTarget:EventTarget "r": input: got "not json"; allowed: valid JSON and 0 to 8192 characters/,
    );
    expect(refused(TARGET, { ...target, retryPolicy: { maximumRetryAttempts: 186 } })).to.equal(
      `${TARGET} "r": retryPolicy.maximumRetryAttempts: got 186; allowed: 0 to 185 ${ruleTag(TARGET, "retry_policy.0.maximum_retry_attempts")}`,
    );
  });
  it("EventBridge rule state from botocore's events model (the index's SDK enums predate the CloudTrail state)", () => {
    const RULE = "aws:cloudwatch/eventRule:EventRule";
    const ok = { eventPattern: '{"source":["aws.signin"]}' };
    expect(refused(RULE, { ...ok, state: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" })).to.equal(
      undefined,
    );
    expect(refused(RULE, { ...ok, state: "enabled" })).to.equal(
      `${RULE} "r": state: got "enabled"; allowed: one of "ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" ${ruleTag(RULE, "state")}`,
    );
    expect(refused(RULE, { description: "no pattern, no schedule" })).to.match(
      /\(resource\): got none set; allowed: at least one of scheduleExpression, eventPattern \(AtLeastOneOf\)/,
    );
    const enumSrc = table.types[RULE]!.enumSrc!.map((k) => table.sources[k]!);
    expect(enumSrc.map((x) => x.file)).to.deep.equal(["botocore/data/events/2015-10-07/service-2.json.gz"]);
  });
});

describe("r-events: AWS rules of Lambda event source mappings", () => {
  const ESM = "aws:lambda/eventSourceMapping:EventSourceMapping";
  const queueArn = `arn:aws:sqs:${REGION}:123456789012:alarms`;
  const batchingDoc =
    "[AWS rule: https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/lambda/aws.sdk.kotlin.services.lambda.model/-get-event-source-mapping-response/maximum-batching-window-in-seconds.html (MaximumBatchingWindowInSeconds, the CreateEventSourceMapping member)]";

  it("CreateEventSourceMapping: a batching window of 0 to 300 s, at least 1 s for SQS batches over 10", () => {
    const ok = { functionName: "notifier", eventSourceArn: queueArn };
    expect(refused(ESM, { ...ok, batchSize: 100, maximumBatchingWindowInSeconds: 300 })).to.equal(undefined);
    expect(refused(ESM, { ...ok, maximumBatchingWindowInSeconds: 301 })).to.equal(
      `${ESM} "r": maximumBatchingWindowInSeconds: got 301; allowed: 0 to 300 seconds ${batchingDoc}`,
    );
    expect(refused(ESM, { ...ok, batchSize: 100 })).to.equal(
      `${ESM} "r": maximumBatchingWindowInSeconds: got nothing (0) with batchSize 100 from sqs; allowed: at least 1 s when batchSize is over 10 for a stream or SQS source ${batchingDoc}`,
    );
    expect(refused(ESM, { ...ok, batchSize: 10 })).to.equal(undefined);
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(refused(ESM, { ...ok, batchSize: 100, maximumBatchingWindowInSeconds: unknown })).to.equal(
      undefined,
    );
  });

  it("an SQS mapping is refused when the function's timeout exceeds the queue's visibility timeout (defaults 3 s, 30 s)", async () => {
    const build = (visibilityTimeoutSeconds: number | undefined, timeout: number | undefined) => {
      setupMocks();
      const queue = new aws.sqs.Queue("q", { visibilityTimeoutSeconds });
      const fn = new aws.lambda.Function("fn", {
        role: "arn:aws:iam::123456789012:role/r",
        runtime: "nodejs22.x",
        handler: "index.handler",
        s3Bucket: "artifacts",
        s3Key: "fn.zip",
        timeout,
      });
      const mapping = new aws.lambda.EventSourceMapping("m", {
        eventSourceArn: queue.arn,
        functionName: fn.arn,
      });
      return outputOf(mapping.id).then(
        () => undefined,
        (e: unknown) => String(e),
      );
    };
    expect(await build(60, 60)).to.equal(undefined);
    expect(await build(undefined, undefined)).to.equal(undefined);
    const error = await build(59, 60);
    expect(error).to.match(
      new RegExp(
        `${ESM} "m": eventSourceArn: got queue "arn:aws:sqs:${REGION}:\\d{12}:q-\\w+" with a visibility timeout of 59 s ` +
          `for function "arn:aws:lambda:${REGION}:\\d{12}:function:fn-\\w+" with a timeout of 60 s; allowed: a queue whose ` +
          "visibility timeout is at least the function's timeout \\[AWS rule: https://docs\\.aws\\.amazon\\.com/lambda/latest/dg/services-sqs-configure\\.html",
      ),
    );
    expect(await build(undefined, 31)).to.match(
      /with a visibility timeout of 30 s for function .* with a timeout of 31 s/,
    );
  });
});

describe("r-follow", () => {
  const FLOW = "aws:ec2/flowLog:FlowLog";
  const SUBNET = "aws:ec2/subnet:Subnet";
  const flow = {
    vpcId: "vpc-1",
    logDestinationType: "s3",
    logDestination: "arn:aws:s3:::logs",
    trafficType: "ALL",
  };

  it("flow-log and subnet enums come from the EC2 model (TrafficType, LogDestinationType, DestinationFileFormat, HostnameType)", () => {
    expect(refused(FLOW, { ...flow, destinationOptions: { fileFormat: "parquet" } })).to.equal(undefined);
    expect(refused(FLOW, { ...flow, trafficType: "all" })).to.equal(
      `${FLOW} "r": trafficType: got "all"; allowed: one of "ACCEPT", "REJECT", "ALL" ${ruleTag(FLOW, "traffic_type")}`,
    );
    expect(refused(FLOW, { ...flow, logDestinationType: "cloudwatch" })).to.equal(
      `${FLOW} "r": logDestinationType: got "cloudwatch"; allowed: one of "cloud-watch-logs", "s3", ` +
        `"kinesis-data-firehose" ${ruleTag(FLOW, "log_destination_type")}`,
    );
    expect(refused(FLOW, { ...flow, destinationOptions: { fileFormat: "json" } })).to.match(
      /^aws:ec2\/flowLog:FlowLog "r": destinationOptions\.fileFormat: got "json"; allowed: one of "plain-text", "parquet" /,
    );
    const subnet = { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" };
    expect(refused(SUBNET, { ...subnet, privateDnsHostnameTypeOnLaunch: "resource-name" })).to.equal(
      undefined,
    );
    expect(refused(SUBNET, { ...subnet, privateDnsHostnameTypeOnLaunch: "dns-name" })).to.equal(
      `${SUBNET} "r": privateDnsHostnameTypeOnLaunch: got "dns-name"; allowed: one of "ip-name", "resource-name" ` +
        ruleTag(SUBNET, "private_dns_hostname_type_on_launch"),
    );
    expect(table.sources[table.types[FLOW]!.enumSrc![0]!]!.repo).to.equal("boto/botocore");
  });

  it("the ingress rule is read from the shared rule schema the egress rule uses (security_group_id Required)", () => {
    const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    const rule = {
      securityGroupId: "sg-1",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "10.0.0.0/16",
    };
    expect(table.sources[table.types[INGRESS]!.src]).to.deep.equal(table.sources[table.types[EGRESS]!.src]);
    expect(refused(INGRESS, rule)).to.equal(undefined);
    expect(refused(INGRESS, { ...rule, securityGroupId: undefined })).to.equal(
      `${INGRESS} "r": securityGroupId: got nothing; allowed: a value (the provider requires it) ` +
        ruleTag(INGRESS, "security_group_id"),
    );
    expect(refused(INGRESS, { ...rule, toPort: 65536 })).to.match(
      /toPort: got 65536; allowed: -1 to 65535 \[provider rule: hashicorp\/terraform-provider-aws@d2b7f56a7c45 /,
    );
  });
  it("StartInstanceRefresh: maxHealthyPercentage at most 100 above minHealthyPercentage (provider defaults 100 and 90)", () => {
    const ASG = "aws:autoscaling/group:Group";
    const doc =
      "[AWS rule: https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html (MaxHealthyPercentage)]";
    const asg = (preferences: Record<string, unknown>) => ({
      maxSize: 4,
      minSize: 2,
      launchTemplate: { id: "lt-1", version: "$Latest" },
      vpcZoneIdentifiers: ["subnet-1"],
      instanceRefresh: { strategy: "Rolling", preferences },
    });
    expect(refused(ASG, asg({ minHealthyPercentage: 100, maxHealthyPercentage: 200 }))).to.equal(undefined);
    expect(refused(ASG, asg({ minHealthyPercentage: 90, maxHealthyPercentage: 190 }))).to.equal(undefined);
    expect(refused(ASG, asg({ minHealthyPercentage: 90, maxHealthyPercentage: 200 }))).to.equal(
      `${ASG} "r": instanceRefresh.preferences.maxHealthyPercentage: got 200 with minHealthyPercentage 90; ` +
        `allowed: at most 100 above minHealthyPercentage (≤ 190) ${doc}`,
    );
    // an unset minimum is the provider's default 90
    expect(refused(ASG, asg({ maxHealthyPercentage: 195 }))).to.match(
      /got 195 with minHealthyPercentage 90;/,
    );
  });
});

describe("r-extra", () => {
  // types beyond the two plans: MonitoredDatabase's Aurora path, WebFleet's existing-listener rules, the pipeline's
  // Lambda permissions
  const CLUSTER = "aws:rds/cluster:Cluster";
  const MEMBER = "aws:rds/clusterInstance:ClusterInstance";
  const CLUSTER_PARAMS = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
  const RULE = "aws:lb/listenerRule:ListenerRule";
  const PERMISSION = "aws:lambda/permission:Permission";
  const okCluster = { engine: "aurora-mysql" };
  const okRule = {
    listenerArn: `arn:aws:elasticloadbalancing:${REGION}:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
    actions: [
      {
        type: "forward",
        targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:123456789012:targetgroup/web/73e2d6bc24d8a067`,
      },
    ],
    conditions: [{ pathPattern: { values: ["/api/*"] } }],
  };
  const okPermission = {
    action: "lambda:InvokeFunction",
    function: `arn:aws:lambda:${REGION}:123456789012:function:report`,
    principal: "events.amazonaws.com",
  };

  it('enumeration with Go append(…, ""): an Aurora cluster\'s engine mode', () => {
    for (const engineMode of ["provisioned", "serverless", ""])
      expect(refused(CLUSTER, { ...okCluster, engineMode })).to.equal(undefined);
    expect(refused(CLUSTER, { ...okCluster, engineMode: "serverlessv2" })).to.equal(
      `${CLUSTER} "r": engineMode: got "serverlessv2"; allowed: one of "global", "multimaster", "parallelquery", ` +
        `"provisioned", "serverless", "" ${ruleTag(CLUSTER, "engine_mode")}`,
    );
  });

  it("Any(pattern built with fmt.Sprintf, enumeration): a cluster's engine", () => {
    expect(refused(CLUSTER, { engine: "custom-oracle-ee" })).to.equal(undefined);
    expect(refused(CLUSTER, { engine: "aurora" })).to.equal(
      `${CLUSTER} "r": engine: got "aurora"; allowed: matching /^custom-.*$/ (must begin with custom-) or one of ` +
        `"aurora-mysql", "aurora-postgresql", "mysql", "postgres" ${ruleTag(CLUSTER, "engine")}`,
    );
    expect(
      refused(MEMBER, { clusterIdentifier: "c", engine: "aurora", instanceClass: "db.r6g.large" }),
    ).to.match(/^aws:rds\/clusterInstance:ClusterInstance "r": engine: got "aurora"; allowed: matching/);
  });

  it("ranges: cluster backup retention at most 35 days, Serverless v2 capacity 1–256 ACUs", () => {
    expect(refused(CLUSTER, { ...okCluster, backupRetentionPeriod: 35 })).to.equal(undefined);
    expect(refused(CLUSTER, { ...okCluster, backupRetentionPeriod: 36 })).to.equal(
      `${CLUSTER} "r": backupRetentionPeriod: got 36; allowed: at most 35 ${ruleTag(CLUSTER, "backup_retention_period")}`,
    );
    expect(
      refused(CLUSTER, {
        ...okCluster,
        serverlessv2ScalingConfiguration: { maxCapacity: 0.5, minCapacity: 0 },
      }),
    ).to.equal(
      `${CLUSTER} "r": serverlessv2ScalingConfiguration.maxCapacity: got 0.5; allowed: 1 to 256 ` +
        ruleTag(CLUSTER, "serverlessv2_scaling_configuration.0.max_capacity"),
    );
  });

  it("Any(IntInSlice, All(…)): a cluster member's Performance Insights retention (7, 731 or a multiple of 31)", () => {
    const member = (days: number) => ({
      clusterIdentifier: "c",
      engine: "aurora-mysql",
      instanceClass: "db.r6g.large",
      performanceInsightsRetentionPeriod: days,
    });
    for (const days of [7, 62, 731]) expect(refused(MEMBER, member(days))).to.equal(undefined);
    expect(refused(MEMBER, member(8))).to.equal(
      `${MEMBER} "r": performanceInsightsRetentionPeriod: got 8; allowed: one of 7, 731 or at least 7 and at most ` +
        `731 and a multiple of 31 ${ruleTag(MEMBER, "performance_insights_retention_period")}`,
    );
  });

  it("botocore enum, any case: a cluster parameter's apply method", () => {
    const group = (applyMethod: string) => ({
      family: "aurora-mysql8.0",
      parameters: [{ name: "require_secure_transport", value: "ON", applyMethod }],
    });
    expect(refused(CLUSTER_PARAMS, group("PENDING-REBOOT"))).to.equal(undefined);
    expect(refused(CLUSTER_PARAMS, group("later"))).to.equal(
      `${CLUSTER_PARAMS} "r": parameters[0].applyMethod: got "later"; allowed: one of "immediate", "pending-reboot" ` +
        `(any case) ${ruleTag(CLUSTER_PARAMS, "parameter.*.apply_method")}`,
    );
  });

  it("validListenerRulePriority modelled from its source: 1–50000, or 99999 for the default rule", () => {
    for (const priority of [1, 50000, 99999])
      expect(refused(RULE, { ...okRule, priority })).to.equal(undefined);
    for (const priority of [0, 50001])
      expect(refused(RULE, { ...okRule, priority })).to.equal(
        `${RULE} "r": priority: got ${priority}; allowed: 1 to 50000 or one of 99999 ${ruleTag(RULE, "priority")}`,
      );
  });

  it("package helpers with a local pattern and leading comments: a permission's action and statement id", () => {
    expect(refused(PERMISSION, okPermission)).to.equal(undefined);
    expect(refused(PERMISSION, { ...okPermission, action: "lambda:*" })).to.equal(undefined);
    expect(refused(PERMISSION, { ...okPermission, action: "InvokeFunction" })).to.equal(
      `${PERMISSION} "r": action: got "InvokeFunction"; allowed: matching /^(lambda:[*]|lambda:[A-Za-z]+|[*])$/ ` +
        `(must be a valid action (usually starts with lambda:)) ${ruleTag(PERMISSION, "action")}`,
    );
    expect(refused(PERMISSION, { ...okPermission, statementId: "allow events" })).to.equal(
      `${PERMISSION} "r": statementId: got "allow events"; allowed: matching /^[0-9A-Za-z_-]+$/ (must contain ` +
        `alphanumeric, underscores or dashes only) and 1 to 100 characters ${ruleTag(PERMISSION, "statement_id")}`,
    );
    expect(refused(PERMISSION, { ...okPermission, functionUrlAuthType: "none" })).to.equal(
      `${PERMISSION} "r": functionUrlAuthType: got "none"; allowed: one of "NONE", "AWS_IAM" ` +
        ruleTag(PERMISSION, "function_url_auth_type"),
    );
  });
  it("auto-names: the name the provider generates is checked (bridge length limit, then the generated rules)", async () => {
    setupMocks();
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    const errorOf = async (o: pulumi.Output<unknown>) => {
      let error: unknown;
      await outputOf(o).catch((e: unknown) => (error = e));
      return String(error);
    };
    // 57 characters + "-" + 7 random > 64 (pulumi-aws: tfbridge.AutoName("name", 64, "-") for aws_iam_role)
    const long = "r".repeat(57);
    expect(await errorOf(new aws.iam.Role(long, { assumeRolePolicy: policy }).arn)).to.contain(
      `could not make instance of 'aws:iam/role:Role': name '${long}-' plus 7 random chars is longer than maximum length 64`,
    );
    // 56 characters fit, and an explicit name is not auto-named
    expect(await errorOf(new aws.iam.Role("r".repeat(56), { assumeRolePolicy: policy }).arn)).to.equal(
      "undefined",
    );
    expect(
      await errorOf(new aws.iam.Role("x".repeat(80), { assumeRolePolicy: policy, name: "short" }).arn),
    ).to.equal("undefined");
    // target groups: 32 (pulumi-aws: AutoName("name", 32, "-")); 24 + "-" + 7 fits, 25 does not
    const tg = (name: string) =>
      new aws.lb.TargetGroup(name, { port: 80, protocol: "HTTP", vpcId: "vpc-1" }).arn;
    expect(await errorOf(tg("t".repeat(24)))).to.equal("undefined");
    expect(await errorOf(tg("t".repeat(25)))).to.contain(
      "plus 7 random chars is longer than maximum length 32",
    );
    // the auto-name itself goes through the role's name pattern ([\w+=,.@-])
    expect(await errorOf(new aws.iam.Role("web role", { assumeRolePolicy: policy }).arn)).to.match(
      /aws:iam\/role:Role "web role": name: got "web role-[0-9a-f]{7}"; allowed: matching /,
    );
  });
});

describe("provider rules: what a refusal echoes", () => {
  it("cuts a long value at 80 characters and masks a credential-looking one under any key", () => {
    const message = refused(ALARM, { ...okAlarm, alarmDescription: "y".repeat(5000) });
    expect(message).to.match(/alarmDescription: got "y{76}\.\.\.; allowed: 0 to 1024 characters/);
    expect(message!.length).to.be.below(400);
    const webhook = `https://hooks.slack.com/services/T0000/B0000/${"z".repeat(1024)}`;
    const leaked = refused(ALARM, { ...okAlarm, alarmDescription: webhook });
    expect(leaked).to.match(/alarmDescription: got \[secret\]; allowed: 0 to 1024 characters/);
    expect(leaked).not.to.include("hooks.slack.com");
  });
});
