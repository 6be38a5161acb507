import { hex, upperAlnum, uuid } from "../ids";
import { arn } from "./arn";
import { physicalName } from "./physical-name";
import type { ModelInput, ResourceModel } from "./types";

/** IAM is global: its ARNs have no region. */
function iamNamed(kind: string, idPrefix: string): ResourceModel {
  return (m) => {
    const name = physicalName(m, 64);
    const path = String(m.inputs["path"] ?? "/");
    const resourceArn = arn(m, "iam", `${kind}${path}${name}`, "");
    const id = kind === "policy" ? resourceArn : name;
    return {
      id,
      state: { ...m.inputs, id, name, arn: resourceArn, uniqueId: `${idPrefix}${upperAlnum(m.seed, 17)}` },
    };
  };
}

/**
 * The role name AWS gives a service's service-linked role (IAM user guide, "Using service-linked roles"; each
 * service documents its own). A service not listed fails loudly rather than getting an invented name.
 */
const SERVICE_LINKED_ROLE_NAMES: Readonly<Record<string, string>> = {
  "config.amazonaws.com": "AWSServiceRoleForConfig",
  "autoscaling.amazonaws.com": "AWSServiceRoleForAutoScaling",
  "rds.amazonaws.com": "AWSServiceRoleForRDS",
  "elasticloadbalancing.amazonaws.com": "AWSServiceRoleForElasticLoadBalancing",
};

/** `arn:aws:iam::<account>:role/aws-service-role/<service>/<AWSServiceRoleFor…>[_<suffix>]`. */
const serviceLinkedRole: ResourceModel = (m) => {
  const service = String(m.inputs["awsServiceName"]);
  const base = SERVICE_LINKED_ROLE_NAMES[service];
  if (!base) throw new Error(`testkit: no service-linked role name modelled for ${service}`);
  const suffix = m.inputs["customSuffix"];
  const name = typeof suffix === "string" && suffix ? `${base}_${suffix}` : base;
  const path = `/aws-service-role/${service}/`;
  const roleArn = arn(m, "iam", `role${path}${name}`, "");
  return {
    id: roleArn,
    state: { ...m.inputs, id: roleArn, name, path, arn: roleArn, uniqueId: `AROA${upperAlnum(m.seed, 17)}` },
  };
};

function certificateValidationOptions(m: ModelInput): object[] {
  const domain = m.inputs["domainName"];
  const alternatives = Array.isArray(m.inputs["subjectAlternativeNames"])
    ? m.inputs["subjectAlternativeNames"]
    : [];
  const names = [domain, ...alternatives].filter((d): d is string => typeof d === "string");
  return [...new Set(names)].map((domainName) => {
    const base = domainName.replace(/^\*\./, "");
    const token = hex(m.seed + domainName, 32);
    return {
      domainName,
      resourceRecordName: `_${token}.${base}.`,
      resourceRecordType: "CNAME",
      resourceRecordValue: `_${hex(token, 32)}.xlfgrmvvlj.acm-validations.aws.`,
    };
  });
}

export const securityModels: Record<string, ResourceModel> = {
  "aws:iam/role:Role": iamNamed("role", "AROA"),
  "aws:iam/policy:Policy": iamNamed("policy", "ANPA"),
  "aws:iam/instanceProfile:InstanceProfile": iamNamed("instance-profile", "AIPA"),
  "aws:iam/user:User": iamNamed("user", "AIDA"),
  "aws:iam/rolePolicy:RolePolicy": (m) => {
    const name = physicalName(m, 128);
    return { id: `${String(m.inputs["role"] ?? "role")}:${name}`, state: { ...m.inputs, name } };
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (m) => ({
    id: `${String(m.inputs["role"] ?? "role")}-${hex(m.seed, 20)}`,
    state: { ...m.inputs },
  }),
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": serviceLinkedRole,
  "aws:kms/key:Key": (m) => {
    const id = uuid(m.seed);
    return { id, state: { ...m.inputs, id, keyId: id, arn: arn(m, "kms", `key/${id}`) } };
  },
  "aws:kms/alias:Alias": (m) => {
    const name = physicalName(m, 256);
    return {
      id: name,
      state: {
        ...m.inputs,
        id: name,
        name,
        arn: arn(m, "kms", name),
        targetKeyArn: arn(m, "kms", `key/${String(m.inputs["targetKeyId"] ?? "")}`),
      },
    };
  },
  "aws:secretsmanager/secret:Secret": (m) => {
    const name = physicalName(m, 512);
    const secretArn = arn(m, "secretsmanager", `secret:${name}-${upperAlnum(m.seed, 6)}`);
    return { id: secretArn, state: { ...m.inputs, id: secretArn, name, arn: secretArn } };
  },
  "aws:secretsmanager/secretVersion:SecretVersion": (m) => ({
    id: `${String(m.inputs["secretId"] ?? "secret")}|${uuid(m.seed)}`,
    state: { ...m.inputs, versionId: uuid(m.seed) },
  }),
  "aws:ssm/parameter:Parameter": (m) => {
    const name = physicalName(m, 2048);
    return {
      id: name,
      state: {
        ...m.inputs,
        id: name,
        name,
        arn: arn(m, "ssm", `parameter${name.startsWith("/") ? "" : "/"}${name}`),
        version: 1,
      },
    };
  },
  "aws:acm/certificate:Certificate": (m) => {
    const id = arn(m, "acm", `certificate/${uuid(m.seed)}`);
    return {
      id,
      state: {
        ...m.inputs,
        id,
        arn: id,
        status: "PENDING_VALIDATION",
        keyAlgorithm: m.inputs["keyAlgorithm"] ?? "RSA_2048",
        domainValidationOptions: certificateValidationOptions(m),
      },
    };
  },
  "aws:acm/certificateValidation:CertificateValidation": (m) => ({
    id: String(m.inputs["certificateArn"] ?? m.name),
    state: { ...m.inputs },
  }),
};
