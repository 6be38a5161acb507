import * as pulumi from "@pulumi/pulumi";
import { ArgsValidationError, formatPath } from "@cloudblocks/component-kit";
import { projectConfigKeys, stackConfigSchema, type StackConfig } from "./config-schema";

/** A bad `Pulumi.<stack>.yaml`: each line names the key path (`buddyverse:network.natMode`), the value and what is allowed. */
export class StackConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid stack configuration\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "StackConfigError";
  }
}

/** Reads the raw values of every key the program knows, objects parsed from their JSON form. */
function readRaw(project: string): Record<string, unknown> {
  const config = new pulumi.Config(project);
  const raw: Record<string, unknown> = { region: new pulumi.Config("aws").get("region") };
  for (const key of projectConfigKeys) {
    const text = config.get(key);
    if (text === undefined) continue;
    try {
      raw[key] = JSON.parse(text);
    } catch {
      raw[key] = text;
    }
  }
  return raw;
}

function keyPath(project: string, path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  const root = first === "region" ? "aws:region" : `${project}:${String(first)}`;
  return formatPath(root, rest);
}

/** Parses a raw config object (as read from Pulumi config) into the typed stack config, or throws {@link StackConfigError}. */
export function parseStackConfig(raw: Record<string, unknown>, project = "buddyverse"): StackConfig {
  const result = stackConfigSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw new StackConfigError(
    result.error.issues.map((issue) => {
      const input = "input" in issue ? JSON.stringify(issue.input) : "nothing";
      return `${keyPath(project, issue.path)}: got ${input ?? "nothing"}; ${issue.message}`;
    }),
  );
}

/** The typed config of the current stack (`Pulumi.<stack>.yaml`). */
export function loadStackConfig(): StackConfig {
  return parseStackConfig(readRaw(pulumi.getProject()), pulumi.getProject());
}

/**
 * Builds a component from a config section. The component validates its own arguments; its errors are
 * reported against the config key they came from (`args.minSize` → `buddyverse:fleet.minSize`).
 */
export function fromConfigSection<T>(configKey: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ArgsValidationError)) throw error;
    // `args.x` of a constructor, or the root a method validates under (`logAlarm.x` of addLogAlarm).
    throw new StackConfigError(
      error.problems.map((problem) => problem.replace(/^(args|logAlarm|metricAlarm)(?=[.[:])/, configKey)),
    );
  }
}
