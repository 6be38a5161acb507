import type { ResourceValidationPolicy } from "@pulumi/policy";
import { decoded } from "../types";

// Who may read secrets, and decrypt them: identity policies grant `secretsmanager:GetSecretValue` on named
// secrets only, and `kms:Decrypt` on named keys only and only through the service that stores the secret
// (`kms:ViaService`), so a role that may read one secret cannot decrypt anything else with the key
// (AWS Secrets Manager user guide, "Secret encryption and decryption"; IAM.1/KMS.1 "no wildcard grants").

const IDENTITY_POLICIES = new Set([
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/policy:Policy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
]);

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Whether an IAM action pattern (`*`, `kms:*`, `kms:Decrypt*`, case-insensitive) covers `action`. */
export function actionCovers(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return regex.test(action);
}

/** The problems of one policy document, one sentence each. */
export function secretAccessProblems(document: unknown): string[] {
  const statements = list((document as { Statement?: Statement | Statement[] } | undefined)?.Statement);
  const problems: string[] = [];
  // A decrypt grant next to a secret read is for that secret: it must go through the storing service. Other
  // decrypt grants (e.g. publishing to a KMS-encrypted topic) only need named keys.
  const readsSecrets = statements.some(
    (st) =>
      st.Effect === "Allow" &&
      list(st.Action).some(
        (a) => actionCovers(a, "secretsmanager:GetSecretValue") || actionCovers(a, "ssm:GetParameter"),
      ),
  );
  statements.forEach((statement, i) => {
    if (statement.Effect !== "Allow") return;
    const sid = `statement ${i}${(statement as { Sid?: string }).Sid ? ` (${(statement as { Sid?: string }).Sid})` : ""}`;
    const grants = (action: string) =>
      list(statement.Action).some((a) => actionCovers(a, action)) ||
      (statement.NotAction !== undefined && !list(statement.NotAction).some((a) => actionCovers(a, action)));
    const wildcard = list(statement.Resource).filter((r) => typeof r === "string" && r.includes("*"));
    const noResource = list(statement.Resource).length === 0;
    if (grants("secretsmanager:GetSecretValue") && (wildcard.length > 0 || noResource))
      problems.push(
        `${sid} grants secretsmanager:GetSecretValue on ${noResource ? "no named secret" : wildcard.join(", ")}; name the secret ARNs`,
      );
    if (grants("kms:Decrypt")) {
      if (wildcard.length > 0 || noResource)
        problems.push(
          `${sid} grants kms:Decrypt on ${noResource ? "no named key" : wildcard.join(", ")}; name the key ARNs`,
        );
      const via = Object.entries(statement.Condition ?? {})
        .filter(([operator]) => /^StringEquals$/i.test(operator))
        .flatMap(([, keys]) => Object.entries(keys))
        .filter(([key]) => key.toLowerCase() === "kms:viaservice")
        .flatMap(([, value]) => list(value as string | string[]));
      if (readsSecrets && (via.length === 0 || via.some((v) => typeof v !== "string" || v.includes("*"))))
        problems.push(
          `${sid} grants kms:Decrypt without a StringEquals kms:ViaService condition; allow it only through the service that stores the secret`,
        );
    }
  });
  return problems;
}

export const secretReadScoped: ResourceValidationPolicy = {
  name: "iam-secret-read-scoped",
  description:
    "Identity policies read named secrets only, decrypt with named KMS keys only, and decrypt a secret they read only through its service (kms:ViaService).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!IDENTITY_POLICIES.has(args.type)) return;
    for (const problem of secretAccessProblems(decoded(args.props["policy"])))
      reportViolation(`policy "${args.name}": ${problem}.`);
  },
};
