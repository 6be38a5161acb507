import type { CloudblocksPolicy } from "../types";

/** Controls for the database area (see shared/reference/security-controls.md). */
export const databasePolicies: readonly CloudblocksPolicy[] = [];
