import { BOOT_LOG_PATH } from "@cloudblocks/component-kit";

/** The fleet's log groups, one per kind of log, so each metric filter sees only the lines it is about. */
export interface FleetLogGroups {
  /** The app log (`appLogPath`): the app-errors alarm counts lines that start with ERROR here. */
  readonly app: string;
  readonly webAccess: string;
  /** The web server's error log: the web-server-errors alarm counts Apache's error levels here. */
  readonly webError: string;
  /** The boot script's log and cloud-init's output: the boot-failure alarm counts `BOOT FAILED:` here. */
  readonly boot: string;
}

/** What the CloudWatch agent ships (WEB-10). */
export interface AgentConfigInput {
  readonly logGroups: FleetLogGroups;
  readonly accessLogPath: string;
  readonly errorLogPath: string;
  readonly appLogPath: string;
}

/** Namespace of the agent's memory and disk metrics. */
export const AGENT_NAMESPACE = "CWAgent";
/** cloud-init's own log of the user data run (and of anything that went wrong before the script started). */
export const CLOUD_INIT_OUTPUT_LOG = "/var/log/cloud-init-output.log";

/**
 * The agent configuration: each log file to its own group (one stream per instance), memory and root-disk use
 * to `CWAgent`, rolled up per Auto Scaling group so a dashboard or alarm needs no instance ids. The groups'
 * retention is managed by Pulumi, not here.
 */
export function cloudWatchAgentConfig(input: AgentConfigInput): Record<string, unknown> {
  const file = (path: string, group: string, stream: string) => ({
    file_path: path,
    log_group_name: group,
    log_stream_name: `{instance_id}/${stream}`,
  });
  const groups = input.logGroups;
  return {
    agent: {
      metrics_collection_interval: 60,
      logfile: "/opt/aws/amazon-cloudwatch-agent/logs/amazon-cloudwatch-agent.log",
    },
    metrics: {
      namespace: AGENT_NAMESPACE,
      append_dimensions: {
        AutoScalingGroupName: "${aws:AutoScalingGroupName}",
        InstanceId: "${aws:InstanceId}",
      },
      aggregation_dimensions: [["AutoScalingGroupName"]],
      metrics_collected: {
        mem: { measurement: ["mem_used_percent"] },
        disk: { measurement: ["used_percent"], resources: ["/"], drop_device: true },
      },
    },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            file(BOOT_LOG_PATH, groups.boot, "boot"),
            file(CLOUD_INIT_OUTPUT_LOG, groups.boot, "cloud-init-output"),
            file(input.accessLogPath, groups.webAccess, "web-access"),
            file(input.errorLogPath, groups.webError, "web-error"),
            file(input.appLogPath, groups.app, "app"),
          ],
        },
      },
    },
  };
}
