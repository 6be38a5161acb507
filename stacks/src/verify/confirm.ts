import { createInterface } from "node:readline/promises";

export interface Terminal {
  readonly interactive: boolean;
  ask(question: string): Promise<string>;
}

export const processTerminal: Terminal = {
  interactive: Boolean(process.stdin.isTTY),
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

/**
 * `--chaos` stops servers, so it runs only when confirmed: `--yes` (CI), or the stack name typed at the prompt.
 * Without a terminal and without `--yes` it refuses rather than guess.
 */
export async function confirmChaos(
  stack: string,
  yes: boolean,
  terminal: Terminal = processTerminal,
): Promise<boolean> {
  if (yes) return true;
  if (!terminal.interactive)
    throw new Error("--chaos stops servers: pass --yes to confirm when not interactive");
  const answer = await terminal.ask(
    `--chaos stops a web server and an instance, loads the CPUs and fires the ERROR alarm of ${stack}. Type the stack name to go on: `,
  );
  return answer.trim() === stack;
}
