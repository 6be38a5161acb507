import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import {
  rejectArg,
  validateArgs,
  withCostAllocationTag,
  type AlarmSink,
  type MetricDescriptor,
} from "@cloudblocks/component-kit";
import { createLogAlarm, createMetricAlarm } from "./alarms";
import type { AlarmingPipelineArgs, LogAlarmArgs, MetricAlarmArgs, OpsReportArgs } from "./args";
import { createAwsConfig } from "./aws-config";
import { createCostBudget } from "./budget";
import { accountContext, GLOBAL_METRICS_REGION, type AccountContext } from "./context";
import { AlarmDashboard } from "./dashboard";
import {
  autoScalingPattern,
  createSchedule,
  ROOT_ACTIVITY_PATTERN,
  ruleToTopic,
  SIGNIN_FAILURE_PATTERN,
} from "./events";
import { createNotifier } from "./notifier";
import { createWebhookSecret } from "./webhook-secret";
import { createOpsReport, type OpsReport } from "./ops-report";
import {
  idSchema,
  logAlarmSchema,
  metricAlarmSchema,
  opsReportSchema,
  validateAlarmingPipelineArgs,
} from "./schema";
import { createSlaMonitor } from "./sla";
import { createAlarmTopic, createDeliveryStatusRole, type AlarmTopic } from "./topic";
import { createAuditTrail } from "./trail";

const COMPONENT = "AlarmingPipeline";

/**
 * Monitoring, alerting and audit for one environment (ALM-1 … ALM-9): an encrypted alarm topic with e-mail
 * subscriptions, an optional chat notifier, log/metric/event alarms, an optional CloudTrail trail with the CIS
 * alarms, an SLA check and a cost budget. Other components take it as an {@link AlarmSink}.
 */
export class AlarmingPipeline extends pulumi.ComponentResource implements AlarmSink {
  /** Where alarms go (ALM-1); give it to WebFleet and MonitoredDatabase. */
  readonly alarmTopicArn: pulumi.Output<string>;
  /** The topic's customer-managed KMS key. */
  readonly alarmTopicKeyArn: pulumi.Output<string>;
  /** The us-east-1 topic for alarms on metrics that only exist there (Route 53); undefined without them. */
  readonly globalAlarmTopicArn: pulumi.Output<string | undefined>;
  /**
   * ARN of the secret holding the chat webhook URL: the caller's, or the one the pipeline created (put the URL
   * with `aws secretsmanager put-secret-value --secret-id <arn> --secret-string <url>`); undefined with chat off.
   */
  readonly webhookSecretArn: pulumi.Output<string | undefined>;
  /** The chat notifier's function name; undefined with chat off. */
  readonly notifierFunctionName: pulumi.Output<string | undefined>;
  /** The notifier's dead-letter queue URL; undefined without a webhook secret. */
  readonly notifierDeadLetterQueueUrl: pulumi.Output<string | undefined>;
  /** The audit trail's ARN; undefined without `auditTrail`. */
  readonly trailArn: pulumi.Output<string | undefined>;
  /** The trail's CloudWatch log group; undefined without `auditTrail`. */
  readonly trailLogGroupName: pulumi.Output<string | undefined>;
  /** The Route 53 health check id; undefined without `slaMonitor`. */
  readonly healthCheckId: pulumi.Output<string | undefined>;
  /** ARNs of every alarm created at construction (for the dashboard's alarm widget). */
  readonly alarmArns: pulumi.Output<string[]>;
  /** The AWS Config recorder's name; undefined without `awsConfig`. */
  readonly configRecorderName: pulumi.Output<string | undefined>;

  /** @internal */
  private readonly prefix: string;
  /** @internal */
  private readonly topic: AlarmTopic;
  /** @internal */
  private readonly alarms: aws.cloudwatch.MetricAlarm[] = [];
  /** @internal */
  private readonly ctx: AccountContext;
  /** @internal */
  private readonly logRetentionDays: number;
  /** @internal */
  private readonly sla?: { readonly id: pulumi.Output<string>; readonly url: string };
  /** @internal */
  private readonly budgetUsd?: number;
  /** @internal */
  private opsReport?: OpsReport;
  /** Ids taken per kind: a second alarm or rule with one would collide with the first's resource names. @internal */
  private readonly takenIds = {
    logAlarm: new Set<string>(),
    metricAlarm: new Set<string>(),
    autoScalingEvents: new Set<string>(),
  };

  constructor(name: string, args: AlarmingPipelineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // ALL-1: reject bad input before anything is registered.
    validateAlarmingPipelineArgs(args);
    super("cloudblocks:index:AlarmingPipeline", name, {}, withCostAllocationTag(name, opts));
    for (const spec of args.logAlarms ?? []) this.takenIds.logAlarm.add(spec.id);
    for (const spec of args.metricAlarms ?? []) this.takenIds.metricAlarm.add(spec.id);
    this.prefix = name;
    this.ctx = accountContext(this);
    const logRetentionDays = args.logRetentionDays ?? 365;
    this.logRetentionDays = logRetentionDays;
    const emailAddresses = args.emailAddresses ?? [];

    // ALM-1: the alarm topic.
    const deliveryStatusRole = createDeliveryStatusRole(`${name}-delivery-status`, this, this.ctx);
    this.topic = createAlarmTopic(`${name}-topic`, {
      parent: this,
      ctx: this.ctx,
      emailAddresses,
      deliveryStatusRole,
      logRetentionDays,
    });
    const topicArn = this.topic.topic.arn;
    const publishers = [this.topic.policy];

    // Route 53 metrics live only in us-east-1, and alarm actions must be in the alarm's region. CloudTrail also
    // records global-service events there (root and global-endpoint console sign-ins), so the security rules
    // need a us-east-1 topic too.
    // The rules match CloudTrail detail types ("AWS API Call via CloudTrail", sign-ins), which EventBridge
    // receives only while a trail is logging (EventBridge User Guide, "AWS service events delivered via AWS
    // CloudTrail"): without this pipeline's trail they would never fire, so they are on by default only with it.
    const securityEvents = args.securityEvents ?? args.auditTrail !== undefined;
    const global =
      args.slaMonitor || securityEvents
        ? createAlarmTopic(`${name}-global-topic`, {
            parent: this,
            ctx: this.ctx,
            region: GLOBAL_METRICS_REGION,
            emailAddresses,
            deliveryStatusRole,
            logRetentionDays,
          })
        : undefined;

    // ALM-2: the chat notifier, with the caller's webhook secret or one of its own (empty until ops put the URL).
    const chat = args.chatNotifier ?? true;
    const ownSecret =
      chat && !args.webhookSecretArn ? createWebhookSecret(`${name}-webhook`, this.ctx, this) : undefined;
    const notifier = chat
      ? createNotifier(`${name}-notifier`, {
          parent: this,
          ctx: this.ctx,
          secretArn: ownSecret ? ownSecret.secret.arn : args.webhookSecretArn!,
          secretKmsKeyArn: ownSecret ? ownSecret.key.arn : args.webhookSecretKmsKeyArn,
          logRetentionDays,
          topics: [
            { key: "alarm-topic", topic: this.topic.topic },
            ...(global ? [{ key: "global-topic", topic: global.topic, region: GLOBAL_METRICS_REGION }] : []),
          ],
        })
      : undefined;
    if (notifier) {
      // Seed 004: a function erring 3 or more times in a period; and anything the DLQ caught.
      this.alarms.push(
        createMetricAlarm(
          `${name}-notifier`,
          {
            id: "errors",
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: notifier.fn.name },
            statistic: "Sum",
            period: 300,
            evaluationPeriods: 1,
            threshold: args.notifierErrorThreshold ?? 3,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            description:
              "The chat notifier failed to deliver messages (they are retried, then kept in its dead-letter queue)",
          },
          topicArn,
          this,
        ),
        createMetricAlarm(
          `${name}-notifier`,
          {
            id: "dead-letters",
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: notifier.deadLetterQueue.name },
            statistic: "Maximum",
            period: 300,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            treatMissingData: "notBreaching",
            description: "Chat messages the notifier gave up on are waiting in its dead-letter queue",
          },
          topicArn,
          this,
        ),
      );
    }

    // ALM-3, ALM-4.
    for (const spec of args.logAlarms ?? []) this.alarms.push(createLogAlarm(name, spec, topicArn, this));
    for (const spec of args.metricAlarms ?? [])
      this.alarms.push(createMetricAlarm(name, spec, topicArn, this));

    // ALM-5: events.
    if ((args.autoScalingGroupNames ?? []).length > 0)
      this.addAutoScalingEvents("fleet", args.autoScalingGroupNames ?? []);
    if (securityEvents) {
      // In the home region (regional sign-in endpoints, root API calls there) and in us-east-1 (root and
      // global-endpoint sign-ins): EventBridge only sees events of its own region.
      const places = [
        { suffix: "", topic: { arn: topicArn }, publishers },
        ...(global
          ? [
              {
                suffix: "-global",
                topic: { arn: global.topic.arn, region: GLOBAL_METRICS_REGION },
                publishers: [global.policy],
              },
            ]
          : []),
      ];
      for (const place of places) {
        ruleToTopic(
          `${name}-signin-failures${place.suffix}`,
          "Console sign-in failures",
          JSON.stringify(SIGNIN_FAILURE_PATTERN),
          place.topic,
          this,
          place.publishers,
        );
        ruleToTopic(
          `${name}-root-activity${place.suffix}`,
          "Any use of the root user",
          JSON.stringify(ROOT_ACTIVITY_PATTERN),
          place.topic,
          this,
          place.publishers,
        );
      }
    }
    for (const spec of args.schedules ?? []) createSchedule(name, spec, this);

    // ALM-6.
    const audit = args.auditTrail
      ? createAuditTrail(`${name}-trail`, args.auditTrail, topicArn, this.ctx, this)
      : undefined;
    if (audit) this.alarms.push(...audit.alarms);

    // ALM-8, ALM-9.
    const sla =
      args.slaMonitor && global
        ? createSlaMonitor(`${name}-sla`, args.slaMonitor, global.topic.arn, this)
        : undefined;
    if (sla) this.alarms.push(sla.alarm);
    if (sla && args.slaMonitor) this.sla = { id: sla.healthCheck.id, url: args.slaMonitor.url };
    if (args.costBudget) createCostBudget(name, args.costBudget, topicArn, this, publishers);
    this.budgetUsd = args.costBudget?.monthlyLimitUsd;

    // Issue 12: AWS Config as the audit monitor.
    const config = args.awsConfig
      ? createAwsConfig(`${name}-config`, args.awsConfig, this.ctx, this)
      : undefined;

    // Consumers of the ARN (RDS event subscriptions, other stacks' alarms) depend on the topic policy through
    // it: a publisher created before the policy exists would have its first deliveries refused.
    this.alarmTopicArn = pulumi.all([topicArn, this.topic.policy.id]).apply(([arn]) => arn);
    this.alarmTopicKeyArn = this.topic.key.arn;
    this.globalAlarmTopicArn = global ? global.topic.arn : pulumi.output(undefined);
    this.webhookSecretArn = ownSecret
      ? ownSecret.secret.arn
      : pulumi.output(chat ? args.webhookSecretArn : undefined);
    this.notifierFunctionName = notifier ? notifier.fn.name : pulumi.output(undefined);
    this.notifierDeadLetterQueueUrl = notifier ? notifier.deadLetterQueue.url : pulumi.output(undefined);
    this.trailArn = audit ? audit.trail.arn : pulumi.output(undefined);
    this.trailLogGroupName = audit ? audit.logGroup.name : pulumi.output(undefined);
    this.healthCheckId = sla ? sla.healthCheck.id : pulumi.output(undefined);
    this.alarmArns = pulumi.all(this.alarms.map((a) => a.arn));
    this.configRecorderName = config ? config.recorder.name : pulumi.output(undefined);
    this.registerOutputs({
      configRecorderName: this.configRecorderName,
      alarmTopicArn: this.alarmTopicArn,
      alarmTopicKeyArn: this.alarmTopicKeyArn,
      globalAlarmTopicArn: this.globalAlarmTopicArn,
      webhookSecretArn: this.webhookSecretArn,
      notifierFunctionName: this.notifierFunctionName,
      notifierDeadLetterQueueUrl: this.notifierDeadLetterQueueUrl,
      trailArn: this.trailArn,
      trailLogGroupName: this.trailLogGroupName,
      healthCheckId: this.healthCheckId,
      alarmArns: this.alarmArns,
    });
  }

  /** Adds a log alarm after construction (e.g. once the fleet's log group exists). Validated like `args.logAlarms`. */
  addLogAlarm(spec: LogAlarmArgs): aws.cloudwatch.MetricAlarm {
    validateArgs(COMPONENT, logAlarmSchema, spec, "logAlarm");
    this.takeId("logAlarm", spec.id);
    const alarm = createLogAlarm(this.prefix, spec, this.topic.topic.arn, this);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Adds a metric alarm after construction. Validated like `args.metricAlarms`. */
  addMetricAlarm(spec: MetricAlarmArgs): aws.cloudwatch.MetricAlarm {
    validateArgs(COMPONENT, metricAlarmSchema, spec, "metricAlarm");
    this.takeId("metricAlarm", spec.id);
    const alarm = createMetricAlarm(this.prefix, spec, this.topic.topic.arn, this);
    this.alarms.push(alarm);
    return alarm;
  }

  /**
   * Adds the scheduled ops report (issue 12): availability from the SLA check, spend by component against the
   * budget, the given Auto Scaling groups' activities and the alarms that fired, posted to the alarm topic on
   * `spec.schedule`. Its own alarms: errors ≥ `errorThreshold` in a schedule period, and any dead letter.
   * Called once the fleet exists (it needs the group names). Validated like the constructor's args.
   */
  addOpsReport(spec: OpsReportArgs = {}): OpsReport {
    validateArgs(COMPONENT, opsReportSchema, spec, "opsReport");
    if (this.opsReport)
      throw new Error(
        `${COMPONENT} "${this.prefix}": addOpsReport: got a second report; allowed: one per pipeline`,
      );
    const topicArn = this.topic.topic.arn;
    const report = createOpsReport(`${this.prefix}-ops-report`, {
      parent: this,
      ctx: this.ctx,
      spec,
      topic: { arn: topicArn, keyArn: this.topic.key.arn },
      logRetentionDays: this.logRetentionDays,
      title: `Ops report ${this.prefix}`,
      healthCheck: this.sla,
      budgetUsd: this.budgetUsd,
      alarmRegions: this.sla ? [this.ctx.region, GLOBAL_METRICS_REGION] : [this.ctx.region],
    });
    this.opsReport = report;
    report.alarms.push(
      createMetricAlarm(
        `${this.prefix}-ops-report`,
        {
          id: "errors",
          namespace: "AWS/Lambda",
          metricName: "Errors",
          dimensions: { FunctionName: report.fn.name },
          statistic: "Sum",
          period: report.periodSeconds,
          evaluationPeriods: 1,
          threshold: spec.errorThreshold ?? 3,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          description: "The ops report failed (a failed run errs 3 times: the run and Lambda's 2 retries)",
        },
        topicArn,
        this,
      ),
      createMetricAlarm(
        `${this.prefix}-ops-report`,
        {
          id: "dead-letters",
          namespace: "AWS/SQS",
          metricName: "ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: report.deadLetterQueue.name },
          statistic: "Maximum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          description:
            "Ops report runs that failed after retries (or that Scheduler could not deliver) wait in its dead-letter queue",
        },
        topicArn,
        this,
      ),
    );
    this.alarms.push(...report.alarms);
    return report;
  }

  /** Sends launch/terminate events (successful or not) of these Auto Scaling groups to the topic (ALM-5). */
  addAutoScalingEvents(id: string, groupNames: readonly pulumi.Input<string>[]): aws.cloudwatch.EventRule {
    validateArgs(COMPONENT, idSchema, id, "autoScalingEvents.id");
    this.takeId("autoScalingEvents", id);
    return ruleToTopic(
      `${this.prefix}-asg-${id}`,
      "Auto Scaling launch and terminate results",
      autoScalingPattern(groupNames),
      { arn: this.topic.topic.arn },
      this,
      [this.topic.policy],
    );
  }

  /** Refuses an id this pipeline already uses for the same kind, before anything is created for it. @internal */
  private takeId(kind: keyof AlarmingPipeline["takenIds"], id: string): void {
    const taken = this.takenIds[kind];
    if (taken.has(id)) {
      rejectArg(
        COMPONENT,
        `${kind}.id`,
        id,
        `allowed: an id no other ${kind === "autoScalingEvents" ? "Auto Scaling event rule" : kind === "logAlarm" ? "log alarm" : "metric alarm"} of this pipeline has (taken: ${[...taken].join(", ")})`,
      );
    }
    taken.add(id);
  }

  /**
   * Creates the dashboard (ALM-7) as a child, from the metric descriptors of the fleet and the database, with
   * an alarm-status widget of every alarm this pipeline has created so far plus `extraAlarmArns`.
   */
  createDashboard(
    metrics: readonly MetricDescriptor[],
    extraAlarmArns: pulumi.Input<readonly pulumi.Input<string>[]> = [],
    dashboardName?: string,
  ): AlarmDashboard {
    return new AlarmDashboard(
      `${this.prefix}-dashboard`,
      {
        metrics,
        // The alarm widget shows at most 100 alarms: the pipeline's own first, then the others'.
        alarmArns: pulumi
          .all([pulumi.all(this.alarms.map((a) => a.arn)), pulumi.output(extraAlarmArns)])
          .apply(([own, extra]) => [...own, ...extra].slice(0, 100)),
        dashboardName,
      },
      { parent: this },
    );
  }
}
