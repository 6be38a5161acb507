import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmingPipeline, type LogAlarmArgs } from "@cloudblocks/alarming-pipeline";
import { HaVpc } from "@cloudblocks/ha-vpc";
import { MonitoredDatabase } from "@cloudblocks/monitored-database";
import { APP_ERROR_PATTERN, WEB_SERVER_ERROR_PATTERN, WebFleet } from "@cloudblocks/web-fleet";
import { fromConfigSection } from "./config";
import type { StackConfig } from "./config-schema";
import { componentNames } from "./config-sections";
import { SECRETABLE_KEYS } from "./config-schema";
import { keepSecretsSecret } from "./secret-inputs";
import { verifyOutputs } from "./verify/stack-outputs";

/**
 * STK-3: the standard tags, set once on the provider so every taggable resource inherits them. A value set with
 * `pulumi config set --secret` is used as the secret it was read as, so it stays secret in the provider's
 * inputs, every resource's tags and the plan.
 */
export function standardTags(config: StackConfig): Record<string, pulumi.Input<string>> {
  return {
    Project: config.namePrefix,
    Environment: config.environment,
    Owner: config.secretValues?.owner ?? config.owner,
    CostCenter: config.secretValues?.costCenter ?? config.costCenter,
    ManagedBy: "pulumi",
  };
}

export interface PlatformOutputs {
  readonly environment: string;
  readonly region: string;
  readonly [key: string]: pulumi.Input<unknown>;
}

/**
 * The BUDDYVERSE platform for one environment (STK-1): alarm pipeline, network, web fleet, database, and the
 * alarms and dashboard that need all of them. Takes the config explicitly (rather than reading Pulumi config)
 * so tests can build dev and prod in one run.
 */
export function buildPlatform(config: StackConfig): PlatformOutputs {
  const names = componentNames(config);
  const provider = new aws.Provider(names.stack, {
    region: config.region as aws.Region,
    defaultTags: { tags: standardTags(config) },
  });
  // Values set with --secret stay secret in every child's inputs, whatever a component copies them into.
  const secretTags = keepSecretsSecret(
    SECRETABLE_KEYS.filter((key) => config.secretValues?.[key] !== undefined).map((key) => config[key]),
  );
  const opts = { providers: [provider], ...(secretTags ? { transformations: [secretTags] } : {}) };
  const domain = config.fleet.domainName;

  // First, so every other component can send its alarms to the topic (ALM-1).
  // The ops report and the fleet's log alarms are added once the fleet exists (they need its group and logs).
  const { slaMonitor, opsReport, fleetLogAlarms: fleetLogAlarmSpecs, ...pipelineArgs } = config.alarms;
  const alarms = fromConfigSection("buddyverse:alarms", () => {
    // ALM-8: the SLA check needs a public name to probe, so it is on only where the site has a domain.
    return new AlarmingPipeline(
      names.alarms,
      { ...pipelineArgs, slaMonitor: slaMonitor && domain ? { url: `https://${domain}/` } : undefined },
      opts,
    );
  });
  // The NAT instances' impaired alarms go to the same topic (dev's NAT instance is the one that fails quietly).
  const network = new HaVpc(names.network, { ...config.network, alarmTopicArn: alarms.alarmTopicArn }, opts);
  // The database trusts the fleet's security group and the fleet connects to the database: the database comes
  // first with a deferred group id, resolved once the fleet exists (no cycle between the resources themselves:
  // fleet group → database rule; database → fleet launch template).
  const [appSecurityGroupId, resolveAppSecurityGroupId] = pulumi.deferredOutput<string>();
  const database = fromConfigSection(
    "buddyverse:database",
    () =>
      new MonitoredDatabase(
        names.database,
        {
          ...config.database,
          network,
          alarmTopicArn: alarms.alarmTopicArn,
          // DB-4 / WEB-5: 3306 only from the app tier (and the bastion, when there is one).
          allowedSecurityGroups: {
            app: appSecurityGroupId,
            ...(network.bastionSecurityGroupId ? { bastion: network.bastionSecurityGroupId } : {}),
          },
        },
        opts,
      ),
  );
  const fleet = fromConfigSection(
    "buddyverse:fleet",
    () =>
      new WebFleet(
        names.fleet,
        {
          ...config.fleet,
          network,
          alarmTopicArn: alarms.alarmTopicArn,
          bastionSecurityGroupId: network.bastionSecurityGroupId,
          // Instances get the endpoints and the secret's ARN (never the password) and may read that secret.
          database: database.connection,
        },
        opts,
      ),
  );
  resolveAppSecurityGroupId(fleet.appSecurityGroupId);

  // ALM-3 (seed 002, 004): app log lines that start with ERROR, 2 or more within 1 minute, in the app's own log
  // group (an ERROR inside a URL of the access log, or a web-server line, never counts).
  const appErrorsAlarm = alarms.addLogAlarm({
    id: "app-errors",
    logGroupName: fleet.logGroupName,
    pattern: APP_ERROR_PATTERN,
    description: "app log lines starting with ERROR: 2 or more within 1 minute",
  });
  // The web server's own errors ([core:error], [proxy:error], … and worse), in its error-log group.
  const webServerErrorsAlarm = alarms.addLogAlarm({
    id: "web-server-errors",
    logGroupName: fleet.webErrorLogGroupName,
    pattern: WEB_SERVER_ERROR_PATTERN,
    threshold: 5,
    period: 300,
    description: "web server error-log lines at level error or worse: 5 or more within 5 minutes",
  });
  // ALM-3 from config (seed 004's WARN ≥ 3 in prod): on the fleet's log group, errors named by config key.
  const fleetLogAlarms = fleetLogAlarmSpecs.map((spec, i) =>
    fromConfigSection(`buddyverse:alarms.fleetLogAlarms[${i}]`, () =>
      alarms.addLogAlarm({ ...(spec as unknown as LogAlarmArgs), logGroupName: fleet.logGroupName }),
    ),
  );
  // ALM-5: fleet launch/terminate events.
  alarms.addAutoScalingEvents("fleet", [fleet.autoScalingGroupName]);
  // Issue 12: the scheduled ops report, once the fleet's group exists.
  const report = opsReport
    ? alarms.addOpsReport({ ...opsReport, autoScalingGroupNames: [fleet.autoScalingGroupName] })
    : undefined;
  // ALM-7: one dashboard from what the fleet and the database publish, with every alarm's status on top.
  const dashboard = alarms.createDashboard(
    [...fleet.metrics, ...database.metrics],
    pulumi
      .all([fleet.alarmArns, database.alarmArns])
      .apply(([fleetAlarms, dbAlarms]) => [...fleetAlarms, ...Object.values(dbAlarms)]),
  );

  // STK-2
  return {
    environment: config.environment,
    region: config.region,
    siteUrl: fleet.siteUrl,
    albDnsName: fleet.albDnsName,
    dbWriterEndpoint: database.endpoint,
    dbReaderEndpoints: database.readerEndpoints,
    dbMasterSecretArn: database.masterUserSecretArn,
    dashboardUrl: dashboard.dashboardUrl,
    alarmTopicArn: alarms.alarmTopicArn,
    globalAlarmTopicArn: alarms.globalAlarmTopicArn,
    // SNS e-mail subscriptions stay pending until their address confirms; each address is subscribed to the
    // home topic and, when it exists, the us-east-1 one (SLA and global sign-in alarms): two confirmations.
    alarmEmailConfirmations: pulumi
      .all([alarms.alarmTopicArn, alarms.globalAlarmTopicArn])
      .apply(([home, global]) =>
        (config.alarms.emailAddresses ?? []).flatMap((address) =>
          [home, global]
            .filter((arn): arn is string => arn !== undefined)
            .map((topic) => `${address} → ${topic}`),
        ),
      ),
    // ALM-2: put the chat webhook URL here once (README); undefined where chat is off.
    chatWebhookSecretArn: alarms.webhookSecretArn,
    trailArn: alarms.trailArn,
    vpcId: network.vpcId,
    availabilityZones: network.availabilityZones,
    publicSubnetIds: network.subnetsByAz("public"),
    appSubnetIds: network.subnetsByAz("app"),
    dataSubnetIds: network.subnetsByAz("data"),
    natMode: network.natMode,
    flowLogGroupName: network.flowLogGroupName,
    // Issue #13: what `npm run verify` probes and the configured values it checks them against.
    ...verifyOutputs(config, {
      fleet,
      alarms,
      database,
      appErrorsAlarm,
      laterAlarms: [webServerErrorsAlarm, ...fleetLogAlarms, ...(report?.alarms ?? [])],
    }),
  };
}
