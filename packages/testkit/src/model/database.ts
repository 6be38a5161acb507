import { hex, upperAlnum } from "../ids";
import { arn } from "./arn";
import { physicalName } from "./physical-name";
import type { ModelInput, ResourceModel } from "./types";

/** The per-account, per-region part of every RDS endpoint: `<id>.<12 chars>.<region>.rds.amazonaws.com`. */
function rdsHost(m: ModelInput, identifier: string): string {
  return `${identifier}.c${hex(m.account.accountId + m.region, 11)}.${m.region}.rds.amazonaws.com`;
}

function defaultPort(m: ModelInput): number {
  const engine = String(m.inputs["engine"] ?? "mysql");
  return engine.includes("postgres") ? 5432 : 3306;
}

/** The secret RDS creates for a managed master password: `rds!db-…` for an instance, `rds!cluster-…` for a cluster. */
function masterUserSecret(m: ModelInput, identifier: string, kind: "db" | "cluster" = "db"): object[] {
  if (!m.inputs["manageMasterUserPassword"]) return [];
  return [
    {
      secretArn: arn(
        m,
        "secretsmanager",
        `secret:rds!${kind}-${hex(m.seed + identifier, 8)}-${hex(m.seed, 4)}-${hex(m.seed, 12)}-${upperAlnum(m.seed, 6)}`,
      ),
      secretStatus: "active",
      kmsKeyId: m.inputs["masterUserSecretKmsKeyId"] ?? arn(m, "kms", `key/aws-managed-secretsmanager`),
    },
  ];
}

const dbInstance: ResourceModel = (m) => {
  const identifier = physicalName(m, 63);
  const port = Number(m.inputs["port"] ?? defaultPort(m));
  const address = rdsHost(m, identifier);
  return {
    id: identifier,
    state: {
      ...m.inputs,
      id: identifier,
      identifier,
      arn: arn(m, "rds", `db:${identifier}`),
      address,
      endpoint: `${address}:${port}`,
      port,
      resourceId: `db-${upperAlnum(m.seed, 26)}`,
      hostedZoneId: "ZLA2NUCOLGUUR",
      masterUserSecrets: masterUserSecret(m, identifier),
      status: "available",
      availabilityZone: m.inputs["availabilityZone"] ?? `${m.region}a`,
    },
  };
};

const dbCluster: ResourceModel = (m) => {
  const identifier = physicalName(m, 63);
  const port = Number(m.inputs["port"] ?? defaultPort(m));
  const clusterHost = rdsHost(m, identifier).replace(`${identifier}.`, `${identifier}.cluster-`);
  return {
    id: identifier,
    state: {
      ...m.inputs,
      id: identifier,
      clusterIdentifier: identifier,
      arn: arn(m, "rds", `cluster:${identifier}`),
      endpoint: clusterHost,
      readerEndpoint: clusterHost.replace(".cluster-", ".cluster-ro-"),
      port,
      clusterResourceId: `cluster-${upperAlnum(m.seed, 26)}`,
      masterUserSecrets: masterUserSecret(m, identifier, "cluster"),
    },
  };
};

/** Named RDS sub-resources whose ARN is `…:rds:<region>:<account>:<kind>:<name>`. */
function rdsNamed(kind: string): ResourceModel {
  return (m) => {
    const name = physicalName(m, 255).toLowerCase();
    return { id: name, state: { ...m.inputs, id: name, name, arn: arn(m, "rds", `${kind}:${name}`) } };
  };
}

export const databaseModels: Record<string, ResourceModel> = {
  "aws:rds/instance:Instance": dbInstance,
  "aws:rds/cluster:Cluster": dbCluster,
  "aws:rds/clusterInstance:ClusterInstance": dbInstance,
  "aws:rds/subnetGroup:SubnetGroup": rdsNamed("subgrp"),
  "aws:rds/parameterGroup:ParameterGroup": rdsNamed("pg"),
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": rdsNamed("cluster-pg"),
  "aws:rds/optionGroup:OptionGroup": rdsNamed("og"),
  "aws:rds/eventSubscription:EventSubscription": rdsNamed("es"),
};
