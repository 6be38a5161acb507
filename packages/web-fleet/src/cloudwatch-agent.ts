/** What the CloudWatch agent ships (WEB-10). */
export interface AgentConfigInput {
  readonly logGroupName: string;
  readonly accessLogPath: string;
  readonly errorLogPath: string;
  readonly appLogPath: string;
}

/** Namespace of the agent's memory and disk metrics. */
export const AGENT_NAMESPACE = "CWAgent";

/**
 * The agent configuration: the web server's access and error logs and the app log go to the fleet's log group
 * (one stream per instance and file), memory and root-disk use go to `CWAgent`, rolled up per Auto Scaling
 * group so a dashboard or alarm needs no instance ids. The log group's retention is managed by Pulumi, not here.
 */
export function cloudWatchAgentConfig(input: AgentConfigInput): Record<string, unknown> {
  const file = (path: string, stream: string) => ({
    file_path: path,
    log_group_name: input.logGroupName,
    log_stream_name: `{instance_id}/${stream}`,
  });
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
            file(input.accessLogPath, "web-access"),
            file(input.errorLogPath, "web-error"),
            file(input.appLogPath, "app"),
          ],
        },
      },
    },
  };
}
