import { expect } from "chai";
import type { NetworkRef } from "@cloudblocks/component-kit";
import { outputOf } from "@cloudblocks/testkit";
import { policies, runPolicies } from "@cloudblocks/policies";
import { buildVpc, seedAzs, seedPlan, subnetById } from "./fixtures";

describe("HaVpc with the seed plan and a NAT gateway per AZ (prod)", () => {
  it("asks awsx for 172.31.0.0/16 over 2a and 2c, the exact seed subnets and OnePerAz", async () => {
    const { env } = await buildVpc(seedPlan);
    const awsxVpc = env.recorder.one("awsx:ec2:Vpc");
    expect(awsxVpc.inputs["cidrBlock"]).to.equal("172.31.0.0/16");
    expect(awsxVpc.inputs["availabilityZoneNames"]).to.deep.equal(seedAzs);
    expect(awsxVpc.inputs["natGateways"]).to.deep.equal({ strategy: "OnePerAz" });
    expect(awsxVpc.inputs["subnetSpecs"]).to.deep.equal([
      {
        type: "Public",
        name: "public",
        cidrBlocks: ["172.31.10.0/24", "172.31.20.0/24"],
        tags: { Tier: "public" },
      },
      {
        type: "Private",
        name: "app",
        cidrBlocks: ["172.31.11.0/24", "172.31.21.0/24"],
        tags: { Tier: "app" },
      },
      {
        type: "Isolated",
        name: "data",
        cidrBlocks: ["172.31.12.0/24", "172.31.22.0/24"],
        tags: { Tier: "data" },
      },
    ]);
  });

  it("outputs per-AZ subnet ids aligned with the AZs, in the right tiers and CIDRs", async () => {
    const { env, vpc } = await buildVpc(seedPlan);
    const network: NetworkRef = vpc; // HaVpc satisfies NetworkRef by shape
    const cidrs = async (ids: readonly unknown[]) =>
      Promise.all(
        ids.map(async (id) => subnetById(env, (await outputOf(id as string)) as string).inputs["cidrBlock"]),
      );
    expect(await cidrs(network.publicSubnetIds)).to.deep.equal(["172.31.10.0/24", "172.31.20.0/24"]);
    expect(await cidrs(network.appSubnetIds)).to.deep.equal(["172.31.11.0/24", "172.31.21.0/24"]);
    expect(await cidrs(network.dataSubnetIds)).to.deep.equal(["172.31.12.0/24", "172.31.22.0/24"]);
    const azs = await Promise.all(
      vpc.appSubnetIds.map(async (id) => subnetById(env, await outputOf(id)).inputs["availabilityZone"]),
    );
    expect(azs).to.deep.equal(seedAzs);
    expect(Object.keys(vpc.subnetsByAz("data"))).to.deep.equal(["a", "c"]);
  });

  it("turns off public-IP auto-assignment on every subnet (EC2.15)", async () => {
    const { env } = await buildVpc(seedPlan);
    const flags = env.recorder.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs["mapPublicIpOnLaunch"]);
    expect(flags).to.deep.equal([false, false, false, false, false, false]);
  });

  it("locks the default security group: no ingress, no egress (EC2.2)", async () => {
    const { env, vpc } = await buildVpc(seedPlan);
    const group = env.recorder.one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    expect(group.inputs["ingress"]).to.deep.equal([]);
    expect(group.inputs["egress"]).to.deep.equal([]);
    expect(group.inputs["vpcId"]).to.equal(await outputOf(vpc.vpcId));
  });

  it("logs ALL traffic to CloudWatch Logs kept 365 days, through a role only this account's flow logs can assume", async () => {
    const { env, vpc } = await buildVpc(seedPlan);
    const flowLog = env.recorder.one("aws:ec2/flowLog:FlowLog");
    const logGroup = env.recorder.one("aws:cloudwatch/logGroup:LogGroup");
    expect(flowLog.inputs).to.include({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.outputs["arn"],
      vpcId: await outputOf(vpc.vpcId),
    });
    expect(logGroup.inputs["retentionInDays"]).to.equal(365);
    expect(await outputOf(vpc.flowLogGroupName)).to.equal(logGroup.outputs["name"]);
    const trust = JSON.parse(env.recorder.one("aws:iam/role:Role").inputs["assumeRolePolicy"] as string);
    expect(trust.Statement[0].Principal).to.deep.equal({ Service: "vpc-flow-logs.amazonaws.com" });
    expect(trust.Statement[0].Condition.StringEquals).to.deep.equal({ "aws:SourceAccount": "123456789012" });
    const write = JSON.parse(env.recorder.one("aws:iam/rolePolicy:RolePolicy").inputs["policy"] as string);
    expect(write.Statement[0].Resource).to.deep.equal([
      logGroup.outputs["arn"],
      `${logGroup.outputs["arn"]}:*`,
    ]);
  });

  it("puts a NAT gateway in each AZ and routes each app subnet through its own AZ's", async () => {
    // awsx builds the NAT gateways and routes out of process; what HaVpc decides is the `OnePerAz` strategy
    // (asserted above). These routes are the testkit's model of what awsx 3.x does with it, so this test checks
    // that HaVpc's per-AZ outputs line up with that layout (the route tables it looks up are the app subnets').
    const { env, vpc } = await buildVpc(seedPlan);
    expect(env.recorder.one("awsx:ec2:Vpc").inputs["natGateways"]).to.deep.equal({ strategy: "OnePerAz" });
    const nats = env.recorder.ofType("aws:ec2/natGateway:NatGateway");
    expect(
      nats.map((n) => subnetById(env, n.inputs["subnetId"] as string).inputs["availabilityZone"]),
    ).to.deep.equal(seedAzs);
    for (const [i, table] of vpc.appRouteTableIds.entries()) {
      const tableId = await outputOf(table);
      const route = env.recorder
        .ofType("aws:ec2/route:Route")
        .find((r) => r.inputs["routeTableId"] === tableId && r.inputs["natGatewayId"]);
      expect(route, `app route table of ${seedAzs[i]}`).to.not.equal(undefined);
      expect(route!.inputs["natGatewayId"]).to.equal(nats[i]!.id);
    }
    expect(await outputOf(vpc.natMode)).to.equal("perAz");
  });

  it("gives S3 a gateway endpoint on the app and data route tables, and nothing else routes data subnets out", async () => {
    const { env, vpc } = await buildVpc(seedPlan);
    const endpoint = env.recorder.one("aws:ec2/vpcEndpoint:VpcEndpoint");
    expect(endpoint.inputs["serviceName"]).to.equal("com.amazonaws.ap-northeast-2.s3");
    expect(endpoint.inputs["vpcEndpointType"]).to.equal("Gateway");
    const tables = await Promise.all(
      [...vpc.appRouteTableIds, ...vpc.dataRouteTableIds].map((id) => outputOf(id)),
    );
    expect(endpoint.inputs["routeTableIds"]).to.deep.equal(tables);
    const dataTables = await Promise.all(vpc.dataRouteTableIds.map((id) => outputOf(id)));
    expect(
      env.recorder
        .ofType("aws:ec2/route:Route")
        .filter((r) => dataTables.includes(r.inputs["routeTableId"] as string)),
    ).to.deep.equal([]);
  });

  it("hands its AWS provider to the out-of-process awsx component explicitly", async () => {
    const { env } = await buildVpc(seedPlan);
    const provider = env.recorder.one("pulumi:providers:aws");
    expect(env.recorder.one("awsx:ec2:Vpc").options.provider).to.equal(provider.urn);
    expect(env.recorder.one("aws:ec2/vpc:Vpc").options.provider).to.equal(provider.urn);
  });

  it("passes every policy, including NET-4, EC2.2, EC2.6, EC2.15 and the standard tags", async () => {
    const { env } = await buildVpc(seedPlan);
    const report = await runPolicies(env.recorder.resources, { policies });
    expect(report.violations).to.deep.equal([]);
  });

  it("names every per-AZ child by AZ suffix, never by list position", async () => {
    const { env } = await buildVpc({ ...seedPlan, natMode: "instance" });
    const routeNames = env.recorder
      .ofType("aws:ec2/route:Route")
      .filter((r) => !r.virtual)
      .map((r) => r.name);
    expect(routeNames).to.deep.equal(["net-app-nat-a", "net-app-nat-c"]);
  });
});

describe("HaVpc cheaper NAT modes", () => {
  it("single: one NAT gateway for both AZs, which NET-4 reports as a cross-AZ dependency", async () => {
    const { env } = await buildVpc({ ...seedPlan, natMode: "single" });
    expect(env.recorder.one("awsx:ec2:Vpc").inputs["natGateways"]).to.deep.equal({ strategy: "Single" });
    expect(env.recorder.ofType("aws:ec2/natGateway:NatGateway")).to.have.length(1);
    const report = await runPolicies(env.recorder.resources, { policies });
    expect(report.violations.map((v) => v.message)).to.deep.equal([
      'app subnet "net-vpc-app-2" (ap-northeast-2c) sends its internet traffic through ap-northeast-2a; losing that AZ cuts its egress.',
      'losing ap-northeast-2a stops the egress tier: app subnet "net-vpc-app-2" (ap-northeast-2c) leaves through a NAT in ap-northeast-2a.',
    ]);
  });

  it("instance: a NAT instance in the first public subnet, source/dest check off, IMDSv2, routed from every app table", async () => {
    const { env, vpc } = await buildVpc({
      ...seedPlan,
      natMode: "instance",
      natInstance: { instanceType: "t4g.nano" },
    });
    expect(env.recorder.one("awsx:ec2:Vpc").inputs["natGateways"]).to.deep.equal({ strategy: "None" });
    expect(env.recorder.ofType("aws:ec2/natGateway:NatGateway")).to.have.length(0);
    const nat = env.recorder.one("aws:ec2/instance:Instance");
    expect(nat.inputs).to.include({
      instanceType: "t4g.nano",
      sourceDestCheck: false,
      associatePublicIpAddress: true,
      subnetId: await outputOf(vpc.publicSubnetIds[0]!),
    });
    expect(nat.inputs["metadataOptions"]).to.deep.include({
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
    });
    expect(nat.inputs["rootBlockDevice"]).to.deep.include({ encrypted: true, volumeType: "gp3" });
    expect(nat.inputs["ami"]).to.match(/^ami-0[0-9a-f]{16}$/);
    expect(nat.options.ignoreChanges).to.deep.equal(["ami"]);
    expect(nat.inputs["userData"]).to.contain("net.ipv4.ip_forward = 1").and.contain("MASQUERADE");
    const natInvoke = env.recorder.invokes.find((i) => i.token === "aws:ssm/getParameter:getParameter");
    expect(natInvoke!.inputs["name"]).to.equal(
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    );
    const ingress = env.recorder.one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(ingress.inputs).to.include({ cidrIpv4: "172.31.0.0/16", ipProtocol: "-1" });
    const routes = env.recorder.ofType("aws:ec2/route:Route").filter((r) => r.inputs["networkInterfaceId"]);
    const tables = await Promise.all(vpc.appRouteTableIds.map((id) => outputOf(id)));
    expect(routes.map((r) => r.inputs["routeTableId"])).to.deep.equal(tables);
    expect(
      routes.every(
        (r) =>
          r.inputs["networkInterfaceId"] === nat.outputs["primaryNetworkInterfaceId"] &&
          r.inputs["destinationCidrBlock"] === "0.0.0.0/0",
      ),
    ).to.equal(true);
    expect(await outputOf(vpc.natInstanceId!)).to.equal(nat.id);
    const report = await runPolicies(env.recorder.resources, { policies });
    expect(report.violations.map((v) => `${v.policy}: ${v.message}`)).to.deep.equal([
      'nat-per-az: app subnet "net-vpc-app-2" (ap-northeast-2c) sends its internet traffic through ap-northeast-2a; losing that AZ cuts its egress.',
      'az-loss-survivable: losing ap-northeast-2a stops the egress tier: app subnet "net-vpc-app-2" (ap-northeast-2c) leaves through a NAT in ap-northeast-2a.',
    ]);
  });

  it("instancePerAz: a NAT instance in every AZ, each app table routed to its own AZ's; NET-4 holds", async () => {
    const TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:alarms";
    const { env, vpc } = await buildVpc({ ...seedPlan, natMode: "instancePerAz", alarmTopicArn: TOPIC });
    const nats = env.recorder.ofType("aws:ec2/instance:Instance");
    expect(nats.map((n) => [n.name, n.inputs["availabilityZone"]])).to.deep.equal([
      ["net-nat-a", "ap-northeast-2a"],
      ["net-nat-c", "ap-northeast-2c"],
    ]);
    const publicIds = await Promise.all(vpc.publicSubnetIds.map((id) => outputOf(id)));
    expect(nats.map((n) => n.inputs["subnetId"])).to.deep.equal(publicIds);
    const tables = await Promise.all(vpc.appRouteTableIds.map((id) => outputOf(id)));
    const routes = env.recorder.ofType("aws:ec2/route:Route").filter((r) => r.inputs["networkInterfaceId"]);
    expect(
      routes.map((r) => [r.name, r.inputs["routeTableId"], r.inputs["networkInterfaceId"]]),
    ).to.deep.equal([
      ["net-app-nat-a", tables[0], nats[0]!.outputs["primaryNetworkInterfaceId"]],
      ["net-app-nat-c", tables[1], nats[1]!.outputs["primaryNetworkInterfaceId"]],
    ]);
    expect(await Promise.all(vpc.natInstanceIds!.map((id) => outputOf(id)))).to.deep.equal(
      nats.map((n) => n.id),
    );
    // One recovery and one impaired alarm per instance.
    const alarms = env.recorder.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((a) => a.name).sort()).to.deep.equal([
      "net-nat-a-impaired",
      "net-nat-a-recover",
      "net-nat-c-impaired",
      "net-nat-c-recover",
    ]);
    const report = await runPolicies(env.recorder.resources, { policies });
    expect(report.violations.map((v) => `${v.policy}: ${v.message}`)).to.deep.equal([]);
  });

  it("a NAT instance is recovered by EC2 on a system status-check failure and alarms when impaired or silent", async () => {
    const TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:alarms";
    const { env } = await buildVpc({ ...seedPlan, natMode: "instance", alarmTopicArn: TOPIC });
    const nat = env.recorder.one("aws:ec2/instance:Instance");
    expect(nat.inputs["maintenanceOptions"]).to.deep.equal({ autoRecovery: "default" });
    const alarm = (n: string) => env.recorder.one("aws:cloudwatch/metricAlarm:MetricAlarm", n).inputs;
    expect(alarm("net-nat-recover")).to.deep.include({
      namespace: "AWS/EC2",
      metricName: "StatusCheckFailed_System",
      dimensions: { InstanceId: nat.id },
      statistic: "Maximum",
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      evaluationPeriods: 2,
      treatMissingData: "missing",
    });
    expect(alarm("net-nat-recover")["alarmActions"]).to.deep.equal([
      "arn:aws:automate:ap-northeast-2:ec2:recover",
      TOPIC,
    ]);
    expect(alarm("net-nat-impaired")).to.deep.include({
      metricName: "StatusCheckFailed",
      evaluationPeriods: 3,
      treatMissingData: "breaching",
      alarmActions: [TOPIC],
      okActions: [TOPIC],
    });
    // Without a topic EC2 still recovers it; there is nobody to tell about impairment.
    const quiet = await buildVpc({ ...seedPlan, natMode: "instance" });
    const names = quiet.env.recorder.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name);
    expect(names).to.deep.equal(["net-nat-recover"]);
  });

  it("none: no NAT at all and no default route outside the public subnets", async () => {
    const { env } = await buildVpc({ ...seedPlan, natMode: "none" });
    expect(env.recorder.ofType("aws:ec2/natGateway:NatGateway")).to.have.length(0);
    expect(env.recorder.ofType("aws:ec2/instance:Instance")).to.have.length(0);
    const routes = env.recorder.ofType("aws:ec2/route:Route");
    expect(routes.map((r) => r.name)).to.deep.equal(["net-vpc-public-1", "net-vpc-public-2"]);
  });
});

describe("HaVpc options", () => {
  it("plans subnets automatically from masks when no exact CIDRs are given", async () => {
    const { env } = await buildVpc({ availabilityZones: seedAzs, cidrBlock: "10.20.0.0/16" });
    const specs = env.recorder.one("awsx:ec2:Vpc").inputs["subnetSpecs"] as { cidrMask: number }[];
    expect(specs.map((s) => s.cidrMask)).to.deep.equal([24, 22, 24]);
    expect(env.recorder.ofType("aws:ec2/subnet:Subnet")).to.have.length(6);
  });

  it("also delivers flow logs to S3 as hourly Hive-partitioned Parquet for Athena", async () => {
    const { env } = await buildVpc({
      ...seedPlan,
      flowLogs: { retentionInDays: 14, s3BucketArn: "arn:aws:s3:::bv-flow-logs" },
    });
    const s3 = env.recorder.one("aws:ec2/flowLog:FlowLog", "net-flow-log-s3");
    expect(s3.inputs).to.include({
      trafficType: "ALL",
      logDestinationType: "s3",
      logDestination: "arn:aws:s3:::bv-flow-logs",
    });
    expect(s3.inputs["destinationOptions"]).to.deep.equal({
      fileFormat: "parquet",
      hiveCompatiblePartitions: true,
      perHourPartition: true,
    });
    expect(env.recorder.one("aws:cloudwatch/logGroup:LogGroup").inputs["retentionInDays"]).to.equal(14);
  });

  it("bastion: SSH only from the allowed networks, IMDSv2, and its security group as an output", async () => {
    const { env, vpc } = await buildVpc({
      ...seedPlan,
      bastion: { allowedCidrs: ["203.0.113.0/24", "198.51.100.7/32"] },
    });
    const rules = env.recorder.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    expect(
      rules.map((r) => [r.name, r.inputs["cidrIpv4"], r.inputs["fromPort"], r.inputs["toPort"]]),
    ).to.deep.equal([
      ["net-bastion-ssh-203-0-113-0-24", "203.0.113.0/24", 22, 22],
      ["net-bastion-ssh-198-51-100-7-32", "198.51.100.7/32", 22, 22],
    ]);
    const host = env.recorder.one("aws:ec2/instance:Instance", "net-bastion");
    expect(host.inputs["metadataOptions"]).to.deep.include({ httpTokens: "required" });
    expect(host.inputs["userData"]).to.contain("dnf install -y mariadb105");
    const group = env.recorder.one("aws:ec2/securityGroup:SecurityGroup", "net-bastion-sg");
    expect(await outputOf(vpc.bastionSecurityGroupId!)).to.equal(group.id);
  });

  it("bastion perAz: one bastion in every AZ's public subnet, one shared security group", async () => {
    const { env, vpc } = await buildVpc({
      ...seedPlan,
      bastion: { allowedCidrs: ["203.0.113.0/24"], perAz: true },
    });
    const hosts = env.recorder.ofType("aws:ec2/instance:Instance");
    const publicIds = await Promise.all(vpc.publicSubnetIds.map((id) => outputOf(id)));
    expect(hosts.map((h) => [h.name, h.inputs["subnetId"]])).to.deep.equal([
      ["net-bastion-a", publicIds[0]],
      ["net-bastion-c", publicIds[1]],
    ]);
    const group = env.recorder.one("aws:ec2/securityGroup:SecurityGroup", "net-bastion-sg");
    expect(
      hosts.every((h) => JSON.stringify(h.inputs["vpcSecurityGroupIds"]) === JSON.stringify([group.id])),
    ).to.equal(true);
    expect(await outputOf(vpc.bastionSecurityGroupId!)).to.equal(group.id);
  });

  it("without a bastion, opens no SSH anywhere (Session Manager is the access path)", async () => {
    const { env, vpc } = await buildVpc(seedPlan);
    expect(
      env.recorder
        .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
        .filter((r) => r.inputs["fromPort"] === 22),
    ).to.deep.equal([]);
    expect(vpc.bastionSecurityGroupId).to.equal(undefined);
  });
});
