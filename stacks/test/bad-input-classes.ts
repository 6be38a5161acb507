import { parseStackConfig, rawFromConfigMap, StackConfigError } from "../src/config";
import { readStackFiles } from "../src/plan/stack-files";
import { root } from "./plans";

type Config = Record<string, unknown>;

/** One class of bad input for stacks/README.md: a change to the real prod stack file. */
export interface BadInputClass {
  readonly what: string;
  readonly change: (config: Config) => Config;
  readonly secretKeys?: readonly string[];
}

const with_ = (key: string, patch: Config) => (config: Config) => ({
  ...config,
  [`buddyverse:${key}`]: { ...(config[`buddyverse:${key}`] as Config), ...patch },
});

export const BAD_INPUT_CLASSES: readonly BadInputClass[] = [
  {
    what: "Misspelt key (any section, top level too)",
    change: with_("alarms", { emailAdresses: ["ops@buddyverse.link"] }),
  },
  { what: "Unknown top-level key", change: (c) => ({ ...c, "buddyverse:costCentre": "bv" }) },
  { what: "Wrong type", change: with_("database", { multiAz: "yes" }) },
  { what: "Value out of range", change: with_("fleet", { minSize: 9 }) },
  {
    what: "Plaintext secret in the stack file",
    change: with_("database", { masterPassword: "hunter2hunter2" }),
  },
  {
    what: "Credential pasted into a reference field",
    change: with_("alarms", { webhookSecretArn: "https://hooks.slack.com/services/T0/B0/abc" }),
  },
  {
    what: "`--secret` on a key that cannot stay secret",
    change: (c) => c,
    secretKeys: ["buddyverse:network"],
  },
  {
    what: "Program-wired key set in config",
    change: with_("fleet", { alarmTopicArn: "arn:aws:sns:ap-northeast-2:123456789012:x" }),
  },
  { what: "AZ of another region than `aws:region`", change: (c) => ({ ...c, "aws:region": "us-east-1" }) },
  {
    what: "AZ letter the region does not have",
    change: with_("network", { availabilityZones: ["ap-northeast-2a", "ap-northeast-2e"] }),
  },
  {
    what: "TLS policy that does not exist",
    change: with_("fleet", { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2099-01" }),
  },
  {
    what: "TLS policy allowing TLS 1.0/1.1",
    change: with_("fleet", { sslPolicy: "ELBSecurityPolicy-2016-08" }),
  },
  { what: "EC2 instance type that does not exist", change: with_("fleet", { instanceType: "t3.mega" }) },
  { what: "RDS class that does not exist", change: with_("database", { instanceClass: "db.m6g.huge" }) },
  { what: "MySQL version RDS does not offer", change: with_("database", { engineVersion: "8.0.27" }) },
  {
    what: "Cron field out of range",
    change: with_("fleet", { scheduledActions: { night: { recurrence: "0 25 * * *", minSize: 2 } } }),
  },
  {
    what: "Unknown time zone",
    change: with_("fleet", {
      scheduledActions: { night: { recurrence: "0 2 * * *", timeZone: "Asia/Sdeoul", minSize: 2 } },
    }),
  },
  { what: "RDS window shorter than 30 minutes", change: with_("database", { backupWindow: "17:00-17:10" }) },
  {
    what: "Overlapping backup and maintenance windows",
    change: with_("database", { backupWindow: "18:00-19:00", maintenanceWindow: "sun:18:30-sun:19:30" }),
  },
  {
    what: "Malformed or over-long e-mail address",
    change: with_("alarms", { emailAddresses: [`${"a".repeat(65)}@buddyverse.link`] }),
  },
  { what: "Malformed domain name", change: with_("fleet", { domainName: "-buddyverse.link" }) },
  {
    what: "Name prefix too long for the components' names",
    change: (c) => ({ ...c, "buddyverse:namePrefix": "buddyverse-platform" }),
  },
  {
    what: "Cross-section rule",
    change: with_("fleet", { domainName: undefined, hostedZoneName: undefined }),
  },
];

/** The problems the program reports for one class, read exactly as the program reads config. */
export function problemsOf(badInput: BadInputClass): readonly string[] {
  const config = badInput.change({ ...readStackFiles(root, "prod").config });
  const all: Record<string, string> = {};
  for (const [key, value] of Object.entries(config))
    if (value !== undefined) all[key] = typeof value === "string" ? value : JSON.stringify(value);
  const secret = new Set(badInput.secretKeys ?? []);
  try {
    parseStackConfig(rawFromConfigMap(all, "buddyverse", (key) => secret.has(key)));
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The markdown table of stacks/README.md, from real runs. */
export function badInputTable(): string {
  const rows = BAD_INPUT_CLASSES.map((c) => {
    const first = problemsOf(c)[0] ?? "(accepted)";
    return `| ${c.what} | \`${first.replace(/\|/g, "\\|").replace(/`/g, "'")}\` |`;
  });
  return ["| bad input | the program says (first problem) |", "| --- | --- |", ...rows].join("\n");
}
