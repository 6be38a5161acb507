import type { CloudblocksPolicy } from "../types";

/** Controls for the network-vpc area (see shared/reference/security-controls.md). */
export const networkVpcPolicies: readonly CloudblocksPolicy[] = [];
