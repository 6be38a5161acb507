import { SCENARIOS } from "./scenarios";

/**
 * The IAM actions verify needs, from the scenarios' own declarations — the same lists `Aws.forScenario`
 * enforces at call time, so the README (rendered from here, checked by a test) cannot drift from the code.
 */
export function actionsFor(kind: "read-only" | "chaos"): string[] {
  const of = (chaos: boolean) =>
    new Set(SCENARIOS.filter((s) => s.chaos === chaos).flatMap((s) => s.actions));
  const readOnly = of(false);
  // A chaos run also runs the read-only checks: its document holds only what they do not already grant.
  const actions = kind === "chaos" ? [...of(true)].filter((a) => !readOnly.has(a)) : [...readOnly];
  return actions.sort();
}

/** A policy document for one kind. The chaos run needs both documents (it runs the read-only checks too). */
export function policyDocument(kind: "read-only" | "chaos"): object {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: kind === "chaos" ? "VerifyChaos" : "VerifyReadOnly",
        Effect: "Allow",
        Action: actionsFor(kind),
        Resource: "*",
      },
    ],
  };
}

export const PERMISSIONS_START =
  "<!-- verify-permissions:start — rendered by renderPermissions() in stacks/src/verify/permissions.ts; npm test checks it -->";
export const PERMISSIONS_END = "<!-- verify-permissions:end -->";

/** The README block: each kind's actions and which scenarios use each. */
export function renderPermissions(): string {
  const section = (kind: "read-only" | "chaos", heading: string) => {
    const rows = actionsFor(kind).map((action) => {
      const users = SCENARIOS.filter((s) => s.chaos === (kind === "chaos") && s.actions.includes(action)).map(
        (s) => `\`${s.id}\``,
      );
      return `| \`${action}\` | ${users.join(", ")} |`;
    });
    return [`**${heading}**`, "", "| action | used by |", "| --- | --- |", ...rows].join("\n");
  };
  return [
    PERMISSIONS_START,
    section("read-only", "Read-only (default run)"),
    "",
    section("chaos", "Chaos (`--chaos`, in addition to the read-only ones)"),
    PERMISSIONS_END,
  ].join("\n");
}
