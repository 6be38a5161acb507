import type { ResourceValidationPolicy } from "@pulumi/policy";

export const logGroupRetention: ResourceValidationPolicy = {
  name: "log-group-retention",
  description:
    "CloudWatch.16: log groups keep their events for a set number of days (never forever by omission).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:cloudwatch/logGroup:LogGroup") return;
    const days = Number(args.props["retentionInDays"] ?? 0);
    if (!(days > 0))
      reportViolation(
        `log group "${args.name}" has no retention (retentionInDays is ${args.props["retentionInDays"] ?? "unset"}).`,
      );
  },
};
