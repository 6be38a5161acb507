import type { CloudblocksPolicy } from "../types";

/** Controls for the web area (see shared/reference/security-controls.md). */
export const webPolicies: readonly CloudblocksPolicy[] = [];
