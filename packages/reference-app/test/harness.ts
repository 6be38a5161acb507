// What stands in for an EC2 instance around the app: a fake instance metadata service (IMDSv2 tokens
// enforced), a stub `aws` CLI that returns the secret, a temporary directory as the shared file system with a
// mount table that lists it, and the app itself run as a child process from its build output.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import type * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export const INSTANCE_ID = "i-0123456789abcdef0";
export const AZ = "ap-northeast-2a";
export const SECRET_ARN = "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:rds!db-test-AbCdEf";

export async function fakeImds(): Promise<{ url: string; close(): void }> {
  const token = "imds-token-1";
  const server = http.createServer((req, res) => {
    if (req.method === "PUT" && req.url === "/latest/api/token") return res.end(token);
    if (req.headers["x-aws-ec2-metadata-token"] !== token) return res.writeHead(401).end();
    const values: Record<string, string> = {
      "/latest/meta-data/instance-id": INSTANCE_ID,
      "/latest/meta-data/placement/availability-zone": AZ,
    };
    const value = values[req.url ?? ""];
    if (value === undefined) return res.writeHead(404).end();
    res.end(value);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export interface Instance {
  readonly dir: string;
  readonly efsRoot: string;
  readonly logPath: string;
  readonly awsCalls: string;
  env(extra: Record<string, string>): NodeJS.ProcessEnv;
  cleanup(): void;
}

/** A directory tree for one simulated instance; `mounted: false` leaves the shared root out of the mount table. */
export function fakeInstance(credentials: { username: string; password: string }, mounted = true): Instance {
  const dir = mkdtempSync(path.join(os.tmpdir(), "reference-app-"));
  const efsRoot = path.join(dir, "efs");
  for (const sub of ["static", "media"]) mkdirSync(path.join(efsRoot, sub), { recursive: true });
  const mounts = path.join(dir, "mounts");
  writeFileSync(
    mounts,
    `proc /proc proc rw 0 0\n${mounted ? `fs-1.efs.ap-northeast-2.amazonaws.com:/ ${efsRoot} nfs4 rw 0 0\n` : ""}`,
  );
  const bin = path.join(dir, "bin");
  mkdirSync(bin);
  const awsCalls = path.join(dir, "aws-calls");
  // The stub answers only the exact call the app must make, and records it.
  writeFileSync(
    path.join(bin, "aws"),
    [
      "#!/bin/sh",
      `echo "$*" >>'${awsCalls}'`,
      `[ "$*" = "secretsmanager get-secret-value --secret-id ${SECRET_ARN} --region ap-northeast-2 --query SecretString --output text" ] || { echo "unexpected call: $*" >&2; exit 2; }`,
      `echo '${JSON.stringify(credentials)}'`,
      "",
    ].join("\n"),
  );
  chmodSync(path.join(bin, "aws"), 0o755);
  const logPath = path.join(dir, "app.log");
  return {
    dir,
    efsRoot,
    logPath,
    awsCalls,
    env: (extra) => ({
      PATH: `${bin}:${process.env["PATH"]}`,
      APP_LOG: logPath,
      EFS_ROOT: efsRoot,
      APP_MOUNTS_FILE: mounts,
      ...extra,
    }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningApp {
  readonly url: string;
  get(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; type: string; body: string }>;
  stop(): Promise<void>;
}

const SERVER = path.join(__dirname, "..", "src", "app", "server.js");

export async function startApp(env: NodeJS.ProcessEnv, port: number): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    env: { ...env, APP_PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const get = async (p: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${p}`, { headers });
    return {
      status: response.status,
      type: response.headers.get("content-type") ?? "",
      body: await response.text(),
    };
  };
  const deadline = Date.now() + 20_000; // generous: a loaded CI machine starts node slowly
  for (;;) {
    try {
      await get("/healthz");
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the app did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return {
    url,
    get,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export const logLines = (instance: Instance) =>
  readFileSync(instance.logPath, "utf8")
    .split("\n")
    .filter((l) => l !== "");
