import { execFile } from "node:child_process";

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file` with `args` in its own process; resolves with its exit code and output, whatever the code. */
export function runProcess(file: string, args: readonly string[]): Promise<ProcessResult> {
  return new Promise((resolve) =>
    execFile(file, [...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
