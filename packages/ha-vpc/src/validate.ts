import { rejectArg, validateArgs } from "@cloudblocks/component-kit";
import { haVpcArgsSchema, type HaVpcArgs, type ValidHaVpcArgs } from "./args";

/**
 * The longest name IAM accepts for the auto-named `${name}-flow-logs-role` (64 characters, of which Pulumi's
 * random suffix takes 8): 64 − 8 − "-flow-logs-role".length = 41, kept at 40 for a margin.
 */
export const MAX_HA_VPC_NAME = 40;
const NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Every construction-time rule of HaVpc (ALL-1): the component name (it prefixes every child and IAM names) and
 * the arguments. Exported so a program can validate everything before it creates its first resource.
 */
export function validateHaVpcArgs(name: string, args: HaVpcArgs): ValidHaVpcArgs {
  if (!NAME.test(name) || name.length > MAX_HA_VPC_NAME || name.endsWith("-")) {
    rejectArg(
      "HaVpc",
      "name",
      name,
      `allowed: 1 to ${MAX_HA_VPC_NAME} lower-case letters, digits and '-', starting with a letter and not ending with '-' (it prefixes every child's name, IAM role names included)`,
    );
  }
  return validateArgs("HaVpc", haVpcArgsSchema, args);
}
