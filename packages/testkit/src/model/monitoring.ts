import { hex } from "../ids";
import { arn } from "./arn";
import { physicalName } from "./physical-name";
import type { ResourceModel } from "./types";

/** Models for AWS Config and EventBridge Scheduler (the audit monitor and the ops report's schedule). */

const named =
  (maxLength: number): ResourceModel =>
  (m) => {
    const name = physicalName(m, maxLength);
    return { id: name, state: { ...m.inputs, id: name, name } };
  };

const configRule: ResourceModel = (m) => {
  const name = physicalName(m, 128);
  const ruleId = `config-rule-${hex(m.seed, 6)}`;
  return {
    id: name,
    state: { ...m.inputs, id: name, name, ruleId, arn: arn(m, "config", `config-rule/${ruleId}`) },
  };
};

const schedule: ResourceModel = (m) => {
  const name = physicalName(m, 64);
  const group = String(m.inputs["groupName"] ?? "default");
  return {
    // The provider's id is `<group>/<name>`.
    id: `${group}/${name}`,
    state: {
      ...m.inputs,
      id: `${group}/${name}`,
      name,
      groupName: group,
      arn: arn(m, "scheduler", `schedule/${group}/${name}`),
    },
  };
};

export const monitoringModels: Record<string, ResourceModel> = {
  "aws:cfg/recorder:Recorder": named(256),
  "aws:cfg/deliveryChannel:DeliveryChannel": named(256),
  "aws:cfg/recorderStatus:RecorderStatus": (m) => {
    const name = String(m.inputs["name"]);
    return { id: name, state: { ...m.inputs, id: name } };
  },
  "aws:cfg/rule:Rule": configRule,
  "aws:scheduler/schedule:Schedule": schedule,
};
