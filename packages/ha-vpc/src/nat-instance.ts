import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { azSuffix } from "@cloudblocks/component-kit";
import { natUserData } from "./boot-scripts";
import { amazonLinux2023, hardenedInstanceBasics, ssmInstanceProfile } from "./ssm-instance-profile";

export { natUserData };

export interface NatInstancesArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly vpcCidr: string;
  readonly instanceType: string;
  /** One NAT instance per entry; `suffix` is undefined for the single instance of `natMode: "instance"`. */
  readonly instances: readonly {
    readonly suffix?: string;
    readonly availabilityZone: string;
    readonly publicSubnetId: pulumi.Input<string>;
    /** App route tables (by AZ) whose default route goes through this instance. */
    readonly appRouteTables: readonly {
      readonly availabilityZone: string;
      readonly routeTableId: pulumi.Input<string>;
    }[];
  }[];
  /** Where the impaired alarms go; without it only the recovery alarm exists. */
  readonly alarmTopicArn?: pulumi.Input<string>;
  readonly region: pulumi.Input<string>;
}

/**
 * The cheap egress of seed 003 ("NAT instance to save cost"): small instances in public subnets, source/dest
 * check off, one security group (all traffic from the VPC in, anything out), reachable by Session Manager,
 * each recovered by EC2 on a system status-check failure and alarmed on when impaired.
 */
export function createNatInstances(
  name: string,
  args: NatInstancesArgs,
  parent: pulumi.Resource,
): aws.ec2.Instance[] {
  const securityGroup = new aws.ec2.SecurityGroup(
    `${name}-nat-sg`,
    { vpcId: args.vpcId, description: "NAT instance: forwards traffic from the VPC to the internet" },
    { parent },
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-nat-from-vpc`,
    {
      securityGroupId: securityGroup.id,
      ipProtocol: "-1",
      cidrIpv4: args.vpcCidr,
      description: "everything the VPC sends out",
    },
    { parent },
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-nat-to-internet`,
    {
      securityGroupId: securityGroup.id,
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
      description: "forwarded egress",
    },
    { parent },
  );
  const profile = ssmInstanceProfile(`${name}-nat`, parent);
  const userData = natUserData();

  return args.instances.map(({ suffix, availabilityZone, publicSubnetId, appRouteTables }) => {
    const role = suffix ? `${name}-nat-${suffix}` : `${name}-nat`;
    const instance = new aws.ec2.Instance(
      role,
      {
        ami: amazonLinux2023(args.instanceType, parent),
        instanceType: args.instanceType,
        subnetId: publicSubnetId,
        availabilityZone,
        vpcSecurityGroupIds: [securityGroup.id],
        associatePublicIpAddress: true,
        sourceDestCheck: false,
        iamInstanceProfile: profile.name,
        userData,
        // EC2's simplified automatic recovery on a system status-check failure (the default, stated so a
        // later default cannot silently turn it off); the alarm below recovers it explicitly as well.
        maintenanceOptions: { autoRecovery: "default" },
        tags: { Name: role },
        ...hardenedInstanceBasics,
      },
      // A newer AMI must not silently replace the NAT of the environment: roll it on purpose.
      { parent, ignoreChanges: ["ami"] },
    );
    for (const table of appRouteTables) {
      new aws.ec2.Route(
        `${name}-app-nat-${azSuffix(table.availabilityZone)}`,
        {
          routeTableId: table.routeTableId,
          destinationCidrBlock: "0.0.0.0/0",
          networkInterfaceId: instance.primaryNetworkInterfaceId,
        },
        { parent },
      );
    }
    createNatAlarms(role, instance, args, parent);
    return instance;
  });
}

/**
 * A system status-check failure (lost host, network, power) recovers the instance onto healthy hardware, same
 * id, IP addresses and volumes (the `arn:aws:automate:<region>:ec2:recover` alarm action); any status-check
 * failure for 3 minutes, or no status data at all (stopped, terminated), is an alarm to the topic.
 */
function createNatAlarms(
  role: string,
  instance: aws.ec2.Instance,
  args: NatInstancesArgs,
  parent: pulumi.Resource,
): void {
  const topic = args.alarmTopicArn ? [args.alarmTopicArn] : [];
  const common = {
    namespace: "AWS/EC2",
    dimensions: { InstanceId: instance.id },
    statistic: "Maximum",
    period: 60,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: 1,
    actionsEnabled: true,
  };
  new aws.cloudwatch.MetricAlarm(
    `${role}-recover`,
    {
      ...common,
      alarmDescription: `NAT instance ${role}: system status check failed for 2 minutes, EC2 recovers it`,
      metricName: "StatusCheckFailed_System",
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      // Recovering needs a failed check: no data (a stopped instance) is for the impaired alarm.
      treatMissingData: "missing",
      alarmActions: [recoverAction(args.region, parent), ...topic],
      okActions: topic,
    },
    { parent },
  );
  if (!args.alarmTopicArn) return;
  new aws.cloudwatch.MetricAlarm(
    `${role}-impaired`,
    {
      ...common,
      alarmDescription: `NAT instance ${role}: status checks failing for 3 minutes, or not reporting (egress of its AZs is down)`,
      metricName: "StatusCheckFailed",
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: "breaching",
      alarmActions: topic,
      okActions: topic,
    },
    { parent },
  );
}

/** The alarm action that has EC2 recover the instance (CloudWatch "Add actions to alarms": EC2 actions). */
const recoverAction = (region: pulumi.Input<string>, parent: pulumi.Resource): pulumi.Output<string> =>
  pulumi.interpolate`arn:${aws.getPartitionOutput({}, { parent }).partition}:automate:${region}:ec2:recover`;
