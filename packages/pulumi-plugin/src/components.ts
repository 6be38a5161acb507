import { HaVpc } from "@cloudblocks/ha-vpc";
import { WebFleet } from "@cloudblocks/web-fleet";
import { MonitoredDatabase } from "@cloudblocks/monitored-database";
import { AlarmingPipeline } from "@cloudblocks/alarming-pipeline";

/**
 * What the component provider serves. The package name is the first part of every type token the components
 * register (`cloudblocks:index:HaVpc`), so a resource has the same type, and URN, whatever language creates it.
 */
export const PACKAGE_NAME = "cloudblocks";
export const COMPONENTS = [HaVpc, WebFleet, MonitoredDatabase, AlarmingPipeline];
