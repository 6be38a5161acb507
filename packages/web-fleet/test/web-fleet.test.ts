import { expect } from "chai";
import { outputOf } from "@cloudblocks/testkit";
import { policies, runPolicies } from "@cloudblocks/policies";
import { DEV_POLICY_EXCEPTIONS, webFleetArgsFor } from "./presets";
import { AL2023_PARAMETER, APP_GID, APP_UID, EFS_MOUNT_OPTIONS, WEB_FLEET_TYPE } from "../src";
import {
  agentConfigOf,
  bashSyntaxErrors,
  build,
  network,
  prodArgs,
  T,
  TOPIC,
  userDataOf,
  type Built,
} from "./fixtures";

// One prod-like fleet is built (fresh mocks) before the read-only assertions below; variants build their own.
describe("WebFleet (prod defaults)", () => {
  let b: Built;
  before(async () => {
    b = await build(prodArgs);
  });

  it("is one component of type cloudblocks:index:WebFleet that parents every child", () => {
    const component = b.one(WEB_FLEET_TYPE, "web");
    const children = b.env.recorder.childrenOf(component);
    expect(children.length).to.be.greaterThan(30);
    expect(b.env.recorder.descendantsOf(component)).to.have.length(b.env.recorder.resources.length - 2); // all but provider and component
    expect(b.env.recorder.unmodelledTypes).to.deep.equal([]);
  });

  describe("launch template (WEB-1)", () => {
    it("requires IMDSv2 with hop limit 1, has detailed monitoring and no public IP", () => {
      const lt = b.one(T.lt).inputs;
      expect(lt["metadataOptions"]).to.deep.equal({
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      });
      expect(lt["monitoring"]).to.deep.equal({ enabled: true });
      const [nic] = lt["networkInterfaces"] as Record<string, unknown>[];
      expect(nic).to.include({ deviceIndex: 0, associatePublicIpAddress: "false" });
      expect(nic!["securityGroups"]).to.deep.equal([b.one(T.sg, "web-app-sg").id]);
      expect(lt["instanceType"]).to.equal("t3.micro");
      expect(lt["updateDefaultVersion"]).to.equal(true);
    });

    it("has an encrypted gp3 root volume on the image's root device", () => {
      expect(b.one(T.lt).inputs["blockDeviceMappings"]).to.deep.equal([
        {
          deviceName: "/dev/xvda",
          ebs: { volumeType: "gp3", volumeSize: 8, encrypted: "true", deleteOnTermination: "true" },
        },
      ]);
    });

    it("lets EC2 resolve the maintained Amazon Linux 2023 SSM parameter at each launch (no fleet roll on new AMIs)", () => {
      expect(b.one(T.lt).inputs["imageId"]).to.equal(`resolve:ssm:${AL2023_PARAMETER.x86_64}`);
    });

    it("reads the root device name from the image the parameter names, never querying DescribeImages with the alias", () => {
      const parameter = b.env.recorder.invokes.find((i) => i.token === "aws:ssm/getParameter:getParameter");
      expect(parameter?.inputs["name"]).to.equal(AL2023_PARAMETER.x86_64);
      const ami = b.env.recorder.invokes.find((i) => i.token === "aws:ec2/getAmi:getAmi");
      const [filter] = ami!.inputs["filters"] as { name: string; values: string[] }[];
      expect(filter!.name).to.equal("image-id");
      expect(filter!.values).to.have.length(1);
      expect(filter!.values[0]).to.match(/^ami-0[0-9a-f]{16}$/);
    });

    it("uses an instance profile whose role has SSM core and a log-group-scoped agent policy", () => {
      const profile = b.one(T.profile);
      expect(b.one(T.lt).inputs["iamInstanceProfile"]).to.deep.equal({ arn: profile.outputs["arn"] });
      const role = b.one(T.role);
      expect(JSON.parse(String(role.inputs["assumeRolePolicy"])).Statement[0].Principal).to.deep.equal({
        Service: "ec2.amazonaws.com",
      });
      expect(b.one(T.attachment, "web-ssm-core").inputs["policyArn"]).to.equal(
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
      );
      const agent = JSON.parse(String(b.one(T.rolePolicy, "web-agent").inputs["policy"]));
      const arns = ["web-logs", "web-logs-web-access", "web-logs-web-error", "web-logs-boot"].map((n) =>
        String(b.one(T.logGroup, n).outputs["arn"]),
      );
      expect(agent.Statement[0].Resource).to.deep.equal(arns.flatMap((arn) => [arn, `${arn}:log-stream:*`]));
      expect(agent.Statement[1].Condition).to.deep.equal({
        StringEquals: { "cloudwatch:namespace": "CWAgent" },
      });
      expect(agent.Statement.flatMap((s: { Action: string | string[] }) => s.Action)).to.not.include("*");
    });

    it("tags volumes and network interfaces with the standard tags (defaultTags do not reach them)", () => {
      const specs = b.one(T.lt).inputs["tagSpecifications"] as {
        resourceType: string;
        tags: Record<string, string>;
      }[];
      expect(specs.map((s) => s.resourceType)).to.deep.equal(["volume", "network-interface"]);
      expect(specs[0]!.tags).to.include({
        Project: "buddyverse",
        Environment: "test",
        Owner: "platform",
        CostCenter: "cc-1",
        ManagedBy: "pulumi",
        Name: "web",
      });
    });
  });

  describe("Auto Scaling group (WEB-2)", () => {
    it("runs 2/2/4 in the app subnets of every AZ with ELB health checks and a grace period", () => {
      const asg = b.one(T.asg).inputs;
      expect([asg["minSize"], asg["desiredCapacity"], asg["maxSize"]]).to.deep.equal([2, 2, 4]);
      expect(asg["vpcZoneIdentifiers"]).to.deep.equal(network.appSubnetIds);
      expect(asg["healthCheckType"]).to.equal("ELB");
      // Derived from the boot script's worst case (795 s with shared files and the reference app) + 60 s.
      expect(asg["healthCheckGracePeriod"]).to.equal(855);
      expect(asg["targetGroupArns"]).to.deep.equal([b.one(T.tg, "web-tg").outputs["arn"]]);
    });

    it("never resets the running desired capacity on a later deploy (ignoreChanges)", () => {
      expect(b.one(T.asg).options.ignoreChanges).to.deep.equal(["desiredCapacity"]);
    });

    it("pins the launch template version, so a template change rolls the fleet by instance refresh, launching before terminating", () => {
      const asg = b.one(T.asg).inputs;
      const lt = b.one(T.lt);
      expect(lt.outputs["latestVersion"]).to.equal(1);
      expect(asg["launchTemplate"]).to.deep.equal({ id: lt.id, version: "1" });
      expect(asg["instanceRefresh"]).to.deep.equal({
        strategy: "Rolling",
        preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200, instanceWarmup: "855" },
      });
    });

    it("carries the standard tags itself, propagated at launch", () => {
      const tags = b.one(T.asg).inputs["tags"] as {
        key: string;
        value: string;
        propagateAtLaunch: boolean;
      }[];
      expect(tags).to.deep.include({ key: "Project", value: "buddyverse", propagateAtLaunch: true });
      expect(tags.map((t) => t.key)).to.include.members([
        "Project",
        "Environment",
        "Owner",
        "CostCenter",
        "ManagedBy",
        "Name",
      ]);
      expect(tags.every((t) => t.propagateAtLaunch)).to.equal(true);
    });

    it("waits for the EFS mount targets, which instances mount at boot", () => {
      const targets = b.all(T.mountTarget).map((m) => m.urn);
      expect(b.one(T.asg).options.dependsOn).to.include.members(targets);
    });

    it("scales by target tracking on average CPU at 75 %", () => {
      expect(b.one(T.policy, "web-cpu-target").inputs).to.deep.include({
        policyType: "TargetTrackingScaling",
        autoscalingGroupName: b.one(T.asg).id,
        targetTrackingConfiguration: {
          predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
          targetValue: 75,
        },
      });
    });
  });

  describe("load balancer and target group (WEB-3, WEB-4, WEB-11)", () => {
    it("target group: HTTP:80, health check / every 10 s, timeout 5 s, 2 healthy / 5 unhealthy, round robin, lb_cookie, short drain", () => {
      const tg = b.one(T.tg, "web-tg").inputs;
      expect(tg).to.deep.include({
        protocol: "HTTP",
        port: 80,
        targetType: "instance",
        vpcId: network.vpcId,
        loadBalancingAlgorithmType: "round_robin",
        deregistrationDelay: 30,
      });
      expect(tg["healthCheck"]).to.deep.equal({
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: "/",
        interval: 10,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 5,
        matcher: "200",
      });
      expect(tg["stickiness"]).to.deep.equal({ type: "lb_cookie", enabled: true, cookieDuration: 86400 });
      expect(tg["name"]).to.equal(undefined); // auto-named: survives create-before-delete
    });

    it("ALB: internet-facing in the public subnets, own group, drops invalid headers, defensive desync, deletion protection", () => {
      const alb = b.one(T.alb).inputs;
      expect(alb).to.deep.include({
        loadBalancerType: "application",
        internal: false,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        enableDeletionProtection: true,
      });
      expect(alb["subnets"]).to.deep.equal(network.publicSubnetIds);
      expect(alb["securityGroups"]).to.deep.equal([b.one(T.sg, "web-alb-sg").id]);
      expect(alb["name"]).to.equal(undefined);
    });

    it("ALB access logs go to an SSE-S3, public-access-blocked, owner-enforced, TLS-only, lifecycled bucket", () => {
      const bucket = b.one(T.bucket);
      expect(bucket.inputs["bucketPrefix"]).to.equal("web-alb-logs-");
      expect(b.one(T.alb).inputs["accessLogs"]).to.deep.equal({
        enabled: true,
        bucket: bucket.id,
        prefix: "alb",
      });
      expect(
        b.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
          .inputs["rules"],
      ).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
      expect(b.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.include({
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(b.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs["rule"]).to.deep.equal({
        objectOwnership: "BucketOwnerEnforced",
      });
      const [rule] = b.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs[
        "rules"
      ] as Record<string, unknown>[];
      expect(rule).to.deep.include({ status: "Enabled", expiration: { days: 90 } });
      const policy = JSON.parse(String(b.one("aws:s3/bucketPolicy:BucketPolicy").inputs["policy"]));
      expect(policy.Statement[0]).to.deep.include({
        Effect: "Deny",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      });
      expect(policy.Statement[1].Principal).to.deep.equal({ AWS: "arn:aws:iam::600734575887:root" });
      expect(policy.Statement[1].Resource).to.equal(`arn:aws:s3:::${bucket.id}/alb/AWSLogs/123456789012/*`);
      expect(b.one(T.alb).options.dependsOn).to.include(b.one("aws:s3/bucketPolicy:BucketPolicy").urn);
    });

    it("HTTP:80 redirects with 301 to HTTPS; HTTPS:443 uses TLS13-1-2-2021-06 and the validated certificate", () => {
      const http = b.one(T.listener, "web-http").inputs;
      expect(http).to.deep.include({ port: 80, protocol: "HTTP" });
      expect(http["defaultActions"]).to.deep.equal([
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ]);
      const https = b.one(T.listener, "web-https").inputs;
      expect(https).to.deep.include({
        port: 443,
        protocol: "HTTPS",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      });
      expect(https["certificateArn"]).to.equal(b.one(T.cert).outputs["arn"]);
      expect(https["defaultActions"]).to.deep.equal([
        { type: "forward", targetGroupArn: b.one(T.tg, "web-tg").outputs["arn"] },
      ]);
    });
  });

  describe("security group chain (WEB-5)", () => {
    it("ALB group is open only on 80/443 from anywhere; app group takes HTTP only from the ALB group; EFS takes NFS only from the app group", () => {
      const [albSg, appSg, efsSg] = ["web-alb-sg", "web-app-sg", "web-efs-sg"].map((n) => b.one(T.sg, n).id);
      const ingress = b.all(T.ingress).map((r) => r.inputs);
      const summary = ingress.map((r) => [
        r["securityGroupId"],
        r["fromPort"],
        r["toPort"],
        r["cidrIpv4"] ?? r["referencedSecurityGroupId"],
      ]);
      expect(summary).to.have.deep.members([
        [albSg, 80, 80, "0.0.0.0/0"],
        [albSg, 443, 443, "0.0.0.0/0"],
        [appSg, 80, 80, albSg],
        [efsSg, 2049, 2049, appSg],
      ]);
      expect(ingress.every((r) => r["ipProtocol"] === "tcp")).to.equal(true);
      const egress = b
        .all(T.egress)
        .map((r) => [
          r.inputs["securityGroupId"],
          r.inputs["ipProtocol"],
          r.inputs["fromPort"],
          r.inputs["cidrIpv4"] ?? r.inputs["referencedSecurityGroupId"],
        ]);
      expect(egress).to.have.deep.members([
        [albSg, "tcp", 80, appSg],
        [appSg, "-1", undefined, "0.0.0.0/0"],
      ]);
      for (const sg of b.all(T.sg)) expect(sg.inputs["ingress"] ?? []).to.deep.equal([]); // no inline rules
    });
  });

  describe("DNS and TLS (WEB-9)", () => {
    it("issues an RSA 2048 certificate validated by a DNS record in the zone looked up by name", () => {
      expect(b.one(T.cert).inputs).to.deep.include({
        domainName: "buddyverse.link",
        validationMethod: "DNS",
        keyAlgorithm: "RSA_2048",
      });
      const zone = b.env.recorder.invokes.find((i) => i.token === "aws:route53/getZone:getZone");
      expect(zone?.inputs).to.deep.include({ name: "buddyverse.link", privateZone: false });
      const record = b.one(T.record, "web-cert-validation-buddyverse-link").inputs;
      const [option] = b.one(T.cert).outputs["domainValidationOptions"] as Record<string, string>[];
      expect(record).to.deep.include({
        type: "CNAME",
        name: option!["resourceRecordName"],
        records: [option!["resourceRecordValue"]],
        ttl: 60,
      });
      expect(b.one(T.certValidation).inputs["validationRecordFqdns"]).to.have.length(1);
    });

    it("points an alias A record for the domain at the ALB", () => {
      const alias = b.one(T.record, "web-alias-buddyverse-link").inputs;
      const alb = b.one(T.alb).outputs;
      expect(alias).to.deep.include({ name: "buddyverse.link", type: "A" });
      expect(alias["aliases"]).to.deep.equal([
        { name: alb["dnsName"], zoneId: alb["zoneId"], evaluateTargetHealth: true },
      ]);
      expect(alias["zoneId"]).to.equal(
        b.one(T.record, "web-cert-validation-buddyverse-link").inputs["zoneId"],
      );
    });
  });

  describe("shared files (WEB-8)", () => {
    it("EFS is encrypted, moves to IA after 30 days, backs up, and has a mount target in the app subnet of every AZ", () => {
      const efs = b.one(T.efs);
      expect(efs.inputs).to.deep.include({ encrypted: true, performanceMode: "generalPurpose" });
      expect(efs.inputs["lifecyclePolicies"]).to.deep.equal([
        { transitionToIa: "AFTER_30_DAYS" },
        { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
      ]);
      expect(b.one(T.backup).inputs).to.deep.equal({
        fileSystemId: efs.id,
        backupPolicy: { status: "ENABLED" },
      });
      const targets = b.all(T.mountTarget);
      expect(targets.map((t) => t.name)).to.have.members(["web-efs-mt-a", "web-efs-mt-c"]);
      expect(b.one(T.mountTarget, "web-efs-mt-a").inputs).to.deep.equal({
        fileSystemId: efs.id,
        subnetId: network.appSubnetIds[0],
        securityGroups: [b.one(T.sg, "web-efs-sg").id],
      });
      expect(b.one(T.mountTarget, "web-efs-mt-c").inputs["subnetId"]).to.equal(network.appSubnetIds[1]);
    });
  });

  describe("user data (WEB-8, WEB-10)", () => {
    it("the launch template's script mounts the fleet's EFS through its access point at /mnt/efs with the seed's options", () => {
      const script = userDataOf(b);
      expect(bashSyntaxErrors(script)).to.equal("");
      const fsId = String(b.one(T.efs).outputs["id"]);
      const ap = b.one("aws:efs/accessPoint:AccessPoint");
      expect(ap.inputs["fileSystemId"]).to.equal(fsId);
      expect(ap.inputs["posixUser"]).to.deep.equal({ uid: APP_UID, gid: APP_GID });
      expect(ap.inputs["rootDirectory"]).to.deep.equal({
        path: "/web-fleet",
        creationInfo: { ownerUid: APP_UID, ownerGid: APP_GID, permissions: "0755" },
      });
      expect(script.startsWith("#!/bin/bash\n")).to.equal(true);
      expect(EFS_MOUNT_OPTIONS).to.equal(
        "nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport",
      );
      expect(script).to.contain(
        `FSTAB_LINE='${fsId} /mnt/efs efs _netdev,${EFS_MOUNT_OPTIONS},tls,accesspoint=${String(ap.outputs["id"])} 0 0'`,
      );
      // Each log to its own group of the fleet.
      const config = agentConfigOf(script) as {
        logs: { logs_collected: { files: { collect_list: { log_group_name: string }[] } } };
      };
      const groups = b.all(T.logGroup).map((g) => String(g.outputs["name"]));
      expect(groups).to.have.length(4);
      expect(
        new Set(config.logs.logs_collected.files.collect_list.map((f) => f.log_group_name)),
      ).to.deep.equal(new Set(groups));
      expect(script).not.to.match(/password|secret_?key|BEGIN [A-Z ]*PRIVATE KEY/i);
    });
  });

  describe("observability (WEB-10, ALM-4)", () => {
    it("keeps the fleet's logs 30 days, one prefixed log group per kind of log", () => {
      const tags = { "cloudblocks:component": "web" };
      expect(Object.fromEntries(b.all(T.logGroup).map((g) => [g.name, g.inputs]))).to.deep.equal({
        "web-logs": { namePrefix: "/cloudblocks/web-fleet/web/", retentionInDays: 30, tags },
        "web-logs-web-access": {
          namePrefix: "/cloudblocks/web-fleet/web/web-access-",
          retentionInDays: 30,
          tags,
        },
        "web-logs-web-error": {
          namePrefix: "/cloudblocks/web-fleet/web/web-error-",
          retentionInDays: 30,
          tags,
        },
        "web-logs-boot": { namePrefix: "/cloudblocks/web-fleet/web/boot-", retentionInDays: 30, tags },
      });
    });

    it("alarms on a failed boot: a metric filter on the boot log group counts lines starting BOOT FAILED:", () => {
      const filter = b.one("aws:cloudwatch/logMetricFilter:LogMetricFilter", "web-boot-failed").inputs;
      expect(filter["logGroupName"]).to.equal(b.one(T.logGroup, "web-logs-boot").outputs["name"]);
      expect(filter["pattern"]).to.equal("%^BOOT.FAILED:%");
      expect(filter["metricTransformation"]).to.deep.equal({
        name: "BootFailures-web",
        namespace: "Cloudblocks/WebFleet",
        value: "1",
        defaultValue: "0",
      });
      const alarm = b.one(T.alarm, "web-alarm-boot-failed").inputs;
      expect([alarm["metricName"], alarm["statistic"], alarm["threshold"], alarm["period"]]).to.deep.equal([
        "BootFailures-web",
        "Sum",
        1,
        300,
      ]);
      expect(alarm["treatMissingData"]).to.equal("notBreaching");
      expect(alarm).to.deep.include({ alarmActions: [TOPIC], okActions: [TOPIC] });
    });

    it("raises eight alarms with explicit period, evaluation periods and missing-data treatment, to the topic on ALARM and OK", () => {
      const alarms = Object.fromEntries(
        b.all(T.alarm).map((a) => [a.name.replace("web-alarm-", ""), a.inputs]),
      );
      const shape = (a: Record<string, unknown>) => [
        a["metricName"],
        a["statistic"] ?? a["extendedStatistic"],
        a["comparisonOperator"],
        a["threshold"],
        a["period"],
        a["evaluationPeriods"],
        a["treatMissingData"],
      ];
      expect(Object.fromEntries(Object.entries(alarms).map(([k, a]) => [k, shape(a)]))).to.deep.equal({
        "target-5xx": [
          "HTTPCode_Target_5XX_Count",
          "Sum",
          "GreaterThanOrEqualToThreshold",
          10,
          60,
          3,
          "notBreaching",
        ],
        "elb-5xx": [
          "HTTPCode_ELB_5XX_Count",
          "Sum",
          "GreaterThanOrEqualToThreshold",
          10,
          60,
          3,
          "notBreaching",
        ],
        "response-time": ["TargetResponseTime", "p95", "GreaterThanThreshold", 1, 60, 5, "notBreaching"],
        "unhealthy-hosts": [
          "UnHealthyHostCount",
          "Maximum",
          "GreaterThanOrEqualToThreshold",
          1,
          60,
          2,
          "notBreaching",
        ],
        "cpu-above": ["CPUUtilization", "Average", "GreaterThanThreshold", 80, 300, 2, "missing"],
        // The agent's metrics: an agent that stopped reporting is an alarm, not a blank graph.
        memory: ["mem_used_percent", "Maximum", "GreaterThanThreshold", 90, 60, 5, "breaching"],
        disk: ["disk_used_percent", "Maximum", "GreaterThanThreshold", 85, 300, 2, "breaching"],
        "boot-failed": [
          "BootFailures-web",
          "Sum",
          "GreaterThanOrEqualToThreshold",
          1,
          300,
          1,
          "notBreaching",
        ],
      });
      for (const alarm of Object.values(alarms)) {
        expect(alarm).to.deep.include({ actionsEnabled: true, alarmActions: [TOPIC], okActions: [TOPIC] });
      }
      const alb = b.one(T.alb).outputs;
      const tg = b.one(T.tg, "web-tg").outputs;
      expect(alarms["unhealthy-hosts"]!["dimensions"]).to.deep.equal({
        LoadBalancer: alb["arnSuffix"],
        TargetGroup: tg["arnSuffix"],
      });
      expect(alarms["cpu-above"]!["dimensions"]).to.deep.equal({ AutoScalingGroupName: b.one(T.asg).id });
    });

    it("describes its metrics for a dashboard", async () => {
      expect(b.fleet.metrics.map((m) => m.id)).to.include.members([
        "fleet.cpu",
        "fleet.memory",
        "fleet.disk",
        "fleet.requests",
        "fleet.latency",
        "fleet.target5xx",
        "fleet.elb5xx",
        "fleet.healthyHosts",
      ]);
      const memory = b.fleet.metrics.find((m) => m.id === "fleet.memory")!;
      expect([memory.namespace, memory.metricName]).to.deep.equal(["CWAgent", "mem_used_percent"]);
      expect(await outputOf(memory.dimensions["AutoScalingGroupName"]!)).to.equal(b.one(T.asg).id);
    });
  });

  it("outputs the site URL, ALB, target group, group, security groups, log group and file system", async () => {
    const f = b.fleet;
    expect(await outputOf(f.siteUrl)).to.equal("https://buddyverse.link");
    expect(await outputOf(f.albDnsName)).to.equal(b.one(T.alb).outputs["dnsName"]);
    expect(await outputOf(f.albArn)).to.equal(b.one(T.alb).id);
    expect(await outputOf(f.targetGroupArn)).to.equal(b.one(T.tg, "web-tg").id);
    expect(await outputOf(f.autoScalingGroupName)).to.equal(b.one(T.asg).id);
    expect(await outputOf(f.appSecurityGroupId)).to.equal(b.one(T.sg, "web-app-sg").id);
    expect(await outputOf(f.albSecurityGroupId)).to.equal(b.one(T.sg, "web-alb-sg").id);
    expect(await outputOf(f.logGroupName)).to.match(/^\/cloudblocks\/web-fleet\/web\//);
    expect(await outputOf(f.fileSystemId)).to.equal(b.one(T.efs).id);
    expect(await outputOf(f.alarmArns)).to.have.length(8);
    expect(await outputOf(f.bootLogGroupName)).to.match(/^\/cloudblocks\/web-fleet\/web\/boot-/);
    expect(await outputOf(f.webErrorLogGroupName)).to.match(/^\/cloudblocks\/web-fleet\/web\/web-error-/);
    expect(await outputOf(f.fileSystemAccessPointId)).to.equal(b.one("aws:efs/accessPoint:AccessPoint").id);
  });
});

describe("WebFleet variants", () => {
  it("protect: the shared file system is protected (STK-1 prod); nothing is by default", async () => {
    const unprotected = await build(prodArgs);
    expect(unprotected.one("aws:efs/fileSystem:FileSystem").options.protect).to.equal(false);
    const protectedFleet = await build({ ...prodArgs, protect: true });
    expect(protectedFleet.one("aws:efs/fileSystem:FileSystem").options.protect).to.equal(true);
    expect(
      protectedFleet.all("aws:lb/loadBalancer:LoadBalancer").every((lb) => !lb.options.protect),
    ).to.equal(true);
  });

  it("dev (webFleetArgsFor('dev')): 1/1/2, plain HTTP forward on :80, no certificate, no 443 opening, no DNS", async () => {
    const b = await build(webFleetArgsFor("dev", { network }));
    const asg = b.one(T.asg).inputs;
    expect([asg["minSize"], asg["desiredCapacity"], asg["maxSize"]]).to.deep.equal([1, 1, 2]);
    expect(b.one(T.logGroup, "web-logs").inputs["retentionInDays"]).to.equal(7);
    expect(b.all(T.listener).map((l) => l.name)).to.deep.equal(["web-http"]);
    expect(b.one(T.listener).inputs["defaultActions"]).to.deep.equal([
      { type: "forward", targetGroupArn: b.one(T.tg).outputs["arn"] },
    ]);
    expect(b.all(T.cert)).to.deep.equal([]);
    expect(b.all(T.record)).to.deep.equal([]);
    expect(b.all(T.ingress).map((r) => r.inputs["fromPort"])).to.not.include(443);
    expect(b.one(T.alb).inputs["enableDeletionProtection"]).to.equal(false);
    expect(b.all(T.alarm)).to.deep.equal([]); // no topic, no alarms
    expect(await outputOf(b.fleet.siteUrl)).to.equal(`http://${String(b.one(T.alb).outputs["dnsName"])}`);

    // Under every policy, dev violates exactly its documented exceptions (ELB.1 plain HTTP, ELB.6).
    const report = await runPolicies(b.env.recorder.resources, { policies });
    expect([...new Set(report.violations.map((v) => v.policy))].sort()).to.deep.equal(
      Object.keys(DEV_POLICY_EXCEPTIONS).sort(),
    );
    const excepted = await runPolicies(b.env.recorder.resources, { policies, config: DEV_POLICY_EXCEPTIONS });
    expect(excepted.violations.every((v) => v.enforcement === "advisory")).to.equal(true);
  });

  it("step scaling: adds at CPU ≥ 75 %, removes at ≤ 50 %, with scheduled actions and predictive scaling", async () => {
    const b = await build({
      network,
      scalingMode: "step",
      scheduledActions: { "weekday-peak": { recurrence: "0 18 * * 1-5", minSize: 3 } },
      predictiveScaling: { mode: "ForecastAndScale" },
    });
    const out = b.one(T.policy, "web-scale-out").inputs;
    const inn = b.one(T.policy, "web-scale-in").inputs;
    expect(out).to.deep.include({
      policyType: "StepScaling",
      adjustmentType: "ChangeInCapacity",
      stepAdjustments: [{ scalingAdjustment: 1, metricIntervalLowerBound: "0" }],
    });
    expect(inn["stepAdjustments"]).to.deep.equal([{ scalingAdjustment: -1, metricIntervalUpperBound: "0" }]);
    const high = b.one(T.alarm, "web-cpu-high").inputs;
    const low = b.one(T.alarm, "web-cpu-low").inputs;
    expect([high["comparisonOperator"], high["threshold"], high["alarmActions"]]).to.deep.equal([
      "GreaterThanOrEqualToThreshold",
      75,
      [b.one(T.policy, "web-scale-out").outputs["arn"]],
    ]);
    expect([low["comparisonOperator"], low["threshold"], low["alarmActions"]]).to.deep.equal([
      "LessThanOrEqualToThreshold",
      50,
      [b.one(T.policy, "web-scale-in").outputs["arn"]],
    ]);
    expect([high["period"], high["evaluationPeriods"], high["treatMissingData"]]).to.deep.equal([
      60,
      2,
      "notBreaching",
    ]);
    expect(b.find(T.policy, "web-cpu-target")).to.equal(undefined);
    expect(b.one(T.schedule).inputs).to.deep.include({
      scheduledActionName: "weekday-peak",
      recurrence: "0 18 * * 1-5",
      timeZone: "Asia/Seoul",
      minSize: 3,
      maxSize: -1,
      desiredCapacity: -1,
    });
    expect(b.one(T.policy, "web-predictive").inputs["predictiveScalingConfiguration"]).to.deep.equal({
      mode: "ForecastAndScale",
      metricSpecification: {
        targetValue: 75,
        predefinedMetricPairSpecification: { predefinedMetricType: "ASGCPUUtilization" },
      },
    });
  });

  it("on-demand/spot mix (WEB-7) uses a mixed instances policy on the same launch template", async () => {
    const b = await build({ network, spot: { instanceTypes: ["t3.micro", "t3a.micro"] } });
    const asg = b.one(T.asg).inputs;
    expect(asg["launchTemplate"]).to.equal(undefined);
    expect(asg["capacityRebalance"]).to.equal(true);
    expect(asg["mixedInstancesPolicy"]).to.deep.equal({
      instancesDistribution: {
        onDemandBaseCapacity: 1,
        onDemandPercentageAboveBaseCapacity: 50,
        spotAllocationStrategy: "price-capacity-optimized",
      },
      launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: b.one(T.lt).id, version: "1" },
        overrides: [{ instanceType: "t3.micro" }, { instanceType: "t3a.micro" }],
      },
    });
  });

  it("path routes (WEB-12): extra target groups on their own ports reached by path rules on the HTTPS listener", async () => {
    const b = await build({
      ...prodArgs,
      pathRoutes: {
        members: { pathPatterns: ["/members/*"], priority: 10, port: 8081 },
        orders: { pathPatterns: ["/orders/*"], priority: 20, port: 8082 },
      },
    });
    const https = b.one(T.listener, "web-https");
    const members = b.one(T.rule, "web-route-members").inputs;
    expect(members).to.deep.include({
      listenerArn: https.id,
      priority: 10,
      conditions: [{ pathPattern: { values: ["/members/*"] } }],
    });
    expect(members["actions"]).to.deep.equal([
      { type: "forward", targetGroupArn: b.one(T.tg, "web-tg-members").outputs["arn"] },
    ]);
    expect(b.one(T.tg, "web-tg-orders").inputs["port"]).to.equal(8082);
    expect(b.one(T.asg).inputs["targetGroupArns"]).to.have.length(3);
    const appIngressPorts = b
      .all(T.ingress)
      .filter((r) => r.inputs["securityGroupId"] === b.one(T.sg, "web-app-sg").id)
      .map((r) => r.inputs["fromPort"]);
    expect(appIngressPorts).to.have.members([80, 8081, 8082]);
  });

  it("joins an existing listener with a path rule instead of creating an ALB (WEB-12)", async () => {
    const listenerArn =
      "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210";
    const b = await build(
      {
        network,
        existingListener: {
          listenerArn,
          albSecurityGroupId: "sg-0a1b2c3d4e5f60718",
          pathPatterns: ["/orders/*"],
          priority: 20,
        },
      },
      "orders",
    );
    expect(b.all(T.alb)).to.deep.equal([]);
    expect(b.all(T.bucket)).to.deep.equal([]);
    expect(b.all(T.listener)).to.deep.equal([]);
    expect(b.one(T.rule).inputs).to.deep.include({
      listenerArn,
      priority: 20,
      conditions: [{ pathPattern: { values: ["/orders/*"] } }],
    });
    const appSg = b.one(T.sg, "orders-app-sg").id;
    expect(b.one(T.ingress, "orders-app-in-80").inputs["referencedSecurityGroupId"]).to.equal(
      "sg-0a1b2c3d4e5f60718",
    );
    expect(b.one(T.egress, "orders-alb-out-80").inputs).to.deep.include({
      securityGroupId: "sg-0a1b2c3d4e5f60718",
      referencedSecurityGroupId: appSg,
    });
    expect(b.all(T.sg).map((s) => s.name)).to.not.include("orders-alb-sg");
  });

  it("Graviton types get the arm64 image; an explicit AMI pins the image; SSH only from a bastion group", async () => {
    const b = await build({
      network,
      instanceType: "t4g.small",
      bastionSecurityGroupId: "sg-0bastion000000001",
    });
    expect(b.one(T.lt).inputs["imageId"]).to.equal(`resolve:ssm:${AL2023_PARAMETER.arm64}`);
    expect(b.one(T.ingress, "web-app-in-ssh").inputs).to.deep.include({
      fromPort: 22,
      toPort: 22,
      referencedSecurityGroupId: "sg-0bastion000000001",
    });

    const pinned = await build({
      network,
      amiId: "ami-0123456789abcdef0",
      sharedFileSystem: false,
      appBootstrap: "echo hello >>/var/log/app/app.log\n",
    });
    expect(bashSyntaxErrors(userDataOf(pinned))).to.equal("");
    expect(userDataOf(pinned)).not.to.contain("/mnt/efs");
    expect(pinned.one(T.lt).inputs["imageId"]).to.equal("ami-0123456789abcdef0");
    expect(pinned.all(T.efs)).to.deep.equal([]);
    expect(pinned.all(T.sg).map((s) => s.name)).to.not.include("web-efs-sg");
    expect(await outputOf(pinned.fleet.fileSystemId)).to.equal(undefined);
    expect(pinned.one(T.asg).options.dependsOn.filter((urn) => urn.includes("efs"))).to.deep.equal([]);
  });

  it("extra certificate names get one validation record per base name and an alias each (wildcards share)", async () => {
    const b = await build({
      ...prodArgs,
      subjectAlternativeNames: ["www.buddyverse.link", "*.buddyverse.link"],
    });
    expect(b.all(T.record).map((r) => r.name)).to.have.members([
      "web-cert-validation-buddyverse-link",
      "web-cert-validation-www-buddyverse-link",
      "web-alias-buddyverse-link",
      "web-alias-www-buddyverse-link",
    ]);
  });
});
