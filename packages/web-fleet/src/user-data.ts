import {
  bootBoundSeconds,
  renderBootScript,
  retryBoundSeconds,
  shQuote,
  type BootStep,
} from "@cloudblocks/component-kit";
import { APP_OS_PACKAGES } from "@cloudblocks/reference-app";
import { appBootSteps, type DatabaseEnvironment } from "./app-boot";
import { posix } from "node:path";
import { cloudWatchAgentConfig, type AgentConfigInput } from "./cloudwatch-agent";

export { shQuote, type BootStep };

/** The delimiter of the caller's bootstrap heredoc; a line equal to it would end the heredoc early. */
export const APP_BOOTSTRAP_DELIMITER = "WEB_FLEET_APP_BOOTSTRAP";

export const EFS_MOUNT_POINT = "/mnt/efs";
/**
 * The EFS mount options of seed 003 (NFS 4.1, large buffers, hard mounts, new source port on reconnect): the EFS
 * mount helper's defaults, written out so the fstab line says what the mount does.
 */
export const EFS_MOUNT_OPTIONS =
  "nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport";
/** The shared directories (TEAM.md contract): the app reads `static/` and writes `media/`. */
export const SHARED_DIRS = ["static", "media"] as const;
export const AGENT_CONFIG_PATH = "/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json";
export const AGENT_CTL = "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl";
/** A marker the boot writes on the shared files (readable through the access point). */
export const SHARED_HEALTH_FILE = `${EFS_MOUNT_POINT}/static/.web-fleet-health`;
/**
 * systemd units that must not start before the shared files are mounted (`RequiresMountsFor`). A part that
 * installs a service using `/mnt/efs` adds its unit here (e.g. the reference app's).
 */
export const SHARED_FILES_UNITS: readonly string[] = ["httpd.service"];
/** The reference app's unit (app-boot.ts), added to `SHARED_FILES_UNITS` when the fleet runs it. */
export const REFERENCE_APP_UNIT = "reference-app.service";

/** A `dnf install` attempt gets 45 s (metadata and a few packages); 3 attempts. */
const DNF = { attempts: 3, seconds: 45 } as const;
const SYSTEMCTL = { attempts: 2, seconds: 30 } as const;
/** The mount target's DNS name can take a minute to answer after the file system is created. */
const MOUNT = { attempts: 5, seconds: 20 } as const;
/** Local health check at the end of boot: the web server answering the target group's path. */
const HEALTH = { attempts: 5, seconds: 5 } as const;
/** An NFS operation on a hard mount that stopped answering would block forever: each one gets this long. */
const NFS_OP_SECONDS = 10;
/** The caller's bootstrap (`appBootstrap`) runs at most this long. */
export const APP_BOOTSTRAP_TIMEOUT_SECONDS = 300;
/** Slack for a step's local commands (writing files, daemon-reload). */
const LOCAL_SECONDS = 10;

export interface UserDataInput extends AgentConfigInput {
  /** The shared file system and its access point; undefined when the fleet has none. */
  readonly fileSystemId?: string;
  readonly accessPointId?: string;
  /** The caller's bootstrap; undefined installs the default web server. */
  readonly appBootstrap?: string;
  /** Path the reference app answers like `/healthz` (the target group's health check). */
  readonly healthCheckPath: string;
  /** The database the app uses (written to /etc/app/database.env); undefined when the fleet has none. */
  readonly database?: DatabaseEnvironment;
}

/** The app tier's RDS CA bundle fetch: 10 attempts of at most 20 s, 6 s apart (app-boot.ts). */
const CA_BUNDLE_SECONDS = 10 * 20 + 9 * 6;
/** Installing the reference app and starting it and httpd (three `systemctl enable --now`). */
const REFERENCE_APP_SECONDS = 90;

const retry = (p: { attempts: number; seconds: number }, command: string) =>
  `retry ${p.attempts} ${p.seconds} ${command}`;
const bound = (p: { attempts: number; seconds: number }) => retryBoundSeconds(p.attempts, p.seconds);

/** WEB-10: the CloudWatch agent first, so every later step (and a failed boot) reaches CloudWatch Logs. */
function agentStep(input: AgentConfigInput): BootStep {
  return {
    name: "cloudwatch-agent",
    timeoutSeconds: bound(DNF) + bound(SYSTEMCTL) + LOCAL_SECONDS,
    lines: [
      retry(DNF, "dnf install -y amazon-cloudwatch-agent"),
      `mkdir -p "$ROOT"${shQuote(posix.dirname(AGENT_CONFIG_PATH))} "$ROOT"${shQuote(posix.dirname(input.appLogPath))}`,
      `touch "$ROOT"${shQuote(input.appLogPath)}`,
      `cat >"$ROOT"${shQuote(AGENT_CONFIG_PATH)} <<'CWAGENT_CONFIG'`,
      JSON.stringify(cloudWatchAgentConfig(input), null, 2),
      "CWAGENT_CONFIG",
      retry(
        SYSTEMCTL,
        `"$ROOT"${shQuote(AGENT_CTL)} -a fetch-config -m ec2 -s -c "file:$ROOT"${shQuote(AGENT_CONFIG_PATH)}`,
      ),
      "systemctl is-active --quiet amazon-cloudwatch-agent",
    ],
  };
}

/** Amazon Linux 2023 packages of the fleet's own parts (the EFS mount helper, the default web server). */
function packagesStep(input: UserDataInput): BootStep | undefined {
  const names = [
    ...(input.fileSystemId ? ["amazon-efs-utils"] : []),
    ...(input.appBootstrap ? [] : ["httpd", ...APP_OS_PACKAGES]),
  ];
  if (names.length === 0) return undefined;
  return {
    name: "packages",
    timeoutSeconds: bound(DNF),
    lines: [retry(DNF, `dnf install -y ${names.join(" ")}`)],
  };
}

/**
 * WEB-8: the shared EFS at /mnt/efs through its access point (which makes every file operation the app user's,
 * so `media/` is writable whatever uid the app runs as), kept across reboots by fstab, and the units that use it
 * made to wait for it.
 */
function sharedFilesStep(fileSystemId: string, accessPointId: string, units: readonly string[]): BootStep {
  const dropIn = "10-shared-files.conf";
  return {
    name: "shared-files",
    timeoutSeconds: bound(MOUNT) + 3 * NFS_OP_SECONDS + LOCAL_SECONDS,
    lines: [
      `MOUNT_POINT=${shQuote(EFS_MOUNT_POINT)}`,
      // The mount helper's documented fstab line for an access point (TLS is required with one).
      `FSTAB_LINE=${shQuote(`${fileSystemId} ${EFS_MOUNT_POINT} efs _netdev,${EFS_MOUNT_OPTIONS},tls,accesspoint=${accessPointId} 0 0`)}`,
      'mkdir -p "$ROOT$MOUNT_POINT"',
      'grep -qxF "$FSTAB_LINE" "$ROOT/etc/fstab" || echo "$FSTAB_LINE" >>"$ROOT/etc/fstab"',
      'mountpoint -q "$MOUNT_POINT" || ' + retry(MOUNT, 'mount "$MOUNT_POINT"'),
      'mountpoint -q "$MOUNT_POINT"',
      `timeout ${NFS_OP_SECONDS} mkdir -p ${SHARED_DIRS.map((d) => `"$ROOT$MOUNT_POINT/${d}"`).join(" ")}`,
      `timeout ${NFS_OP_SECONDS} touch "$ROOT$MOUNT_POINT/media/.web-fleet-write-check"`,
      `echo ok | timeout ${NFS_OP_SECONDS} tee "$ROOT"${shQuote(SHARED_HEALTH_FILE)} >/dev/null`,
      `units=(${units.join(" ")})`,
      'for unit in "${units[@]}"; do',
      '  mkdir -p "$ROOT/etc/systemd/system/$unit.d"',
      `  printf '[Unit]\\nRequiresMountsFor=%s\\n' "$MOUNT_POINT" >"$ROOT/etc/systemd/system/$unit.d/${dropIn}"`,
      "done",
      "systemctl daemon-reload",
    ],
  };
}

/**
 * The app tier (app-boot.ts, i11-app): the `app` user, the database environment file and the RDS CA bundle, and,
 * without a caller's bootstrap, the reference app behind httpd. Its `/healthz` fails when the shared files are
 * missing, so an instance without them is replaced.
 */
function appTierStep(input: UserDataInput): BootStep {
  const referenceApp = !input.appBootstrap;
  return {
    name: "app-tier",
    timeoutSeconds:
      LOCAL_SECONDS + (input.database ? CA_BUNDLE_SECONDS : 0) + (referenceApp ? REFERENCE_APP_SECONDS : 0),
    lines: appBootSteps({
      database: input.database,
      referenceApp: referenceApp
        ? {
            healthCheckPath: input.healthCheckPath,
            appLogPath: input.appLogPath,
            efsMountPoint: input.fileSystemId ? EFS_MOUNT_POINT : undefined,
          }
        : undefined,
    }),
  };
}

/** The end of boot: the web server answers the target group's health check locally. */
function healthStep(healthCheckPath: string): BootStep {
  return {
    name: "health-check",
    timeoutSeconds: bound(HEALTH),
    lines: [retry(HEALTH, `curl -fsS -o /dev/null ${shQuote(`http://localhost${healthCheckPath}`)}`)],
  };
}

/** The caller's script, written to a file and run by its own bash so its syntax and `set` options stay its own. */
function appBootstrapStep(script: string): BootStep {
  return {
    name: "app-bootstrap",
    timeoutSeconds: APP_BOOTSTRAP_TIMEOUT_SECONDS,
    lines: [
      'mkdir -p "$ROOT/opt/web-fleet"',
      `cat >"$ROOT/opt/web-fleet/app-bootstrap.sh" <<'${APP_BOOTSTRAP_DELIMITER}'`,
      script.replace(/\n$/, ""),
      APP_BOOTSTRAP_DELIMITER,
      'chmod 700 "$ROOT/opt/web-fleet/app-bootstrap.sh"',
      '/bin/bash "$ROOT/opt/web-fleet/app-bootstrap.sh"',
    ],
  };
}

/**
 * The boot, in order: the agent first, packages, shared files, then the app side, then the local health check.
 * Each part is a `BootStep` (a name, a timeout derived from its retries, its lines): a new part is one more
 * function returning a step, added to this list where it belongs; the boot bound and grace period follow.
 */
export function fleetBootSteps(input: UserDataInput): BootStep[] {
  const steps: (BootStep | undefined)[] = [
    agentStep(input),
    packagesStep(input),
    input.fileSystemId && input.accessPointId
      ? sharedFilesStep(input.fileSystemId, input.accessPointId, [
          ...SHARED_FILES_UNITS,
          ...(input.appBootstrap ? [] : [REFERENCE_APP_UNIT]),
        ])
      : undefined,
    appTierStep(input),
    ...(input.appBootstrap ? [appBootstrapStep(input.appBootstrap)] : [healthStep(input.healthCheckPath)]),
  ];
  return steps.filter((s): s is BootStep => s !== undefined);
}

/** Seconds the target group needs to see a booted instance healthy: added to the boot bound for the grace period. */
export const HEALTHY_MARGIN_SECONDS = 60;

/**
 * The health-check grace period a fleet needs: the boot's worst case (every step running into its timeout)
 * plus a margin for the target group's first healthy checks. Shorter, and a slow boot is replaced mid-boot.
 */
export function bootGracePeriodSeconds(input: UserDataInput): number {
  return bootBoundSeconds(fleetBootSteps(input)) + HEALTHY_MARGIN_SECONDS;
}

/** The whole user data script. */
export function renderUserData(input: UserDataInput): string {
  return renderBootScript({ generator: "@cloudblocks/web-fleet", steps: fleetBootSteps(input) });
}
