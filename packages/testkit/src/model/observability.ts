import { hex, uuid } from "../ids";
import { arn } from "./arn";
import { physicalName } from "./physical-name";
import type { ResourceModel } from "./types";

const logGroup: ResourceModel = (m) => {
  const name = physicalName(m, 512);
  return { id: name, state: { ...m.inputs, id: name, name, arn: arn(m, "logs", `log-group:${name}`) } };
};

const metricAlarm: ResourceModel = (m) => {
  const name = physicalName(m);
  return { id: name, state: { ...m.inputs, id: name, name, arn: arn(m, "cloudwatch", `alarm:${name}`) } };
};

const eventRule: ResourceModel = (m) => {
  const name = physicalName(m, 64);
  const bus = String(m.inputs["eventBusName"] ?? "default");
  const path = bus === "default" ? `rule/${name}` : `rule/${bus}/${name}`;
  return { id: name, state: { ...m.inputs, id: name, name, arn: arn(m, "events", path) } };
};

const topic: ResourceModel = (m) => {
  const name = physicalName(m, 256);
  const topicArn = arn(m, "sns", name);
  return {
    id: topicArn,
    state: { ...m.inputs, id: topicArn, name, arn: topicArn, owner: m.account.accountId },
  };
};

const subscription: ResourceModel = (m) => {
  const id = `${String(m.inputs["topic"] ?? arn(m, "sns", "topic"))}:${uuid(m.seed)}`;
  return { id, state: { ...m.inputs, id, arn: id, ownerId: m.account.accountId } };
};

const trail: ResourceModel = (m) => {
  const name = physicalName(m, 128);
  const trailArn = arn(m, "cloudtrail", `trail/${name}`);
  return { id: trailArn, state: { ...m.inputs, id: trailArn, name, arn: trailArn, homeRegion: m.region } };
};

const dashboard: ResourceModel = (m) => {
  const name = physicalName(m);
  return {
    id: name,
    state: {
      ...m.inputs,
      id: name,
      dashboardName: name,
      dashboardArn: arn(m, "cloudwatch", `dashboard/${name}`, ""),
    },
  };
};

export const observabilityModels: Record<string, ResourceModel> = {
  "aws:cloudwatch/logGroup:LogGroup": logGroup,
  "aws:cloudwatch/metricAlarm:MetricAlarm": metricAlarm,
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": metricAlarm,
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": (m) => {
    const name = physicalName(m, 512);
    return { id: name, state: { ...m.inputs, id: name, name } };
  },
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": (m) => ({
    id: `cwlsf-${hex(m.seed, 10)}`,
    state: { ...m.inputs },
  }),
  "aws:cloudwatch/dashboard:Dashboard": dashboard,
  "aws:cloudwatch/eventRule:EventRule": eventRule,
  "aws:cloudwatch/eventTarget:EventTarget": (m) => {
    const targetId = String(m.inputs["targetId"] ?? `${m.name}-${hex(m.seed, 8)}`);
    return { id: `${String(m.inputs["rule"] ?? "rule")}-${targetId}`, state: { ...m.inputs, targetId } };
  },
  "aws:sns/topic:Topic": topic,
  "aws:sns/topicSubscription:TopicSubscription": subscription,
  "aws:sns/topicPolicy:TopicPolicy": (m) => ({
    id: String(m.inputs["arn"] ?? m.name),
    state: { ...m.inputs, owner: m.account.accountId },
  }),
  "aws:cloudtrail/trail:Trail": trail,
  "aws:sqs/queue:Queue": (m) => {
    const name = physicalName(m, 80);
    const url = `https://sqs.${m.region}.amazonaws.com/${m.account.accountId}/${name}`;
    return { id: url, state: { ...m.inputs, id: url, url, name, arn: arn(m, "sqs", name) } };
  },
  "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy": (m) => ({
    id: String(m.inputs["queueUrl"] ?? m.name),
    state: { ...m.inputs },
  }),
  "aws:sqs/queuePolicy:QueuePolicy": (m) => ({
    id: String(m.inputs["queueUrl"] ?? m.name),
    state: { ...m.inputs },
  }),
  "aws:route53/healthCheck:HealthCheck": (m) => {
    const id = uuid(m.seed);
    return { id, state: { ...m.inputs, id, arn: `arn:${m.account.partition}:route53:::healthcheck/${id}` } };
  },
  "aws:budgets/budget:Budget": (m) => {
    const name = physicalName(m, 100);
    return {
      id: `${m.account.accountId}:${name}`,
      state: {
        ...m.inputs,
        name,
        arn: `arn:${m.account.partition}:budgets::${m.account.accountId}:budget/${name}`,
      },
    };
  },
  "aws:synthetics/canary:Canary": (m) => {
    const name = physicalName(m, 21).toLowerCase();
    return {
      id: name,
      state: {
        ...m.inputs,
        id: name,
        name,
        arn: arn(m, "synthetics", `canary:${name}`),
        engineArn: arn(m, "lambda", `function:cwsyn-${name}-${uuid(m.seed)}`),
      },
    };
  },
};
