import * as aws from "./aws";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkRef } from "@cloudblocks/component-kit";
import {
  setupMocks,
  type MockCatalogue,
  type MockEnvironment,
  type RecordedResource,
  scratchDir,
  standardTestTags,
} from "@cloudblocks/testkit";
import { expect } from "chai";
import { AGENT_CONFIG_PATH, WebFleet, type WebFleetArgs } from "../src";

/** The standard tags the stack sets through the provider's defaultTags (as in packages/policies/test/harness.ts). */
export const standardTagValues = standardTestTags;

/** A two-AZ network shaped like HaVpc's outputs (seed 003 plan). */
export const network: NetworkRef = {
  vpcId: "vpc-08e3486799aa74735",
  availabilityZones: ["ap-northeast-2a", "ap-northeast-2c"],
  publicSubnetIds: ["subnet-0pub0a000000000a", "subnet-0pub0c000000000c"],
  appSubnetIds: ["subnet-0app0a000000000a", "subnet-0app0c000000000c"],
  dataSubnetIds: ["subnet-0dat0a000000000a", "subnet-0dat0c000000000c"],
};

export const TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:buddyverse-alarms";

/** prod-like arguments: domain with the zone looked up by name, alarms, defaults everywhere else. */
export const prodArgs: WebFleetArgs = {
  network,
  domainName: "buddyverse.link",
  hostedZoneName: "buddyverse.link",
  alarmTopicArn: TOPIC,
};

/** An image the test account owns, for fleets that pin `amiId`. */
export const PINNED_AMI = "ami-0123456789abcdef0";

/** The shared ALB and listener another stack owns, for fleets that join `existingListener`. */
export const SHARED_LISTENER_ARN =
  "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/shared/0123456789abcdef/fedcba9876543210";
const SHARED_ALB_ARN =
  "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/shared/0123456789abcdef";

/** What the test account holds before the fleet is deployed: the invokes must find these, as AWS would. */
export const testAccount: Partial<MockCatalogue> = {
  hostedZones: [{ name: "buddyverse.link" }],
  images: [
    {
      region: "ap-northeast-2",
      imageId: PINNED_AMI,
      name: "golden-web-2025-12-01",
      ownerId: "123456789012",
      architecture: "x86_64",
      rootDeviceName: "/dev/xvda",
      creationDate: "2025-12-01T00:00:00.000Z",
    },
    {
      region: "ap-northeast-2",
      imageId: "ami-0a1b2c3d4e5f60789",
      name: "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251201",
      ownerId: "099720109477",
      architecture: "x86_64",
      rootDeviceName: "/dev/sda1",
      creationDate: "2025-12-01T00:00:00.000Z",
    },
  ],
  parameters: [
    {
      region: "ap-northeast-2",
      name: "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
      value: "ami-0a1b2c3d4e5f60789",
      type: "String",
      dataType: "aws:ec2:image",
      public: true,
    },
  ],
  loadBalancers: [{ arn: SHARED_ALB_ARN, dnsName: "shared-1234567890.ap-northeast-2.elb.amazonaws.com" }],
  listeners: [{ arn: SHARED_LISTENER_ARN, loadBalancerArn: SHARED_ALB_ARN, port: 443, protocol: "HTTPS" }],
};

export interface Built {
  readonly env: MockEnvironment;
  readonly fleet: WebFleet;
  readonly provider: aws.Provider;
  /** The one resource of a type created by the fleet. */
  one(type: string, name?: string): RecordedResource;
  all(type: string): RecordedResource[];
  find(type: string, name: string): RecordedResource | undefined;
}

/** Builds a fleet under the mocks with a provider carrying the standard defaultTags, and waits until it settles. */
export async function build(args: WebFleetArgs, name = "web"): Promise<Built> {
  const env = setupMocks({ catalogue: testAccount });
  const provider = new aws.Provider("tagged", {
    region: "ap-northeast-2",
    defaultTags: { tags: standardTagValues },
  });
  const fleet = new WebFleet(name, args, { providers: [provider] });
  await env.settle();
  return {
    env,
    fleet,
    provider,
    one: (type, n) => env.recorder.one(type, n),
    all: (type) => env.recorder.ofType(type),
    find: (type, n) => env.recorder.find(type, n),
  };
}

export const T = {
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  policy: "aws:autoscaling/policy:Policy",
  schedule: "aws:autoscaling/schedule:Schedule",
  alb: "aws:lb/loadBalancer:LoadBalancer",
  tg: "aws:lb/targetGroup:TargetGroup",
  listener: "aws:lb/listener:Listener",
  rule: "aws:lb/listenerRule:ListenerRule",
  cert: "aws:acm/certificate:Certificate",
  certValidation: "aws:acm/certificateValidation:CertificateValidation",
  record: "aws:route53/record:Record",
  efs: "aws:efs/fileSystem:FileSystem",
  mountTarget: "aws:efs/mountTarget:MountTarget",
  backup: "aws:efs/backupPolicy:BackupPolicy",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  bucket: "aws:s3/bucket:Bucket",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  profile: "aws:iam/instanceProfile:InstanceProfile",
} as const;

/** The user data script of the recorded launch template. */
export function userDataOf(built: Built): string {
  return Buffer.from(String(built.one(T.lt).inputs["userData"]), "base64").toString("utf8");
}

let scripts = 0;
let scriptDir: string | undefined;

/** `bash -n` on a script written to a temp file: a syntax check that runs nothing. Empty when the syntax is valid. */
export function bashSyntaxErrors(script: string): string {
  scriptDir ??= scratchDir("web-fleet-user-data-");
  const file = join(scriptDir, `user-data-${scripts++}.sh`);
  writeFileSync(file, script);
  const result = spawnSync("bash", ["-n", file], { encoding: "utf8" });
  return result.status === 0 ? "" : result.stderr || `exit ${String(result.status)}`;
}

/** The JSON the script writes for the CloudWatch agent. */
export function agentConfigOf(script: string): Record<string, unknown> {
  const match = new RegExp(
    `cat >"\\$ROOT"'${AGENT_CONFIG_PATH}' <<'CWAGENT_CONFIG'\\n([\\s\\S]*?)\\nCWAGENT_CONFIG\\n`,
  ).exec(script);
  expect(match, "agent config heredoc").to.not.equal(null);
  return JSON.parse(match![1]!) as Record<string, unknown>;
}
