import { opsReportSchema, validateAlarmingPipelineArgs } from "@cloudblocks/alarming-pipeline";
import { ArgsValidationError, regionOfAz, validateArgs, type NetworkRef } from "@cloudblocks/component-kit";
import { validateHaVpcArgs } from "@cloudblocks/ha-vpc";
import { validateMonitoredDatabaseArgs } from "@cloudblocks/monitored-database";
import { parseWebFleetArgs } from "@cloudblocks/web-fleet";
import {
  DATABASE_PROGRAM_KEYS,
  FLEET_PROGRAM_KEYS,
  type DatabaseConfig,
  type FleetConfig,
  type StackConfig,
} from "./config-schema";

/** The top-level component names, one source of truth for the program and for validation. */
export function componentNames(config: { readonly namePrefix: string; readonly environment: string }) {
  const name = `${config.namePrefix}-${config.environment}`;
  return {
    stack: name,
    alarms: `${name}-alarms`,
    network: `${name}-network`,
    fleet: `${name}-web`,
    database: `${name}-db`,
  };
}

/**
 * Stand-ins for what the program wires between components (the network's ids, the alarm topic), so each
 * component's own validator can run on its config section before any resource exists. Never used for resources.
 */
function placeholders(config: SectionsInput) {
  const azs = config.availabilityZones;
  const network: NetworkRef = {
    vpcId: "vpc-00000000000000000",
    availabilityZones: [...azs],
    publicSubnetIds: azs.map(() => "subnet-00000000000000000"),
    appSubnetIds: azs.map(() => "subnet-00000000000000000"),
    dataSubnetIds: azs.map(() => "subnet-00000000000000000"),
  };
  const securityGroup = "sg-00000000000000000";
  const alarmTopicArn = `arn:aws:sns:${config.region}:000000000000:placeholder`;
  return { network, securityGroup, alarmTopicArn, bastion: config.bastion };
}

/** What the section validators need: the parsed config, or a best-effort reading of a config that failed. */
interface SectionsInput {
  readonly namePrefix: string;
  readonly environment: string;
  readonly region: string;
  readonly availabilityZones: readonly string[];
  readonly bastion: boolean;
  readonly fleet: Record<string, unknown>;
  readonly database: Record<string, unknown>;
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * When another section failed, the fleet and database sections are still checked (every problem at once), with
 * what can be read of the rest; rules that need a valid whole (names, AZ regions) wait for a valid config.
 */
export function validateComponentSectionsOfInvalid(raw: Record<string, unknown>, project: string): string[] {
  const network = isMap(raw["network"]) ? raw["network"] : {};
  const region = typeof raw["region"] === "string" ? raw["region"] : "ap-northeast-2";
  const zones = network["availabilityZones"];
  const availabilityZones =
    Array.isArray(zones) &&
    zones.length >= 2 &&
    zones.every((z) => typeof z === "string" && /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/.test(z)) &&
    new Set(zones).size === zones.length
      ? (zones as string[])
      : [`${region}a`, `${region}c`];
  const input: SectionsInput = {
    namePrefix: "buddyverse",
    environment: "dev",
    region,
    availabilityZones,
    bastion: network["bastion"] !== undefined,
    fleet: isMap(raw["fleet"]) ? raw["fleet"] : {},
    database: isMap(raw["database"]) ? raw["database"] : {},
  };
  return componentSectionProblems(input, raw, project).filter((p) => !p.startsWith(`${project}:namePrefix:`));
}

function componentSectionProblems(
  config: SectionsInput,
  raw: Record<string, unknown>,
  project: string,
): string[] {
  const names = componentNames(config);
  const wired = placeholders(config);
  const withoutWired = (section: Record<string, unknown>, keys: readonly string[]) =>
    Object.fromEntries(Object.entries(section).filter(([key]) => !keys.includes(key)));
  return [
    ...collect(`${project}:fleet`, project, raw["namePrefix"], () =>
      parseWebFleetArgs(names.fleet, {
        ...(withoutWired(config.fleet, FLEET_PROGRAM_KEYS) as FleetConfig),
        network: wired.network,
        alarmTopicArn: wired.alarmTopicArn,
        bastionSecurityGroupId: wired.bastion ? wired.securityGroup : undefined,
      }),
    ),
    ...collect(`${project}:database`, project, raw["namePrefix"], () =>
      validateMonitoredDatabaseArgs(names.database, {
        ...(withoutWired(config.database, DATABASE_PROGRAM_KEYS) as DatabaseConfig),
        network: wired.network,
        alarmTopicArn: wired.alarmTopicArn,
        allowedSecurityGroups: {
          app: wired.securityGroup,
          ...(wired.bastion ? { bastion: wired.securityGroup } : {}),
        },
      }),
    ),
  ];
}

/** Runs a component validator; its problems re-keyed from `args…` to the config key, `name` to namePrefix. */
function collect(configKey: string, project: string, rawPrefix: unknown, validate: () => unknown): string[] {
  try {
    validate();
    return [];
  } catch (error) {
    if (!(error instanceof ArgsValidationError)) throw error;
    return error.problems.map((problem) => {
      const name = /^name: got (.*?); (allowed.*)$/.exec(problem);
      if (name) {
        const prefix = rawPrefix === undefined ? 'nothing (default "buddyverse")' : JSON.stringify(rawPrefix);
        return `${project}:namePrefix: got ${prefix}; allowed: a prefix that makes the ${error.component} name ${name[1]} valid, ${name[2]!.replace(/^allowed: /, "")}`;
      }
      return problem.replace(/^args(?=[.[:])/, configKey);
    });
  }
}

/**
 * Every rule that needs more than one section, checked before the first resource (DESIGN.md decision 7): each
 * component's own validator on its section (with the real component name), and the AZs against `aws:region`.
 */
export function validateSections(
  config: StackConfig,
  raw: Record<string, unknown>,
  project: string,
): string[] {
  const names = componentNames(config);
  const problems: string[] = [];

  config.network.availabilityZones.forEach((az, i) => {
    if (regionOfAz(az) !== config.region)
      problems.push(
        `${project}:network.availabilityZones[${i}]: got ${JSON.stringify(az)}; allowed: an AZ of aws:region ${config.region} (the provider creates everything there)`,
      );
  });
  problems.push(
    ...collect(`${project}:network`, project, raw["namePrefix"], () =>
      validateHaVpcArgs(names.network, raw["network"] as never),
    ),
  );
  const { slaMonitor, opsReport, fleetLogAlarms, ...pipelineArgs } = config.alarms;
  // The ops report is added once the fleet exists (it needs the group): its section is checked here all the same.
  if (opsReport)
    problems.push(
      ...collect(`${project}:alarms`, project, raw["namePrefix"], () =>
        validateArgs("AlarmingPipeline", opsReportSchema, opsReport, "opsReport"),
      ),
    );
  problems.push(
    ...collect(`${project}:alarms`, project, raw["namePrefix"], () =>
      validateAlarmingPipelineArgs({
        ...pipelineArgs,
        slaMonitor:
          slaMonitor && config.fleet.domainName ? { url: `https://${config.fleet.domainName}/` } : undefined,
        // The fleet's log alarms, with a stand-in for the log group the program sets.
        logAlarms: [
          ...(pipelineArgs.logAlarms ?? []),
          ...fleetLogAlarms.map((spec) => ({ ...spec, logGroupName: "/placeholder" }) as never),
        ],
      }),
    ).map((problem) =>
      problem.replace(new RegExp(`^${project}:alarms\\.logAlarms\\[(\\d+)\\]`), (whole, index: string) => {
        const own = pipelineArgs.logAlarms?.length ?? 0;
        return Number(index) < own ? whole : `${project}:alarms.fleetLogAlarms[${Number(index) - own}]`;
      }),
    ),
  );
  problems.push(
    ...componentSectionProblems(
      {
        namePrefix: config.namePrefix,
        environment: config.environment,
        region: config.region,
        availabilityZones: config.network.availabilityZones,
        bastion: config.network.bastion !== undefined,
        fleet: config.fleet as Record<string, unknown>,
        database: config.database as Record<string, unknown>,
      },
      raw,
      project,
    ),
  );
  return [...new Set(problems)];
}
