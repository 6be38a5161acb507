import type { ResourceValidationPolicy } from "@pulumi/policy";
import type { CloudblocksPolicy, Props } from "../types";

const RECORDER = "aws:cfg/recorder:Recorder";
const isTrue = (value: unknown): boolean => value === true || value === "true";

/**
 * Config.1: AWS Config records every supported resource type, global ones (IAM) included, with the
 * service-linked role AWSServiceRoleForConfig (FSBP Config.1 asks for the service-linked role).
 */
export const configRecordsAll: ResourceValidationPolicy = {
  name: "config-records-all-resources",
  description:
    "Config.1: the Config recorder records all supported resource types, global ones included, with the service-linked role.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== RECORDER) return;
    const group = (args.props["recordingGroup"] as Props | undefined) ?? {};
    if (!isTrue(group["allSupported"]))
      reportViolation(`Config recorder "${args.name}" does not record all supported resource types.`);
    if (!isTrue(group["includeGlobalResourceTypes"]))
      reportViolation(`Config recorder "${args.name}" leaves out global resource types (IAM).`);
    const role = args.props["roleArn"];
    if (typeof role === "string" && !role.includes(":role/aws-service-role/config.amazonaws.com/"))
      reportViolation(`Config recorder "${args.name}" uses ${role}, not Config's service-linked role.`);
  },
};

export const configPolicies: readonly CloudblocksPolicy[] = [configRecordsAll];
