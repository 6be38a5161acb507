import * as aws from "../aws";
import type * as pulumi from "@pulumi/pulumi";
import type { WebFleetConfig } from "../schema";

export interface LogGroups {
  readonly app: aws.cloudwatch.LogGroup;
  readonly webAccess: aws.cloudwatch.LogGroup;
  readonly webError: aws.cloudwatch.LogGroup;
  readonly boot: aws.cloudwatch.LogGroup;
}

/**
 * WEB-10: one log group per kind of log (a metric filter applies to a whole group, so the app-errors filter must
 * not see the web server's lines, nor the web-server-errors filter the access log). The app log keeps the
 * fleet's original group.
 */
export function createLogGroups(name: string, config: WebFleetConfig, parent: pulumi.Resource): LogGroups {
  const group = (role: string, prefix: string) =>
    new aws.cloudwatch.LogGroup(
      role,
      { namePrefix: `/cloudblocks/web-fleet/${name}/${prefix}`, retentionInDays: config.logRetentionDays },
      { parent },
    );
  return {
    app: group(`${name}-logs`, ""),
    webAccess: group(`${name}-logs-web-access`, "web-access-"),
    webError: group(`${name}-logs-web-error`, "web-error-"),
    boot: group(`${name}-logs-boot`, "boot-"),
  };
}
