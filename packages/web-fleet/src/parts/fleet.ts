import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { WebFleetConfig } from "../schema";
import type { DatabaseEnvironment } from "../app-boot";
import { renderUserData } from "../user-data";
import type { Metric } from "@pulumi/aws/types/enums/autoscaling";

/** The maintained Amazon Linux 2023 images, per CPU architecture. */
export const AL2023_PARAMETER = {
  x86_64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
  arm64: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
} as const;

/** Graviton families have a `g` after the generation digit: t4g, m7g, c7gn, r8gd (not g5 or m7i). */
export const isGraviton = (instanceType: string) => /^[a-z]+\d+[a-z]*g[a-z]*(-[a-z]+)?\./.test(instanceType);

/** Group metrics published every minute, for the dashboard and capacity alarms. */
const GROUP_METRICS: Metric[] = [
  "GroupMinSize",
  "GroupMaxSize",
  "GroupDesiredCapacity",
  "GroupInServiceInstances",
  "GroupPendingInstances",
  "GroupTerminatingInstances",
  "GroupTotalInstances",
];

export interface FleetInputs {
  readonly appSecurityGroupId: pulumi.Input<string>;
  readonly instanceProfileArn: pulumi.Input<string>;
  readonly logGroupNames: {
    readonly app: pulumi.Input<string>;
    readonly webAccess: pulumi.Input<string>;
    readonly webError: pulumi.Input<string>;
    readonly boot: pulumi.Input<string>;
  };
  readonly fileSystemId?: pulumi.Input<string>;
  readonly accessPointId?: pulumi.Input<string>;
  readonly targetGroupArns: readonly pulumi.Input<string>[];
  /** Resources instances need at boot (EFS mount targets): the group waits for them. */
  readonly bootDependencies: readonly pulumi.Resource[];
}

/**
 * The image: explicit, or the maintained one named by a public SSM parameter, which EC2 resolves at each
 * instance launch (`resolve:ssm:`). The launch template never changes when AWS publishes a new image, so an
 * unrelated deploy does not roll the fleet; new instances (scale-out, replacement, a deliberate refresh) get the
 * newest image.
 */
function imageId(config: WebFleetConfig): pulumi.Input<string> {
  return config.amiId ?? `resolve:ssm:${amiParameter(config)}`;
}

/** The public SSM parameter naming the image: the one given, else Amazon Linux 2023 for the CPU architecture. */
function amiParameter(config: WebFleetConfig): string {
  return config.amiSsmParameter ?? AL2023_PARAMETER[isGraviton(config.instanceType) ? "arm64" : "x86_64"];
}

/**
 * The root device name of the image (/dev/xvda on Amazon Linux, /dev/sda1 on Ubuntu), read from the image
 * itself: DescribeImages by its id. A `resolve:ssm:` alias means nothing to DescribeImages (it is resolved only
 * at launch, so as a filter value it matches no image and `getAmi` fails the preview), so the parameter is read
 * first. Its non-secret `insecureValue` keeps the device name out of the secrets. The launch template still
 * carries the alias, so a new image changes nothing here unless its root device name changes.
 */
function rootDeviceName(config: WebFleetConfig, parent: pulumi.Resource): pulumi.Output<string> {
  const id =
    config.amiId !== undefined
      ? pulumi.output(config.amiId)
      : aws.ssm.getParameterOutput({ name: amiParameter(config) }, { parent }).insecureValue;
  return aws.ec2.getAmiOutput({ filters: [{ name: "image-id", values: [id] }] }, { parent }).rootDeviceName;
}

/** The standard tags of the provider's defaultTags, which never reach Auto Scaling groups or what they launch. */
function standardTags(name: string, parent: pulumi.Resource): pulumi.Output<Record<string, string>> {
  return aws
    .getDefaultTagsOutput({}, { parent })
    .tags.apply((tags): Record<string, string> => ({ ...tags, Name: name }));
}

/**
 * WEB-1: the launch template — IMDSv2 only with hop limit 1 (EC2.8/EC2.170), no public IP (EC2.25), an
 * encrypted gp3 root volume (EC2.3), detailed monitoring, the instance profile (SSM.1) and the user data.
 */
function launchTemplate(
  name: string,
  config: WebFleetConfig,
  inputs: FleetInputs,
  parent: pulumi.Resource,
): aws.ec2.LaunchTemplate {
  const image = imageId(config);
  const rootDevice = rootDeviceName(config, parent);
  const region = aws.getRegionOutput({}, { parent }).region;
  const db = config.database;
  const database = db
    ? pulumi
        .all([db.writerHost, db.readerHosts, db.port, db.secretArn, region])
        .apply(([writerHost, readerHosts, port, secretArn, dbRegion]): DatabaseEnvironment => ({
          writerHost,
          readerHosts,
          port,
          secretArn,
          region: dbRegion,
        }))
    : undefined;
  const userData = pulumi
    .all([pulumi.output(inputs.logGroupNames), inputs.fileSystemId, inputs.accessPointId, database])
    .apply(([logGroups, fileSystemId, accessPointId, databaseEnvironment]) =>
      renderUserData({
        database: databaseEnvironment,
        logGroups,
        fileSystemId,
        accessPointId,
        appBootstrap: config.appBootstrap,
        healthCheckPath: config.healthCheckPath,
        accessLogPath: config.accessLogPath,
        errorLogPath: config.errorLogPath,
        appLogPath: config.appLogPath,
      }),
    );
  const tags = standardTags(name, parent);

  return new aws.ec2.LaunchTemplate(
    `${name}-lt`,
    {
      description: `WebFleet ${name}`,
      imageId: image,
      instanceType: config.instanceType,
      keyName: config.keyName,
      iamInstanceProfile: { arn: inputs.instanceProfileArn },
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          deviceName: rootDevice,
          ebs: {
            volumeType: "gp3",
            volumeSize: config.rootVolumeSizeGiB,
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      networkInterfaces: [
        {
          deviceIndex: 0,
          associatePublicIpAddress: "false",
          securityGroups: [inputs.appSecurityGroupId],
          deleteOnTermination: "true",
        },
      ],
      monitoring: { enabled: true },
      userData: userData.apply((script) => Buffer.from(script, "utf8").toString("base64")),
      // New versions become the default, so the group and the console agree on what runs.
      updateDefaultVersion: true,
      tagSpecifications: ["volume", "network-interface"].map((resourceType) => ({ resourceType, tags })),
    },
    { parent },
  );
}

/**
 * WEB-2, WEB-7: the Auto Scaling group across the app subnets of every AZ, replacing instances that fail the
 * ALB health check, rolling the fleet by instance refresh when the launch template changes. Its desired
 * capacity is set at creation only: scaling owns it afterwards, so a `pulumi up` never resets it.
 */
export function createFleet(
  name: string,
  config: WebFleetConfig,
  inputs: FleetInputs,
  parent: pulumi.Resource,
): aws.autoscaling.Group {
  const template = launchTemplate(name, config, inputs, parent);
  // A concrete version (not $Latest), so a new template version is a change of the group: it starts a refresh.
  const templateRef = { id: template.id, version: template.latestVersion.apply((v) => String(v)) };
  const spot = config.spot;

  return new aws.autoscaling.Group(
    `${name}-asg`,
    {
      vpcZoneIdentifiers: [...config.network.appSubnetIds],
      minSize: config.minSize,
      maxSize: config.maxSize,
      desiredCapacity: config.desiredCapacity,
      healthCheckType: "ELB",
      healthCheckGracePeriod: config.healthCheckGracePeriodSeconds,
      defaultInstanceWarmup: config.healthCheckGracePeriodSeconds,
      targetGroupArns: [...inputs.targetGroupArns],
      ...(spot
        ? {
            capacityRebalance: true,
            mixedInstancesPolicy: {
              instancesDistribution: {
                onDemandBaseCapacity: spot.onDemandBaseCapacity,
                onDemandPercentageAboveBaseCapacity: spot.onDemandPercentageAboveBase,
                spotAllocationStrategy: "price-capacity-optimized",
              },
              launchTemplate: {
                launchTemplateSpecification: {
                  launchTemplateId: templateRef.id,
                  version: templateRef.version,
                },
                overrides: (spot.instanceTypes ?? [config.instanceType]).map((instanceType) => ({
                  instanceType,
                })),
              },
            },
          }
        : { launchTemplate: templateRef }),
      instanceRefresh: {
        strategy: "Rolling",
        preferences: {
          // Launch before terminate (min 100, max above 100): Auto Scaling replaces an instance only once its
          // successor is healthy, so even a one-instance dev fleet keeps serving during a refresh.
          minHealthyPercentage: config.instanceRefreshMinHealthyPercentage,
          maxHealthyPercentage: config.instanceRefreshMaxHealthyPercentage,
          instanceWarmup: String(config.healthCheckGracePeriodSeconds),
        },
      },
      enabledMetrics: GROUP_METRICS,
      metricsGranularity: "1Minute",
      tags: standardTags(name, parent).apply((tags) =>
        Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
      ),
    },
    { parent, ignoreChanges: ["desiredCapacity"], dependsOn: [...inputs.bootDependencies] },
  );
}
