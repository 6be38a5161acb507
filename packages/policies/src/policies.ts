import { logGroupRetention } from "./rules/logging";
import { noWorldOpenPorts } from "./rules/network";
import { standardTags } from "./rules/tagging";
import type { CloudblocksPolicy } from "./types";

/** Every cloudblocks control, in the order reports list them. */
export const policies: readonly CloudblocksPolicy[] = [standardTags, noWorldOpenPorts, logGroupRetention];
