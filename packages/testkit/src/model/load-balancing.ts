import { albHostedZoneId } from "../context";
import { hex } from "../ids";
import { arn } from "./arn";
import { physicalName } from "./physical-name";
import type { ModelInput, ModelledResource, ResourceModel } from "./types";

/** ALB and target-group names: at most 32 characters, as Elastic Load Balancing allows. */
function elbName(m: ModelInput): string {
  return physicalName(m, 32);
}

const loadBalancer: ResourceModel = (m) => {
  const name = elbName(m);
  const suffix = `app/${name}/${hex(m.seed, 16)}`;
  const id = arn(m, "elasticloadbalancing", `loadbalancer/${suffix}`);
  const scheme = m.inputs["internal"] ? "internal-" : "";
  return {
    id,
    state: {
      ...m.inputs,
      id,
      arn: id,
      arnSuffix: suffix,
      name,
      dnsName: `${scheme}${name}-${parseInt(hex(m.seed, 8), 16)}.${m.region}.elb.amazonaws.com`,
      zoneId: albHostedZoneId(m.region),
      loadBalancerType: m.inputs["loadBalancerType"] ?? "application",
    },
  };
};

const targetGroup: ResourceModel = (m) => {
  const name = elbName(m);
  const suffix = `targetgroup/${name}/${hex(m.seed, 16)}`;
  const id = arn(m, "elasticloadbalancing", suffix);
  return { id, state: { ...m.inputs, id, arn: id, arnSuffix: suffix, name } };
};

function listenerLike(kind: string): ResourceModel {
  return (m): ModelledResource => {
    const parent = String(m.inputs["loadBalancerArn"] ?? m.inputs["listenerArn"] ?? "");
    const parentPath =
      parent
        .split(":")
        .pop()
        ?.replace(/^(loadbalancer|listener)\//, "") ?? "app/lb/0";
    const id = arn(m, "elasticloadbalancing", `${kind}/${parentPath}/${hex(m.seed, 16)}`);
    return { id, state: { ...m.inputs, id, arn: id } };
  };
}

export const loadBalancingModels: Record<string, ResourceModel> = {
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:lb/targetGroup:TargetGroup": targetGroup,
  "aws:alb/targetGroup:TargetGroup": targetGroup,
  "aws:lb/listener:Listener": listenerLike("listener"),
  "aws:alb/listener:Listener": listenerLike("listener"),
  "aws:lb/listenerRule:ListenerRule": listenerLike("listener-rule"),
  "aws:alb/listenerRule:ListenerRule": listenerLike("listener-rule"),
  "aws:lb/listenerCertificate:ListenerCertificate": listenerLike("listener-certificate"),
};
