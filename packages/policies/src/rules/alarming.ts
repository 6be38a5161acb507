import type { CloudblocksPolicy } from "../types";

/** Controls for the alarming area (see shared/reference/security-controls.md). */
export const alarmingPolicies: readonly CloudblocksPolicy[] = [];
