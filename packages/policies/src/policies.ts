import { alarmingPolicies } from "./rules/alarming";
import { auroraPolicies } from "./rules/aurora";
import { azLossSurvivable } from "./rules/az-loss";
import { configPolicies } from "./rules/config";
import { databasePolicies } from "./rules/database";
import { logGroupRetention } from "./rules/logging";
import { messagingPolicies } from "./rules/messaging";
import { noWorldOpenPorts } from "./rules/network";
import { networkVpcPolicies } from "./rules/network-vpc";
import { secretReadScoped } from "./rules/secret-access";
import { standardTags } from "./rules/tagging";
import { webPolicies } from "./rules/web";
import type { CloudblocksPolicy } from "./types";

/** Every cloudblocks control, in the order reports list them. */
export const policies: readonly CloudblocksPolicy[] = [
  standardTags,
  noWorldOpenPorts,
  logGroupRetention,
  secretReadScoped,
  ...networkVpcPolicies,
  azLossSurvivable,
  ...webPolicies,
  ...databasePolicies,
  ...auroraPolicies,
  ...alarmingPolicies,
  ...messagingPolicies,
  ...configPolicies,
];
