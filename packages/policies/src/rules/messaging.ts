import type { ResourceValidationPolicy } from "@pulumi/policy";
import { decoded, type CloudblocksPolicy, type Props } from "../types";

// SQS controls (AWS Foundational Security Best Practices): SQS.1 encryption at rest, SQS.3 no public queue
// policy. Queues carry alarm text, so they get the same protection as the topic that feeds them.

/** SQS.1: queues are encrypted at rest (a KMS key, or SQS-managed SSE). */
export const sqsEncrypted: ResourceValidationPolicy = {
  name: "sqs-encrypted",
  description: "SQS.1: queues are encrypted at rest (kmsMasterKeyId or sqsManagedSseEnabled).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "aws:sqs/queue:Queue") return;
    const key = args.props["kmsMasterKeyId"];
    const managed = args.props["sqsManagedSseEnabled"];
    if ((typeof key !== "string" || key === "") && managed !== true && managed !== "true")
      reportViolation(
        `queue "${args.name}" is not encrypted at rest (neither kmsMasterKeyId nor sqsManagedSseEnabled).`,
      );
  },
};

interface Statement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const CONFUSED_DEPUTY_KEYS = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid"];

/** The condition keys a statement tests, lower-cased (IAM condition keys are case-insensitive). */
function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((test) =>
    Object.keys(test ?? {}).map((k) => k.toLowerCase()),
  );
}

function principals(principal: unknown): { anyone: boolean; services: string[] } {
  if (principal === "*") return { anyone: true, services: [] };
  if (principal === null || typeof principal !== "object") return { anyone: false, services: [] };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  const p = principal as Props;
  return {
    anyone: list(p["AWS"]).includes("*"),
    services: list(p["Service"]).filter((s): s is string => typeof s === "string"),
  };
}

/** SQS.3: no Allow to everyone, and a service principal only on behalf of a named source (confused deputy). */
export const sqsNoPublicAccess: ResourceValidationPolicy = {
  name: "sqs-no-public-access",
  description:
    "SQS.3: queue policies never allow '*' without a condition, and scope service principals with aws:SourceArn or aws:SourceAccount.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    const policy =
      args.type === "aws:sqs/queuePolicy:QueuePolicy" || args.type === "aws:sqs/queue:Queue"
        ? args.props["policy"]
        : undefined;
    if (policy === undefined || policy === "") return;
    const doc = decoded<{ Statement?: Statement | Statement[] }>(policy);
    const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
    for (const [i, s] of statements.entries()) {
      if (s.Effect !== "Allow") continue;
      const who = principals(s.Principal);
      const keys = conditionKeys(s);
      const label = `queue policy "${args.name}" statement ${s.Sid ?? i}`;
      if (who.anyone && keys.length === 0)
        reportViolation(`${label} allows anyone (Principal "*", no condition).`);
      for (const service of who.services)
        if (!keys.some((k) => CONFUSED_DEPUTY_KEYS.includes(k)))
          reportViolation(
            `${label} allows ${service} for any source (no aws:SourceArn or aws:SourceAccount condition).`,
          );
    }
  },
};

export const messagingPolicies: readonly CloudblocksPolicy[] = [sqsEncrypted, sqsNoPublicAccess];
