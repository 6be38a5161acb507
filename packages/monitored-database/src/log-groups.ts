import * as aws from "./aws";
import type * as pulumi from "@pulumi/pulumi";
import { LOG_EXPORTS } from "./parameters";

/**
 * RDS writes exported logs to `/aws/rds/instance/<identifier>/<log>`, creating the group itself, with no
 * retention, if it does not exist yet. Creating the groups first, with a retention, keeps the audit and general
 * logs (which can hold personal data from statements) from living forever (CloudWatch.16).
 */
export function createRdsLogGroups(
  name: string,
  identifier: string,
  retentionInDays: number,
  parent: pulumi.Resource,
): aws.cloudwatch.LogGroup[] {
  return LOG_EXPORTS.map(
    (log) =>
      new aws.cloudwatch.LogGroup(
        `${name}-${log}`,
        { name: `/aws/rds/instance/${identifier}/${log}`, retentionInDays },
        { parent },
      ),
  );
}

/** An RDS identifier: 1–63 letters, digits or hyphens, starting with a letter, no `--`, not ending in `-`. */
export const RDS_IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]{0,62}(?<!-)$/;
