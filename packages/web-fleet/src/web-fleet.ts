import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { withCostAllocationTag, type MetricDescriptor } from "@cloudblocks/component-kit";
import type { WebFleetArgs } from "./args";
import { parseWebFleetArgs } from "./schema";
import { createFleetAlarms, fleetMetrics } from "./parts/alarms";
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
  /** Web server and app logs of every instance (WEB-10). */
  readonly logGroupName: pulumi.Output<string>;
  /** The shared EFS; undefined with `sharedFileSystem: false`. */
  readonly fileSystemId: pulumi.Output<string | undefined>;
  /** The ALB access-log bucket; undefined when the fleet joins an existing listener. */
  readonly accessLogBucketName: pulumi.Output<string | undefined>;
  /** ARNs of the fleet alarms (empty without `alarmTopicArn`). */
  readonly alarmArns: pulumi.Output<string[]>;
  /** Metrics a dashboard can graph (ALM-7). */
  readonly metrics: readonly MetricDescriptor[];

  constructor(name: string, args: WebFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before the component registers: bad input creates nothing at all (ALL-1).
    const config = parseWebFleetArgs(name, args);
    super(WEB_FLEET_TYPE, name, {}, withCostAllocationTag(name, opts));

    const httpsEnabled = config.domainName !== undefined;
    const groups = createSecurityGroups(name, config, this, httpsEnabled);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { namePrefix: `/cloudblocks/web-fleet/${name}/`, retentionInDays: config.logRetentionDays },
      { parent: this },
    );
    const profile = createInstanceProfile(name, config, logGroup.arn, this);
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
        logGroupName: logGroup.name,
        fileSystemDnsName: files?.fileSystem.dnsName,
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
        ? createFleetAlarms(name, config, config.alarmTopicArn, this.metrics, this)
        : [];

    this.siteUrl = lb.siteUrl;
    this.albDnsName = lb.albDnsName;
    this.albArn = lb.albArn;
    this.albSecurityGroupId = groups.albSecurityGroupId;
    this.targetGroupArn = lb.targetGroup.arn;
    this.autoScalingGroupName = group.name;
    this.appSecurityGroupId = groups.appSecurityGroupId;
    this.logGroupName = logGroup.name;
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
      fileSystemId: this.fileSystemId,
      accessLogBucketName: this.accessLogBucketName,
      alarmArns: this.alarmArns,
    });
  }
}
