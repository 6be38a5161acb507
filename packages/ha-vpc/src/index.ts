export { HaVpc } from "./ha-vpc";
export { haVpcArgsSchema, LOG_RETENTION_DAYS, type HaVpcArgs, type NatMode, type SubnetCidrs } from "./args";
export { natUserData } from "./nat-instance";
export { validateHaVpcArgs, MAX_HA_VPC_NAME } from "./validate";
