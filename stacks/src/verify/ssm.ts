import {
  GetCommandInvocationCommand,
  SendCommandCommand,
  type GetCommandInvocationCommandOutput,
} from "@aws-sdk/client-ssm";
import type { ScenarioContext } from "./types";
import { waitFor } from "./wait";

export interface ShellResult {
  readonly status: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const TERMINAL = new Set(["Success", "Failed", "Cancelled", "TimedOut", "Cancelling"]);

/**
 * Runs a shell script on one instance with SSM Run Command (`AWS-RunShellScript`) and waits for it to end.
 * The instance needs only the SSM agent and its role; no port is open for this.
 */
export async function runShell(
  ctx: ScenarioContext,
  instanceId: string,
  commands: readonly string[],
  what: string,
): Promise<ShellResult> {
  const timeoutS = Math.max(30, Math.ceil(ctx.timeouts.commandMs / 1000));
  const sent = await ctx.aws.send(
    "ssm",
    new SendCommandCommand({
      DocumentName: "AWS-RunShellScript",
      InstanceIds: [instanceId],
      Comment: `cloudblocks verify: ${what}`.slice(0, 100),
      TimeoutSeconds: timeoutS,
      Parameters: { commands: [...commands], executionTimeout: [String(timeoutS)] },
    }),
  );
  const commandId = sent.Command?.CommandId;
  if (!commandId) throw new Error(`SSM SendCommand returned no command id for ${instanceId}`);
  const { value } = await waitFor<GetCommandInvocationCommandOutput>(
    `${what} on ${instanceId}`,
    async () => {
      try {
        const out = await ctx.aws.send(
          "ssm",
          new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }),
        );
        return { done: TERMINAL.has(out.Status ?? ""), value: out, seen: out.Status ?? "unknown" };
      } catch (error) {
        // Right after SendCommand the invocation may not be visible yet.
        if ((error as Error).name === "InvocationDoesNotExist") return { done: false, seen: "not started" };
        throw error;
      }
    },
    // Run Command usually answers in seconds: poll it faster than the minutes-long waits.
    { ...ctx, timeoutMs: ctx.timeouts.commandMs, intervalMs: Math.min(ctx.timeouts.pollMs, 2000) },
  );
  return {
    status: value!.Status ?? "unknown",
    exitCode: value!.ResponseCode ?? -1,
    stdout: (value!.StandardOutputContent ?? "").trim(),
    stderr: (value!.StandardErrorContent ?? "").trim(),
  };
}

/** One shell word: single-quoted, embedded quotes closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export const SSM_ACTIONS = ["ssm:SendCommand", "ssm:GetCommandInvocation"] as const;
