import { computeModels } from "./compute";
import { databaseModels } from "./database";
import { dnsAndMiscModels } from "./dns-and-misc";
import { loadBalancingModels } from "./load-balancing";
import { monitoringModels } from "./monitoring";
import { networkModels } from "./network";
import { observabilityModels } from "./observability";
import { securityModels } from "./security";
import { storageModels } from "./storage";
import type { ResourceModel } from "./types";

export type { ModelInput, ModelledResource, Props, ResourceModel } from "./types";

/** Realistic output models for every resource type the cloudblocks components create, by type token. */
export const resourceModels: Readonly<Record<string, ResourceModel>> = {
  ...networkModels,
  ...loadBalancingModels,
  ...computeModels,
  ...databaseModels,
  ...observabilityModels,
  ...securityModels,
  ...storageModels,
  ...dnsAndMiscModels,
  ...monitoringModels,
};
