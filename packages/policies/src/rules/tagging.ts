import type { ResourceValidationPolicy } from "@pulumi/policy";
import { decoded, type Props } from "../types";

/** The standard tags every taggable resource carries (STK-3), set once through the provider's defaultTags. */
export const STANDARD_TAG_KEYS = ["Project", "Environment", "Owner", "CostCenter", "ManagedBy"] as const;

// Which resource types take tags is one list, in component-kit, shared with the cost-allocation tag transform.
export { TAGGABLE_TYPES, UNTAGGABLE_TYPES } from "@cloudblocks/component-kit";
import { TAGGABLE_TYPES } from "@cloudblocks/component-kit";

/** Tags as an object, from either the map form or the Auto Scaling list form (`[{key, value, propagateAtLaunch}]`). */
function tagMap(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    return Object.fromEntries(value.map((t: Props) => [String(t["key"]), t["value"]]));
  }
  return (decoded<Record<string, unknown>>(value) ?? {}) as Record<string, unknown>;
}

export const standardTags: ResourceValidationPolicy = {
  name: "standard-tags",
  description: `STK-3: every taggable resource carries ${STANDARD_TAG_KEYS.join(", ")} (provider defaultTags or its own tags).`,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!TAGGABLE_TYPES.has(args.type)) return;
    const defaultTags = decoded<Props>(args.provider?.props["defaultTags"]);
    // The provider's defaultTags do not reach Auto Scaling groups: they must list their tags themselves.
    const inherited = args.type === "aws:autoscaling/group:Group" ? {} : tagMap(defaultTags?.["tags"]);
    const effective = { ...inherited, ...tagMap(args.props["tags"]) };
    const missing = STANDARD_TAG_KEYS.filter(
      (key) => typeof effective[key] !== "string" || effective[key] === "",
    );
    if (missing.length > 0)
      reportViolation(`${args.type} "${args.name}" lacks the standard tags: ${missing.join(", ")}.`);
  },
};
