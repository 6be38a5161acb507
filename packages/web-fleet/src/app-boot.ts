import { gzipSync } from "node:zlib";
import { APP_ENTRY, APP_NODE, APP_PORT, appFiles } from "@cloudblocks/reference-app";
import { shQuote } from "./shell";

// Boot steps for the app tier: the app user, the database environment file with the RDS CA bundle, and — when
// the caller brings no app — the reference app behind Apache. Called from user-data.ts.

export const APP_USER = "app";
/** A fixed id, so files the app writes on the shared EFS belong to the same user on every instance. */
export const APP_UID = 2000;
export const APP_ENV_DIR = "/etc/app";
export const DATABASE_ENV_PATH = "/etc/app/database.env";
export const APP_ENV_PATH = "/etc/app/app.env";
/** Where instances keep the RDS CA bundle (`DB_CA_BUNDLE`). */
export const RDS_CA_BUNDLE_PATH = "/etc/app/rds-ca-global-bundle.pem";
/**
 * The RDS global CA bundle (every RDS root CA of every commercial region), published by AWS at this address;
 * fetched at boot over HTTPS (through NAT) so a CA rotation needs no new release of the fleet.
 */
export const RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";
export const REFERENCE_APP_DIR = "/opt/reference-app";

/** What an instance learns about its database (resolved values of a `DatabaseRef`, minus the key). */
export interface DatabaseEnvironment {
  readonly writerHost: string;
  readonly readerHosts: readonly string[];
  readonly port: number;
  readonly secretArn: string;
  readonly region: string;
}

/** `/etc/app/database.env`: hosts, port, secret ARN, region and CA bundle path — never the password. */
export function databaseEnvFile(db: DatabaseEnvironment): string {
  const values: Record<string, string> = {
    DB_WRITER_HOST: db.writerHost,
    DB_READER_HOSTS: db.readerHosts.join(","),
    DB_PORT: String(db.port),
    DB_SECRET_ARN: db.secretArn,
    DB_CA_BUNDLE: RDS_CA_BUNDLE_PATH,
    AWS_REGION: db.region,
  };
  // systemd EnvironmentFile and `source` both read KEY=value; values are AWS names and ARNs (no quotes needed,
  // but refuse anything that would need them rather than emit a file one reader parses differently).
  return Object.entries(values)
    .map(([key, value]) => {
      if (!/^[A-Za-z0-9.,:/!_@+-]*$/.test(value))
        throw new Error(
          `${key}: got ${JSON.stringify(value)}; allowed: an AWS host name, port, ARN or region`,
        );
      return `${key}=${value}`;
    })
    .join("\n");
}

/** The app user, always: `/etc/app` files are root:app, and a caller's app runs as it too. */
function appUser(): string[] {
  return [
    "",
    `# --- app user (${APP_USER}, uid ${APP_UID}) and ${APP_ENV_DIR}`,
    `getent group ${APP_USER} >/dev/null || groupadd --gid ${APP_UID} ${APP_USER}`,
    `id -u ${APP_USER} >/dev/null 2>&1 || useradd --uid ${APP_UID} --gid ${APP_USER} --no-create-home --home-dir / --shell /sbin/nologin ${APP_USER}`,
    `install -d -m 0750 -o root -g ${APP_USER} ${APP_ENV_DIR}`,
  ];
}

/** The database environment and the RDS CA bundle the app verifies the server certificate with. */
function databaseEnvironment(db: DatabaseEnvironment): string[] {
  return [
    "",
    "# --- database environment: where the database is and which secret holds its credentials (no password here)",
    `cat >${DATABASE_ENV_PATH} <<'DATABASE_ENV'`,
    databaseEnvFile(db),
    "DATABASE_ENV",
    `chown root:${APP_USER} ${DATABASE_ENV_PATH}`,
    `chmod 0640 ${DATABASE_ENV_PATH}`,
    "for attempt in $(seq 1 10); do",
    `  if curl -fsS --max-time 20 -o ${RDS_CA_BUNDLE_PATH}.new ${shQuote(RDS_CA_BUNDLE_URL)} && grep -q 'BEGIN CERTIFICATE' ${RDS_CA_BUNDLE_PATH}.new; then break; fi`,
    '  echo "RDS CA bundle not reachable yet (attempt $attempt), retrying in 6 s"',
    "  sleep 6",
    "done",
    `mv ${RDS_CA_BUNDLE_PATH}.new ${RDS_CA_BUNDLE_PATH}`,
    `chmod 0644 ${RDS_CA_BUNDLE_PATH}`,
  ];
}

export interface ReferenceAppInput {
  readonly healthCheckPath: string;
  readonly appLogPath: string;
  /** The shared file system's mount point, when the fleet has one. */
  readonly efsMountPoint?: string;
}

/**
 * gzip level 9 is the costly part of rendering user data (0.6 ms, on every fleet built and every validation,
 * which renders the script to bound its boot time), and the same text always packs to the same bytes: each
 * distinct bundle (in practice the one reference app) is packed once per process.
 */
const packedBundles = new Map<string, string>();
function gzipBase64Lines(text: string): string {
  let packed = packedBundles.get(text);
  if (packed === undefined) {
    packed = gzipSync(text, { level: 9 })
      .toString("base64")
      .replace(/.{1,76}/g, "$&\n")
      .trimEnd();
    if (packedBundles.size < 8) packedBundles.set(text, packed);
  }
  return packed;
}

/**
 * The app's files as one gzip+base64 bundle (smaller than one per file: EC2 user data is limited to 16 KB),
 * unpacked by the Node.js just installed. Deterministic: the same app gives the same user data, so an unrelated
 * deploy never rolls the fleet.
 */
function packedFiles(dir: string, files: Record<string, string>): string[] {
  const packed = gzipBase64Lines(JSON.stringify(files));
  const unpack =
    'const fs=require("fs"),d=process.argv[1];' +
    'for(const[f,t]of Object.entries(JSON.parse(fs.readFileSync(0,"utf8"))))fs.writeFileSync(d+"/"+f,t)';
  return [
    `base64 -d <<'APP_FILES' | gunzip | ${APP_NODE} -e ${shQuote(unpack)} ${shQuote(dir)}`,
    packed,
    "APP_FILES",
  ];
}

/** Without an app bootstrap: the reference app (`@cloudblocks/reference-app`) as a service, proxied by Apache. */
function referenceApp(input: ReferenceAppInput): string[] {
  const appEnv = [
    `APP_PORT=${APP_PORT}`,
    `APP_LOG=${input.appLogPath}`,
    `APP_HEALTH_PATH=${input.healthCheckPath}`,
    ...(input.efsMountPoint ? [`EFS_ROOT=${input.efsMountPoint}`] : []),
  ];
  const logDir = input.appLogPath.replace(/\/[^/]+$/, "") || "/";
  return [
    "",
    "# --- reference app: / (instance, AZ, stickiness), /healthz (local checks), /status (EFS and database)",
    `install -d -m 0755 ${REFERENCE_APP_DIR}`,
    ...packedFiles(REFERENCE_APP_DIR, appFiles()),
    `cat >${APP_ENV_PATH} <<'APP_ENV'`,
    ...appEnv,
    "APP_ENV",
    `install -d -m 0750 -o ${APP_USER} -g ${APP_USER} ${shQuote(logDir)}`,
    `touch ${shQuote(input.appLogPath)} && chown ${APP_USER}:${APP_USER} ${shQuote(input.appLogPath)}`,
    ...(input.efsMountPoint
      ? [
          `chown ${APP_USER}:${APP_USER} ${shQuote(`${input.efsMountPoint}/static`)} ${shQuote(`${input.efsMountPoint}/media`)}`,
        ]
      : []),
    "cat >/etc/systemd/system/reference-app.service <<'UNIT'",
    "[Unit]",
    "Description=cloudblocks reference app",
    "After=network-online.target remote-fs.target",
    "Wants=network-online.target",
    "[Service]",
    `User=${APP_USER}`,
    `Group=${APP_USER}`,
    `EnvironmentFile=${APP_ENV_PATH}`,
    `EnvironmentFile=-${DATABASE_ENV_PATH}`,
    `ExecStart=${APP_NODE} ${REFERENCE_APP_DIR}/${APP_ENTRY}`,
    "Restart=always",
    "RestartSec=2",
    "NoNewPrivileges=yes",
    "ProtectSystem=full",
    "PrivateTmp=yes",
    "[Install]",
    "WantedBy=multi-user.target",
    "UNIT",
    "cat >/etc/httpd/conf.d/reference-app.conf <<'HTTPD_CONF'",
    "# Everything goes to the reference app on localhost; the ALB's cookies and Host header pass through.",
    "ProxyPreserveHost On",
    `ProxyPass / http://127.0.0.1:${APP_PORT}/ retry=0 timeout=30`,
    `ProxyPassReverse / http://127.0.0.1:${APP_PORT}/`,
    "HTTPD_CONF",
    "systemctl daemon-reload",
    "systemctl enable --now reference-app",
    "systemctl enable --now httpd",
  ];
}

/** The app-tier boot steps, in order: app user, database environment (when given), reference app (when no bootstrap). */
export function appBootSteps(input: {
  readonly database?: DatabaseEnvironment;
  readonly referenceApp?: ReferenceAppInput;
}): string[] {
  return [
    ...appUser(),
    ...(input.database ? databaseEnvironment(input.database) : []),
    ...(input.referenceApp ? referenceApp(input.referenceApp) : []),
  ];
}
