import { outputOf, setupMocks, type MockEnvironment, type RecordedResource } from "@cloudblocks/testkit";
import type * as pulumi from "@pulumi/pulumi";
import { MonitoredDatabase, type MonitoredDatabaseArgs } from "../src";

export const T = {
  instance: "aws:rds/instance:Instance",
  parameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  optionGroup: "aws:rds/optionGroup:OptionGroup",
  subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
  eventSubscription: "aws:rds/eventSubscription:EventSubscription",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  kmsKey: "aws:kms/key:Key",
  role: "aws:iam/role:Role",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
} as const;

export interface Built {
  readonly env: MockEnvironment;
  readonly db: MonitoredDatabase;
}

/** Constructs a database under fresh mocks and waits until every registration has settled. */
export async function build(
  args: MonitoredDatabaseArgs,
  name = "prod-db",
  opts?: pulumi.ComponentResourceOptions,
): Promise<Built> {
  const env = setupMocks();
  const db = new MonitoredDatabase(name, args, opts);
  await env.settle();
  return { env, db };
}

export function alarm(env: MockEnvironment, name: string): RecordedResource {
  return env.recorder.one(T.alarm, name);
}

/** Every string value under a key that looks like a credential, anywhere in a value. */
export function passwordLikeValues(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => passwordLikeValues(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => {
      const here = path ? `${path}.${k}` : k;
      const own =
        /pass(word)?|secret(string|value)?$|credential/i.test(k) && typeof v === "string" && v !== ""
          ? [`${here}=${v}`]
          : [];
      return [...own, ...passwordLikeValues(v, here)];
    });
  }
  return [];
}

export { outputOf };
