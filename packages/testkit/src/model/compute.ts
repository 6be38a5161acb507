import { hex, uuid } from "../ids";
import { arn } from "./arn";
import { physicalName } from "./physical-name";
import type { ResourceModel } from "./types";

const autoScalingGroup: ResourceModel = (m) => {
  const name = physicalName(m);
  return {
    id: name,
    state: {
      ...m.inputs,
      id: name,
      name,
      arn: arn(
        m,
        "autoscaling",
        `autoScalingGroup:${hex(m.seed, 8)}-${hex(m.seed + "g", 4)}:autoScalingGroupName/${name}`,
      ),
    },
  };
};

const scalingPolicy: ResourceModel = (m) => {
  const name = physicalName(m);
  const group = String(m.inputs["autoscalingGroupName"] ?? "group");
  const id = arn(
    m,
    "autoscaling",
    `scalingPolicy:${hex(m.seed, 8)}:autoScalingGroupName/${group}:policyName/${name}`,
  );
  return { id: name, state: { ...m.inputs, id: name, name, arn: id } };
};

const lambdaFunction: ResourceModel = (m) => {
  const name = physicalName(m, 64);
  const functionArn = arn(m, "lambda", `function:${name}`);
  return {
    id: name,
    state: {
      ...m.inputs,
      id: name,
      name,
      arn: functionArn,
      qualifiedArn: `${functionArn}:$LATEST`,
      invokeArn: `arn:${m.account.partition}:apigateway:${m.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
      version: "$LATEST",
      lastModified: "2026-01-01T00:00:00.000+0000",
    },
  };
};

export const computeModels: Record<string, ResourceModel> = {
  "aws:autoscaling/group:Group": autoScalingGroup,
  "aws:autoscaling/policy:Policy": scalingPolicy,
  "aws:autoscaling/schedule:Schedule": (m) => {
    const name = String(m.inputs["scheduledActionName"] ?? m.name);
    return {
      id: name,
      state: {
        ...m.inputs,
        id: name,
        arn: arn(
          m,
          "autoscaling",
          `scheduledUpdateGroupAction:${hex(m.seed, 8)}:scheduledActionName/${name}`,
        ),
      },
    };
  },
  "aws:autoscaling/attachment:Attachment": (m) => ({
    id: `${m.name}-${hex(m.seed, 8)}`,
    state: { ...m.inputs },
  }),
  "aws:lambda/function:Function": lambdaFunction,
  "aws:lambda/permission:Permission": (m) => {
    const id = String(m.inputs["statementId"] ?? `${m.name}-${hex(m.seed, 8)}`);
    return { id, state: { ...m.inputs, id, statementId: id } };
  },
  // AWS names a mapping by a UUID; its ARN is event-source-mapping:<uuid>.
  "aws:lambda/eventSourceMapping:EventSourceMapping": (m) => {
    const id = uuid(m.seed);
    return {
      id,
      state: {
        ...m.inputs,
        id,
        uuid: id,
        arn: arn(m, "lambda", `event-source-mapping:${id}`),
        functionArn: m.inputs["functionName"],
        state: "Enabled",
      },
    };
  },
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": (m) => ({
    id: String(m.inputs["functionName"] ?? m.name),
    state: { ...m.inputs },
  }),
};
