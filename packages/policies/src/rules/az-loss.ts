import type { StackValidationPolicy } from "@pulumi/policy";
import { analyseAzLoss } from "../az-loss/analysis";

/**
 * REL10-BP01 / NET-4, WEB-2, DB-1, WEB-8: losing any one AZ leaves every tier serving — public entry, app
 * capacity, egress, data and shared files. Cheap environments that accept single points of failure lower this
 * to advisory in their policy config, so the plan still lists each one.
 */
export const azLossSurvivable: StackValidationPolicy = {
  name: "az-loss-survivable",
  description:
    "REL10-BP01: the stack keeps serving if any one AZ is lost, tier by tier (public entry, app capacity, egress, data, shared files).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const row of analyseAzLoss(args.resources).rows) {
      if (row.survives === false)
        reportViolation(`losing ${row.az} stops the ${row.tier} tier: ${row.reason}.`, row.urn);
    }
  },
};
