/** What the app is told by its environment (`/etc/app/database.env` and `/etc/app/app.env` on instances). */
export interface Settings {
  readonly listenHost: string;
  readonly port: number;
  readonly logPath: string;
  /** Path `/healthz` answers on besides `/healthz` (the target group's health check path). */
  readonly healthPath: string;
  /** Root of the shared file system (`/mnt/efs`), or undefined when the fleet has none. */
  readonly efsRoot?: string;
  /** The kernel's mount table, where the EFS mount must appear. */
  readonly mountsFile: string;
  readonly imdsUrl: string;
  readonly database?: DatabaseSettings;
}

export interface DatabaseSettings {
  readonly writerHost: string;
  readonly readerHosts: readonly string[];
  readonly port: number;
  readonly secretArn: string;
  readonly region: string;
  readonly caBundle: string;
}

const HOST = /^[A-Za-z0-9.-]{1,253}$/;

/** Reads the settings; a missing or malformed value is an error naming the variable (the unit then fails loudly). */
export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const port = (name: string, fallback: string) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      throw new Error(`${name}: got ${env[name]}; allowed: a TCP port`);
    return value;
  };
  const host = (name: string, value: string) => {
    if (!HOST.test(value))
      throw new Error(`${name}: got ${JSON.stringify(value)}; allowed: a DNS name or IPv4 address`);
    return value;
  };
  const writer = env["DB_WRITER_HOST"];
  return {
    listenHost: env["APP_LISTEN_HOST"] ?? "127.0.0.1",
    port: port("APP_PORT", "8080"),
    logPath: env["APP_LOG"] ?? "/var/log/app/app.log",
    healthPath: env["APP_HEALTH_PATH"] ?? "/healthz",
    efsRoot: env["EFS_ROOT"] || undefined,
    mountsFile: env["APP_MOUNTS_FILE"] ?? "/proc/self/mounts",
    imdsUrl: env["APP_IMDS_URL"] ?? "http://169.254.169.254",
    database: writer
      ? {
          writerHost: host("DB_WRITER_HOST", writer),
          readerHosts: (env["DB_READER_HOSTS"] ?? "")
            .split(",")
            .map((h) => h.trim())
            .filter((h) => h !== "")
            .map((h) => host("DB_READER_HOSTS", h)),
          port: port("DB_PORT", "3306"),
          secretArn: required(env, "DB_SECRET_ARN"),
          region: required(env, "AWS_REGION"),
          caBundle: required(env, "DB_CA_BUNDLE"),
        }
      : undefined,
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name}: got nothing; allowed: a value (it comes from /etc/app/database.env)`);
  return value;
}
