import * as pulumi from "@pulumi/pulumi";
import { withCostAllocationTag, type MetricDescriptor } from "@cloudblocks/component-kit";
import type { WebFleetArgs } from "./args";
import { parseWebFleetArgs } from "./schema";
import { createBootFailureAlarm, createFleetAlarms, fleetMetrics } from "./parts/alarms";
import { createLogGroups } from "./parts/log-groups";
import { createFleet } from "./parts/fleet";
import { createInstanceProfile } from "./parts/instance-role";
import { createLoadBalancing } from "./parts/load-balancer";
import { createScaling } from "./parts/scaling";
import { createSecurityGroups } from "./parts/security-groups";
import { createSharedFiles } from "./parts/shared-files";

export const WEB_FLEET_TYPE = "cloudblocks:index:WebFleet";

/**
 * An auto-scaled EC2 web tier behind an internet-facing ALB (HTTPS with a domain), with shared EFS files, DNS,
 * the CloudWatch agent and fleet alarms (WEB-1 … WEB-12). Arguments are validated before anything is created.
 */
export class WebFleet extends pulumi.ComponentResource {
  /** `https://<domain>` with a domain, else `http://<ALB DNS name>`. */
  readonly siteUrl: pulumi.Output<string>;
  readonly albDnsName: pulumi.Output<string>;
  readonly albArn: pulumi.Output<string>;
  readonly albSecurityGroupId: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  readonly autoScalingGroupName: pulumi.Output<string>;
  /** Trust this group in a database's security group (WEB-5). */
  readonly appSecurityGroupId: pulumi.Output<string>;
  /** The app log of every instance (`appLogPath`, WEB-10): where app-error alarms belong. */
  readonly logGroupName: pulumi.Output<string>;
  /** The web server's access log of every instance. */
  readonly webAccessLogGroupName: pulumi.Output<string>;
  /** The web server's error log of every instance: count `WEB_SERVER_ERROR_PATTERN` here. */
  readonly webErrorLogGroupName: pulumi.Output<string>;
  /** The boot log and cloud-init's output of every instance; the fleet's boot-failure alarm counts it. */
  readonly bootLogGroupName: pulumi.Output<string>;
  /** The access point instances mount the shared files through; undefined without shared files. */
  readonly fileSystemAccessPointId: pulumi.Output<string | undefined>;
  /** The shared EFS; undefined with `sharedFileSystem: false`. */
  readonly fileSystemId: pulumi.Output<string | undefined>;
  /** The ALB access-log bucket; undefined when the fleet joins an existing listener. */
  readonly accessLogBucketName: pulumi.Output<string | undefined>;
  /** ARNs of the fleet alarms (empty without `alarmTopicArn`). */
  readonly alarmArns: pulumi.Output<string[]>;
  /** Metrics a dashboard can graph (ALM-7). */
  readonly metrics: MetricDescriptor[];

  constructor(name: string, args: WebFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before the component registers: bad input creates nothing at all (ALL-1).
    const config = parseWebFleetArgs(name, args);
    super(WEB_FLEET_TYPE, name, {}, withCostAllocationTag(name, opts));

    const httpsEnabled = config.domainName !== undefined;
    const groups = createSecurityGroups(name, config, this, httpsEnabled);

    const logs = createLogGroups(name, config, this);
    const profile = createInstanceProfile(
      name,
      config,
      Object.values(logs).map((g) => g.arn),
      this,
    );
    const files = groups.efsSecurityGroupId
      ? createSharedFiles(name, config, groups.efsSecurityGroupId, this)
      : undefined;
    const lb = createLoadBalancing(name, config, groups.albSecurityGroupId, this);

    const group = createFleet(
      name,
      config,
      {
        appSecurityGroupId: groups.appSecurityGroupId,
        instanceProfileArn: profile.arn,
        logGroupNames: {
          app: logs.app.name,
          webAccess: logs.webAccess.name,
          webError: logs.webError.name,
          boot: logs.boot.name,
        },
        fileSystemId: files?.fileSystem.id,
        accessPointId: files?.accessPoint.id,
        targetGroupArns: lb.targetGroupArns,
        bootDependencies: files?.mountTargets ?? [],
      },
      this,
    );
    createScaling(name, config, group, this);

    this.metrics = fleetMetrics({
      albArnSuffix: lb.albArnSuffix,
      targetGroupArnSuffix: lb.targetGroup.arnSuffix,
      autoScalingGroupName: group.name,
    });
    const alarms =
      config.alarmTopicArn !== undefined
        ? [
            ...createFleetAlarms(name, config, config.alarmTopicArn, this.metrics, this),
            createBootFailureAlarm(name, logs.boot.name, config.alarmTopicArn, this),
          ]
        : [];

    this.siteUrl = lb.siteUrl;
    this.albDnsName = lb.albDnsName;
    this.albArn = lb.albArn;
    this.albSecurityGroupId = groups.albSecurityGroupId;
    this.targetGroupArn = lb.targetGroup.arn;
    this.autoScalingGroupName = group.name;
    this.appSecurityGroupId = groups.appSecurityGroupId;
    this.logGroupName = logs.app.name;
    this.webAccessLogGroupName = logs.webAccess.name;
    this.webErrorLogGroupName = logs.webError.name;
    this.bootLogGroupName = logs.boot.name;
    this.fileSystemAccessPointId = files
      ? files.accessPoint.id.apply((id): string | undefined => id)
      : pulumi.output(undefined);
    this.fileSystemId = files
      ? files.fileSystem.id.apply((id): string | undefined => id)
      : pulumi.output(undefined);
    this.accessLogBucketName = lb.logBucket
      ? lb.logBucket.bucket.apply((b): string | undefined => b)
      : pulumi.output(undefined);
    this.alarmArns = pulumi.all(alarms.map((a) => a.arn));

    this.registerOutputs({
      siteUrl: this.siteUrl,
      albDnsName: this.albDnsName,
      albArn: this.albArn,
      albSecurityGroupId: this.albSecurityGroupId,
      targetGroupArn: this.targetGroupArn,
      autoScalingGroupName: this.autoScalingGroupName,
      appSecurityGroupId: this.appSecurityGroupId,
      logGroupName: this.logGroupName,
      webAccessLogGroupName: this.webAccessLogGroupName,
      webErrorLogGroupName: this.webErrorLogGroupName,
      bootLogGroupName: this.bootLogGroupName,
      fileSystemAccessPointId: this.fileSystemAccessPointId,
      fileSystemId: this.fileSystemId,
      accessLogBucketName: this.accessLogBucketName,
      alarmArns: this.alarmArns,
    });
  }
}
