export { HaVpc } from "./ha-vpc";
export {
  haVpcArgsSchema,
  LOG_RETENTION_DAYS,
  type BastionArgs,
  type FlowLogsArgs,
  type HaVpcArgs,
  type NatInstanceArgs,
  type NatMode,
  type SubnetCidrs,
  type SubnetMasks,
} from "./args";
export { natUserData } from "./nat-instance";
export { validateHaVpcArgs, MAX_HA_VPC_NAME } from "./validate";
