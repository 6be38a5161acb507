import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import type { SecureVersion } from "node:tls";
import type { VerifyOutputs } from "../../src/verify/outputs";
import { LOAD_UNIT } from "../../src/verify/scenarios/cpu-scale";
import { testChain } from "./certs";
import { FakeAws, FakeAwsError } from "./fake-aws";
import { FakeClock } from "./fake-clock";

export const DOMAIN = "buddyverse.test";
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-2";
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:alarms-abc`;
const alarmArn = (region: string, name: string) => `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`;

export interface Instance {
  id: string;
  az: string;
  lifecycle: "InService" | "Terminating";
  running: boolean;
  webUp: boolean;
  /** Fake time the web server stopped / the instance stopped. */
  brokenAt?: number;
  launchedAt: number;
  loaded: boolean;
  groups: string[];
  publicIp?: string;
  efsOk: boolean;
}

interface Alarm {
  region: string;
  state: string;
  threshold: number;
  period: number;
  evaluationPeriods: number;
  history: { type: string; summary: string; at: number }[];
}

/**
 * A healthy deployment of the stack, simulated: the AWS APIs (through {@link FakeAws}) and the site (HTTPS with
 * a test CA, HTTP redirects, the reference app's `/` and `/status` behind a sticky round-robin "ALB") read and
 * change one state, and time comes from a {@link FakeClock}. Tests break one thing to see a scenario fail.
 */
export class World {
  readonly clock = new FakeClock();
  readonly aws = new FakeAws();
  readonly chain = testChain();
  instances: Instance[] = [];
  min = 2;
  max = 4;
  desired = 2;
  healthCheckType = "ELB";
  hc = { interval: 10, unhealthy: 5, healthy: 2 };
  /** How long after its web server stops the ALB calls a target unhealthy (real ALB: interval × threshold). */
  unhealthyAfterMs = 40_000;
  /** How long the group takes from an unhealthy/stopped instance to a healthy replacement. */
  replaceAfterMs = 120_000;
  scaleStepMs = 180_000;
  listenerPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  tlsMax: SecureVersion = "TLSv1.3";
  redirectStatus = 301;
  sticky = true;
  alarms = new Map<string, Alarm>();
  observations = [
    "Success: HTTP Status Code 200, OK",
    "Success: HTTP Status Code 200, OK",
    "Failure: timeout",
  ];
  sshOpenGroup = false;
  efsFiles = new Map<string, string>();
  /** Whether the EFS is really shared (false: each instance sees its own files). */
  efsShared = true;
  egressCode = "200";
  /** Minutes after the ERROR events until the alarm fires (undefined: never). */
  errorAlarmAfterMs: number | undefined = 60_000;
  notificationsDelivered = 1;
  ssmLog: { instance: string; commands: string[] }[] = [];
  /** SSM commands never finish (a stuck agent). */
  ssmHangs = false;
  private nextId = 1;
  private commands = new Map<
    string,
    { instance: string; result: { code: number; out: string; err: string }; visibleAt: number }
  >();
  private https?: https.Server;
  private http?: http.Server;
  private rr = 0;
  httpsPort = 0;
  httpPort = 0;

  constructor() {
    for (const az of ["ap-northeast-2a", "ap-northeast-2c"]) this.launch(az).launchedAt -= 3_600_000;
    for (const name of ["buddyverse-prod-web-cpu-high", "buddyverse-prod-db-cpu"])
      this.addAlarm(REGION, name);
    this.addAlarm("us-east-1", "buddyverse-prod-alarms-sla-alarm");
    this.addAlarm(REGION, "buddyverse-prod-alarms-log-app-errors", {
      threshold: 2,
      period: 60,
      evaluationPeriods: 1,
    });
    this.addAlarm(REGION, "TargetTracking-asg-AlarmHigh-1", {
      threshold: 50,
      period: 60,
      evaluationPeriods: 3,
    });
    this.addAlarm(REGION, "TargetTracking-asg-AlarmLow-1", {
      threshold: 45,
      period: 60,
      evaluationPeriods: 15,
    });
    this.routeAws();
  }

  outputs(): VerifyOutputs {
    return {
      environment: "prod",
      region: REGION,
      siteUrl: `https://${DOMAIN}`,
      vpcId: "vpc-0fake",
      albArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web-alb/1`,
      targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web-tg/1`,
      autoScalingGroupName: "buddyverse-prod-web-asg",
      appLogGroupName: "/cloudblocks/web-fleet/buddyverse-prod-web/abc",
      alarmTopicArn: TOPIC,
      appErrorsAlarmArn: alarmArn(REGION, "buddyverse-prod-alarms-log-app-errors"),
      alarmArns: [...this.alarms.entries()]
        .filter(([name]) => !name.startsWith("TargetTracking"))
        .map(([name, a]) => alarmArn(a.region, name)),
      fileSystemId: "fs-0fake",
      domainName: DOMAIN,
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      healthCheckId: "hc-1",
      dbReaderEndpoints: ["db-replica-1.fake"],
    };
  }

  addAlarm(
    region: string,
    name: string,
    spec: Partial<Pick<Alarm, "threshold" | "period" | "evaluationPeriods">> = {},
  ): void {
    this.alarms.set(name, {
      region,
      state: "OK",
      threshold: 1,
      period: 60,
      evaluationPeriods: 2,
      history: [],
      ...spec,
    });
  }

  launch(az: string): Instance {
    const instance: Instance = {
      id: `i-${String(this.nextId++).padStart(17, "0")}`,
      az,
      lifecycle: "InService",
      running: true,
      webUp: true,
      launchedAt: this.clock.now(),
      loaded: false,
      groups: ["sg-app"],
      efsOk: true,
    };
    this.instances.push(instance);
    return instance;
  }

  serving(): Instance[] {
    return this.instances.filter((i) => i.lifecycle === "InService");
  }

  targetState(i: Instance): string {
    if (
      !i.running ||
      (!i.webUp && i.brokenAt !== undefined && this.clock.now() - i.brokenAt >= this.unhealthyAfterMs)
    )
      return "unhealthy";
    if (this.clock.now() - i.launchedAt < this.hc.interval * this.hc.healthy * 1000) return "initial";
    return "healthy";
  }

  /** What time has done since the last call: replacements, scaling, the error alarm. */
  private tick(): void {
    const now = this.clock.now();
    for (const i of this.serving()) {
      // The group acts on ELB health only with health check type ELB; a stopped instance fails EC2 status.
      const broken = (this.healthCheckType === "ELB" && this.targetState(i) === "unhealthy") || !i.running;
      if (broken && i.brokenAt !== undefined && now - i.brokenAt >= this.replaceAfterMs) {
        i.lifecycle = "Terminating";
        this.instances = this.instances.filter((x) => x !== i);
        this.launch(i.az).launchedAt = now - this.hc.interval * this.hc.healthy * 1000;
      }
    }
    const serving = this.serving();
    const loaded = serving.length > 0 && serving.every((i) => i.loaded);
    if (now - this.lastScale >= this.scaleStepMs) {
      if (loaded && this.desired < this.max) {
        this.desired++;
        this.lastScale = now;
      } else if (!serving.some((i) => i.loaded) && this.desired > this.min) {
        this.desired--;
        this.lastScale = now;
      }
    }
    while (this.serving().length < this.desired)
      this.launch(this.serving().length % 2 ? "ap-northeast-2c" : "ap-northeast-2a").launchedAt = now;
    while (this.serving().length > this.desired)
      this.instances.splice(this.instances.indexOf(this.serving().at(-1)!), 1);
    const appErrors = this.alarms.get("buddyverse-prod-alarms-log-app-errors")!;
    if (
      this.errorsAt !== undefined &&
      this.errorAlarmAfterMs !== undefined &&
      now - this.errorsAt >= this.errorAlarmAfterMs &&
      appErrors.state !== "ALARM"
    ) {
      appErrors.state = "ALARM";
      appErrors.history.push({ type: "Action", summary: `Successfully executed action ${TOPIC}`, at: now });
    }
  }
  private lastScale = this.clock.now();
  private errorsAt?: number;

  /** Runs a fake SSM command: the handful of scripts verify sends, interpreted against the state. */
  private shell(instance: Instance, commands: string[]): { code: number; out: string; err: string } {
    this.ssmLog.push({ instance: instance.id, commands });
    const script = commands.join("\n");
    const files = this.efsShared ? this.efsFiles : new Map<string, string>();
    let match: RegExpExecArray | null;
    if ((match = /systemctl (stop|start) httpd/.exec(script))) {
      instance.webUp = match[1] === "start";
      instance.brokenAt = instance.webUp ? undefined : this.clock.now();
      return { code: 0, out: "", err: "" };
    }
    if (script.includes(`systemd-run --unit=${LOAD_UNIT}`)) {
      instance.loaded = true;
      return { code: 0, out: "Running as unit: cloudblocks-verify-cpu-load.service", err: "" };
    }
    if (script.includes(`systemctl stop ${LOAD_UNIT}`)) {
      instance.loaded = false;
      return { code: 0, out: "", err: "" };
    }
    if ((match = /printf %s (\w+) > (\S+)/.exec(script))) {
      if (!instance.efsOk) return { code: 1, out: "", err: "Read-only file system" };
      this.efsFiles.set(match[2]!, match[1]!);
      return { code: 0, out: "", err: "" };
    }
    if ((match = /cat (\S+)/.exec(script))) {
      const content = files.get(match[1]!);
      this.efsFiles.delete(match[1]!);
      return content === undefined
        ? { code: 1, out: "", err: `cat: ${match[1]}: No such file or directory` }
        : { code: 0, out: content, err: "" };
    }
    if ((match = /rm -f (\S+)/.exec(script))) {
      this.efsFiles.delete(match[1]!);
      return { code: 0, out: "", err: "" };
    }
    if (script.startsWith("curl")) {
      return this.egressCode === "200"
        ? { code: 0, out: "200", err: "" }
        : { code: 28, out: "000", err: "curl: (28) Connection timed out" };
    }
    return { code: 127, out: "", err: `fake shell: unknown script ${script}` };
  }

  private routeAws(): void {
    const tick =
      <T>(f: (p: Record<string, unknown>) => T) =>
      (p: Record<string, unknown>) => {
        this.tick();
        return f(p);
      };
    this.aws
      .on(
        "DescribeAutoScalingGroups",
        tick(() => ({
          AutoScalingGroups: [
            {
              AutoScalingGroupName: "buddyverse-prod-web-asg",
              MinSize: this.min,
              MaxSize: this.max,
              DesiredCapacity: this.desired,
              HealthCheckType: this.healthCheckType,
              Instances: this.instances.map((i) => ({
                InstanceId: i.id,
                LifecycleState: i.lifecycle,
                AvailabilityZone: i.az,
              })),
            },
          ],
        })),
      )
      .on(
        "DescribeTargetHealth",
        tick(() => ({
          TargetHealthDescriptions: this.serving().map((i) => ({
            Target: { Id: i.id, Port: 80 },
            TargetHealth: { State: this.targetState(i) },
          })),
        })),
      )
      .on("DescribeTargetGroups", () => ({
        TargetGroups: [
          {
            HealthCheckIntervalSeconds: this.hc.interval,
            UnhealthyThresholdCount: this.hc.unhealthy,
            HealthyThresholdCount: this.hc.healthy,
          },
        ],
      }))
      .on("DescribeListeners", () => ({
        Listeners: [
          { Port: 80, Protocol: "HTTP" },
          { Port: 443, Protocol: "HTTPS", SslPolicy: this.listenerPolicy },
        ],
      }))
      .on("DescribePolicies", () => ({
        ScalingPolicies: [
          {
            PolicyName: "cpu-target",
            PolicyType: "TargetTrackingScaling",
            EstimatedInstanceWarmup: 300,
            Alarms: [
              { AlarmName: "TargetTracking-asg-AlarmHigh-1" },
              { AlarmName: "TargetTracking-asg-AlarmLow-1" },
            ],
          },
        ],
      }))
      .on(
        "DescribeAlarms",
        tick((p) => {
          const names = Object.entries(p)
            .filter(([k]) => k.startsWith("AlarmNames"))
            .flatMap(([, v]) => v as string[]);
          return {
            MetricAlarms: names
              .filter((n) => this.alarms.has(n))
              .map((n) => {
                const a = this.alarms.get(n)!;
                return {
                  AlarmName: n,
                  StateValue: a.state,
                  Threshold: a.threshold,
                  Period: a.period,
                  EvaluationPeriods: a.evaluationPeriods,
                };
              }),
          };
        }),
      )
      .on("DescribeAlarmHistory", (p) => ({
        AlarmHistoryItems: (this.alarms.get(String(p.AlarmName))?.history ?? []).map((h) => ({
          AlarmName: p.AlarmName,
          HistoryItemType: h.type,
          HistorySummary: h.summary,
          Timestamp: h.at / 1000,
        })),
      }))
      .on(
        "GetMetricStatistics",
        tick((p) => {
          const delivered = String(p.MetricName) === "NumberOfNotificationsDelivered";
          const fired = this.alarms.get("buddyverse-prod-alarms-log-app-errors")!.state === "ALARM";
          const sum = fired ? (delivered ? this.notificationsDelivered : 0) : 0;
          return {
            Label: p.MetricName,
            Datapoints: sum ? [{ Sum: sum, Timestamp: this.clock.now() / 1000 }] : [],
          };
        }),
      )
      .on("CreateLogStream", () => ({}))
      .on("PutLogEvents", (p) => {
        const events = p.logEvents as { message: string }[];
        if (events.filter((e) => /^ERROR /.test(e.message)).length >= 2) this.errorsAt = this.clock.now();
        return { nextSequenceToken: "1" };
      })
      .on("GetHealthCheckStatus", () => ({
        HealthCheckObservations: this.observations.map((s, n) => ({
          Region: `region-${n}`,
          IPAddress: `15.177.0.${n}`,
          StatusReport: { Status: s },
        })),
      }))
      .on("DescribeInstances", () => ({
        reservationSet: [
          {
            instancesSet: this.instances.map((i) => ({
              instanceId: i.id,
              ipAddress: i.publicIp,
              groupSet: i.groups.map((g) => ({ groupId: g })),
            })),
          },
        ],
      }))
      .on("DescribeSecurityGroups", () => ({
        securityGroupInfo: [
          {
            groupId: "sg-app",
            ipPermissions: [{ ipProtocol: "tcp", fromPort: 80, toPort: 80, groups: [{ groupId: "sg-alb" }] }],
          },
          ...(this.sshOpenGroup
            ? [
                {
                  groupId: "sg-ssh",
                  ipPermissions: [
                    { ipProtocol: "tcp", fromPort: 22, toPort: 22, ipv6Ranges: [{ cidrIpv6: "::/0" }] },
                  ],
                },
              ]
            : []),
        ],
      }))
      .on("StopInstances", (p) => {
        const i = this.instances.find((x) => x.id === p["InstanceId.1"]);
        if (i) Object.assign(i, { running: false, brokenAt: this.clock.now() });
        return { instancesSet: [{ instanceId: p["InstanceId.1"] }] };
      })
      .on("StartInstances", (p) => {
        const i = this.instances.find((x) => x.id === p["InstanceId.1"]);
        if (i) Object.assign(i, { running: true, brokenAt: undefined });
        return { instancesSet: [{ instanceId: p["InstanceId.1"] }] };
      })
      .on("SendCommand", (p) => {
        const instanceId = (p.InstanceIds as string[])[0]!;
        const instance = this.instances.find((i) => i.id === instanceId);
        if (!instance) throw new FakeAwsError("InvalidInstanceId", `${instanceId} is not a managed instance`);
        const id = `cmd-${this.commands.size + 1}`;
        const commands = (p.Parameters as { commands: string[] }).commands;
        this.commands.set(id, {
          instance: instanceId,
          result: this.shell(instance, commands),
          visibleAt: this.clock.now() + 1,
        });
        return { Command: { CommandId: id } };
      })
      .on("GetCommandInvocation", (p) => {
        const command = this.commands.get(String(p.CommandId));
        if (!command || this.clock.now() < command.visibleAt)
          throw new FakeAwsError("InvocationDoesNotExist");
        if (this.ssmHangs) return { Status: "InProgress", ResponseCode: -1 };
        const { code, out, err } = command.result;
        return {
          Status: code === 0 ? "Success" : "Failed",
          ResponseCode: code,
          StandardOutputContent: out,
          StandardErrorContent: err,
        };
      });
  }

  /** The site: HTTPS with the test chain, HTTP redirecting, and the reference app behind a sticky "ALB". */
  private app(req: http.IncomingMessage, res: http.ServerResponse): void {
    const cookie = /AWSALB=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
    const pool = this.serving().filter((i) => this.targetState(i) === "healthy");
    let instance = this.sticky && cookie ? pool.find((i) => i.id === cookie) : undefined;
    if (!instance) instance = pool[this.rr++ % pool.length];
    if (!instance) {
      res.writeHead(503).end();
      return;
    }
    const headers = { "content-type": "application/json", "set-cookie": `AWSALB=${instance.id}; Path=/` };
    if (req.url === "/status") {
      const ok = instance.efsOk;
      res.writeHead(ok ? 200 : 503, headers).end(
        JSON.stringify({
          ok,
          instanceId: instance.id,
          efs: {
            static: { mounted: true, writable: instance.efsOk, ms: 3 },
            media: { mounted: true, writable: instance.efsOk, ms: 3 },
          },
          database: {
            writer: { host: "db-writer.fake", ok: true, ms: 4 },
            readers: [{ host: "db-replica-1.fake", ok: true, ms: 5 }],
          },
        }),
      );
      return;
    }
    res.writeHead(200, headers).end(
      JSON.stringify({
        instanceId: instance.id,
        availabilityZone: instance.az,
        lbCookie: cookie !== undefined,
      }),
    );
  }

  async start(): Promise<this> {
    await this.aws.start();
    this.https = https.createServer(
      { key: this.chain.key, cert: this.chain.cert, maxVersion: this.tlsMax },
      (q, s) => this.app(q, s),
    );
    this.http = http.createServer((req, res) => {
      res
        .writeHead(this.redirectStatus, {
          location: `https://${req.headers.host?.replace(/:\d+$/, "")}${req.url}`,
        })
        .end();
    });
    await new Promise<void>((r) => this.https!.listen(0, "127.0.0.1", r));
    await new Promise<void>((r) => this.http!.listen(0, "127.0.0.1", r));
    this.httpsPort = (this.https.address() as AddressInfo).port;
    this.httpPort = (this.http.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await this.aws.stop();
    for (const server of [this.https, this.http]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }
}
