import { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { Route53Client } from "@aws-sdk/client-route-53";
import { SSMClient } from "@aws-sdk/client-ssm";

/** The services verify calls, with the IAM prefix of their actions. */
const SERVICES = {
  autoscaling: AutoScalingClient,
  cloudwatch: CloudWatchClient,
  logs: CloudWatchLogsClient,
  ec2: EC2Client,
  elasticloadbalancing: ElasticLoadBalancingV2Client,
  route53: Route53Client,
  ssm: SSMClient,
} as const;

export type Service = keyof typeof SERVICES;
/** An SDK v3 command's output type, read from its middleware handler (`Handler<Input, Output>`). */
type OutputOf<C> = C extends {
  resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer O }>;
}
  ? O
  : never;

export interface AwsOptions {
  readonly region: string;
  /** Send every call here instead of AWS (the tests' local fakes). */
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
  readonly maxAttempts?: number;
}

export class UndeclaredActionError extends Error {
  constructor(action: string, scenario: string) {
    super(`${action} is not in the permissions scenario "${scenario}" declares (permissions.ts)`);
    this.name = "UndeclaredActionError";
  }
}

/** The IAM action an SDK command needs: `elasticloadbalancing` + `DescribeListenersCommand` → `elasticloadbalancing:DescribeListeners`. */
export function actionOf(service: Service, command: object): string {
  return `${service}:${command.constructor.name.replace(/Command$/, "")}`;
}

/**
 * Every AWS call of a scenario goes through here, and only actions the scenario declares may be called: the
 * README's permission list is rendered from the same declarations, so the two cannot drift (tests run every
 * scenario path through this check).
 */
export class Aws {
  private readonly clients = new Map<string, { send(command: unknown): Promise<unknown> }>();

  constructor(
    private readonly options: AwsOptions,
    private readonly allowed: ReadonlySet<string> = new Set(),
    private readonly scenario = "(none)",
  ) {}

  /** The same clients, limited to what `scenario` declares. */
  forScenario(scenario: string, actions: readonly string[]): Aws {
    const scoped = new Aws(this.options, new Set(actions), scenario);
    (scoped as unknown as { clients: Map<string, unknown> }).clients = this.clients;
    return scoped;
  }

  send<C extends object>(service: Service, command: C, region = this.options.region): Promise<OutputOf<C>> {
    const action = actionOf(service, command);
    if (!this.allowed.has(action)) return Promise.reject(new UndeclaredActionError(action, this.scenario));
    return this.client(service, region).send(command) as Promise<OutputOf<C>>;
  }

  private client(service: Service, region: string) {
    const key = `${service}@${region}`;
    let client = this.clients.get(key);
    if (!client) {
      const Client = SERVICES[service] as unknown as new (config: object) => {
        send(c: unknown): Promise<unknown>;
      };
      client = new Client({
        region,
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
        ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
        ...(this.options.maxAttempts ? { maxAttempts: this.options.maxAttempts } : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }
}
