import { execFile } from "node:child_process";
import type { DatabaseSettings } from "./settings";

// The app has no npm dependencies: it runs the MariaDB command-line client from the OS (AL2023 `mariadb105`,
// Debian `mariadb-client`) for each check, and the AWS CLI (preinstalled on AL2023) for the secret. Both run
// with an argument vector (no shell), so no value can inject a command.

export interface HostCheck {
  readonly host: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

const CLIENT_TIMEOUT_MS = 8000;
const SECRET_TTL_MS = 5 * 60_000;

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { env, timeout: CLIENT_TIMEOUT_MS, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(firstLine(stderr) || error.message));
        else resolve(stdout);
      },
    );
  });
}

/** The first line of a client's error, trimmed: enough to diagnose, never a multi-line dump. */
function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim()
      .slice(0, 300) ?? ""
  );
}

/**
 * Reads the credentials (RDS writes `{"username": …, "password": …}`) with the instance role, caching them for
 * five minutes; a failed login drops the cache, so a rotated password is picked up on the next check.
 */
export class SecretCache {
  private cached?: { value: Credentials; until: number };
  constructor(private readonly settings: DatabaseSettings) {}

  async get(): Promise<Credentials> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.value;
    const text = await run(
      "aws",
      [
        "secretsmanager",
        "get-secret-value",
        "--secret-id",
        this.settings.secretArn,
        "--region",
        this.settings.region,
        "--query",
        "SecretString",
        "--output",
        "text",
      ],
      process.env,
    ).catch((error: Error) => {
      throw new Error(`reading the database secret: ${error.message}`);
    });
    let parsed: Partial<Credentials>;
    try {
      parsed = JSON.parse(text) as Partial<Credentials>;
    } catch {
      throw new Error("reading the database secret: its value is not JSON");
    }
    if (typeof parsed.username !== "string" || typeof parsed.password !== "string")
      throw new Error("reading the database secret: it has no username and password");
    const value = { username: parsed.username, password: parsed.password };
    this.cached = { value, until: Date.now() + SECRET_TTL_MS };
    return value;
  }

  forget(): void {
    this.cached = undefined;
  }
}

/**
 * Runs SQL on one host over TLS, verifying the server's certificate against the RDS CA bundle and its name
 * against the host, and fails unless the session really is encrypted. The password goes to the client in its
 * environment (`MYSQL_PWD`, readable only by this user and root), never on its command line.
 */
async function query(
  settings: DatabaseSettings,
  host: string,
  sql: string,
  credentials: Credentials,
): Promise<string[]> {
  const out = await run(
    "mariadb",
    [
      "--no-defaults",
      "--protocol=TCP",
      `--host=${host}`,
      `--port=${settings.port}`,
      `--user=${credentials.username}`,
      "--ssl",
      `--ssl-ca=${settings.caBundle}`,
      "--ssl-verify-server-cert",
      "--connect-timeout=3",
      "--batch",
      "--skip-column-names",
      `--execute=${sql}; SHOW SESSION STATUS LIKE 'Ssl_cipher'`,
    ],
    { PATH: process.env["PATH"], MYSQL_PWD: credentials.password },
  );
  const lines = out.split("\n").filter((line) => line !== "");
  const cipher = lines.pop()?.split("\t")[1];
  if (!cipher) throw new Error("the connection is not encrypted");
  return lines;
}

/** The writer: keep one row per instance with the time of its last check (a real write). */
export function writerSql(instanceId: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(instanceId))
    throw new Error(`unexpected instance id ${JSON.stringify(instanceId)}`);
  return [
    "CREATE DATABASE IF NOT EXISTS reference_app",
    "CREATE TABLE IF NOT EXISTS reference_app.checks (instance_id VARCHAR(64) PRIMARY KEY, checked_at DATETIME(3) NOT NULL)",
    `REPLACE INTO reference_app.checks (instance_id, checked_at) VALUES ('${instanceId}', NOW(3))`,
  ].join("; ");
}

/** A replica: read the table the writers keep (replicated from the writer). */
export const READER_SQL = "SELECT COUNT(*) FROM reference_app.checks";

export async function checkHost(
  settings: DatabaseSettings,
  secrets: SecretCache,
  host: string,
  sql: string,
): Promise<HostCheck> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    await query(settings, host, sql, await secrets.get());
    return { host, ok: true, ms: ms() };
  } catch (error) {
    const message = (error as Error).message;
    if (/\b1045\b|Access denied/.test(message)) secrets.forget();
    return { host, ok: false, ms: ms(), error: message };
  }
}
