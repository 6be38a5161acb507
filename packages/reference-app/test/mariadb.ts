// A real MariaDB server for the app's tests: a throw-away data directory, a free loopback port, TLS with a
// self-signed certificate and `require_secure_transport`, so the app's "over TLS, certificate verified" path
// is the real one. Started once per test run (by the one test file that needs it).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const INSTALL_COMMAND = "sudo apt-get install -y mariadb-server";
const SERVER_CANDIDATES = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/local/bin/mariadbd"];

export interface TestDatabase {
  readonly port: number;
  /** The server certificate, which is its own CA: the app's `DB_CA_BUNDLE`. */
  readonly caFile: string;
  readonly username: string;
  readonly password: string;
  /** Runs SQL as root over the server's socket (for assertions). */
  sql(statement: string): Promise<string>;
  /** A second self-signed certificate the server does not use (a CA bundle that must not verify it). */
  readonly otherCaFile: string;
  stop(): void;
}

function serverBinary(): string | undefined {
  return SERVER_CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Installs the server where that is possible (root on Debian), else fails with the exact command. */
async function ensureServer(): Promise<string> {
  const found = serverBinary();
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/etc/debian_version")) {
    await run("flock", ["/tmp/apt.lock", "apt-get", "install", "-y", "mariadb-server"], {
      timeout: 600_000,
    }).catch(async () => {
      await run("flock", ["/tmp/apt.lock", "apt-get", "update"], { timeout: 600_000 });
      await run("flock", ["/tmp/apt.lock", "apt-get", "install", "-y", "mariadb-server"], {
        timeout: 600_000,
      });
    });
    const installed = serverBinary();
    if (installed) return installed;
  }
  throw new Error(
    `the reference app's tests need a MariaDB server (mariadbd); install it with: ${INSTALL_COMMAND}`,
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const selfSigned = (dir: string, name: string) =>
  run("openssl", [
    "req",
    "-x509",
    // EC keys: a P-256 key is made in milliseconds, an RSA-2048 one in 0.1–0.3 s of CPU.
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout",
    path.join(dir, `${name}-key.pem`),
    "-out",
    path.join(dir, `${name}.pem`),
  ]);

// Durability is irrelevant for a throw-away server: no fsync, a small buffer pool, no binary log.
const FAST = [
  "--innodb-flush-method=nosync",
  "--innodb-flush-log-at-trx-commit=0",
  "--innodb-buffer-pool-size=16M",
  "--skip-name-resolve",
];

export async function startTestDatabase(): Promise<TestDatabase> {
  const server = await ensureServer();
  // tmpfs when there is one: the data directory is written a lot at initialisation.
  const base = existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
  const dir = mkdtempSync(path.join(base, "reference-app-db-"));
  const data = path.join(dir, "data");
  const socket = path.join(dir, "mariadb.sock");
  const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
  const [port] = await Promise.all([
    freePort(),
    selfSigned(dir, "server"),
    selfSigned(dir, "other"),
    run("mariadb-install-db", [
      "--no-defaults",
      `--datadir=${data}`,
      ...asRoot,
      "--auth-root-authentication-method=normal",
      "--skip-test-db",
      ...FAST,
    ]),
  ]);

  const child: ChildProcess = spawn(
    server,
    [
      "--no-defaults",
      `--datadir=${data}`,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, "mariadb.pid")}`,
      `--log-error=${path.join(dir, "error.log")}`,
      ...asRoot,
      ...FAST,
      "--skip-log-bin",
      `--ssl-cert=${path.join(dir, "server.pem")}`,
      `--ssl-key=${path.join(dir, "server-key.pem")}`,
      "--require-secure-transport=ON",
    ],
    { stdio: "ignore" },
  );
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stop);

  const sql = async (statement: string) =>
    (
      await run("mariadb", [
        "--no-defaults",
        `--socket=${socket}`,
        "--user=root",
        "--batch",
        "--skip-column-names",
        `--execute=${statement}`,
      ])
    ).stdout;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await sql("SELECT 1");
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        stop();
        throw new Error(`MariaDB did not start: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const username = "app";
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  await sql(
    `CREATE USER '${username}'@'%' IDENTIFIED BY '${password}' REQUIRE SSL; GRANT ALL ON *.* TO '${username}'@'%'`,
  );
  return {
    port,
    caFile: path.join(dir, "server.pem"),
    otherCaFile: path.join(dir, "other.pem"),
    username,
    password,
    sql,
    stop,
  };
}
