import type * as pulumi from "@pulumi/pulumi";

/**
 * The network a component is placed in. `HaVpc` satisfies it by shape; a project with its own VPC can build
 * one from plain ids. Every per-AZ list is index-aligned with `availabilityZones`, and its length is known
 * when the program is constructed (no resource is ever created inside an apply).
 */
export interface NetworkRef {
  /** The VPC id. */
  readonly vpcId: pulumi.Input<string>;
  /** AZ names, e.g. `["ap-northeast-2a", "ap-northeast-2c"]`. */
  readonly availabilityZones: string[];
  /** Subnets with a route to the internet gateway (load balancers, NAT, bastion). */
  readonly publicSubnetIds: pulumi.Input<string>[];
  /** Private subnets with egress through NAT (the web/app tier). */
  readonly appSubnetIds: pulumi.Input<string>[];
  /** Private subnets with no route to the internet (databases). */
  readonly dataSubnetIds: pulumi.Input<string>[];
}

/** Where alarms go: an SNS topic ARN (`AlarmingPipeline.alarmTopicArn`, or a topic of your own). */
export interface AlarmSink {
  readonly alarmTopicArn: pulumi.Input<string>;
}

/** A CloudWatch metric a component publishes, described so a dashboard can graph it without knowing the component. */
export interface MetricDescriptor {
  /** Stable key, e.g. `fleet.cpu`, `db.replicaLag.a`. */
  readonly id: string;
  /** Widget title, e.g. "Fleet CPU (average %)". */
  readonly title: string;
  /** CloudWatch namespace, e.g. `AWS/RDS`. */
  readonly namespace: string;
  /** CloudWatch metric name. */
  readonly metricName: string;
  /** Metric dimensions, e.g. `{ DBInstanceIdentifier: "…" }`. */
  readonly dimensions: Readonly<Record<string, pulumi.Input<string>>>;
  /** CloudWatch statistic: Average, Sum, Maximum, Minimum, SampleCount or a percentile such as p99. */
  readonly stat: string;
  /** Seconds. @default 60 */
  readonly period?: number;
  /** Region of the metric when it is not the stack's (Route 53 health checks publish in us-east-1). */
  readonly region?: string;
}

/**
 * How an app reaches a database: what a fleet needs to connect and to read the credentials itself at run time.
 * `MonitoredDatabase.connection` satisfies it; a project with its own database builds one from plain values.
 * It never carries the password: the app reads the secret (JSON with `username` and `password`, as RDS writes
 * it) from Secrets Manager, decrypted with `kmsKeyArn` through Secrets Manager only.
 */
export interface DatabaseRef {
  /** The writer's host name (no port). */
  readonly writerHost: pulumi.Input<string>;
  /** One host name per read replica (may be empty). */
  readonly readerHosts: pulumi.Input<string[]>;
  /** The MySQL port. */
  readonly port: pulumi.Input<number>;
  /** ARN of the Secrets Manager secret holding the credentials. */
  readonly secretArn: pulumi.Input<string>;
  /** ARN of the customer-managed KMS key that encrypts the secret. */
  readonly kmsKeyArn: pulumi.Input<string>;
}
