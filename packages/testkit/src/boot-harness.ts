import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { scratchDir } from "./scratch";

/**
 * Runs a real generated boot script (user data) in a scratch root with the system commands replaced by stubs
 * on PATH. The stubs record every call, keep just enough state to answer like the real thing (mounts, iptables
 * rules, sysctl values, swap), fail or hang on cue, and never sleep: `sleep` and a hung command under `timeout`
 * add their seconds to a virtual clock instead, so a run takes milliseconds and still measures the boot's time.
 */

/**
 * What a stubbed command does, per call, counted separately for calls made through `timeout` (hang cues) and
 * calls the command itself receives (fail cues):
 * - `{ hang: "K/M" }`: of every M calls through `timeout`, the first K hang until killed (exit 124, the limit
 *   added to the clock); `"K/M"` with K = M hangs always.
 * - `{ fail: "K/M" }`: of every M calls, the first K exit 1.
 */
export interface Cue {
  readonly hang?: string;
  readonly fail?: string;
}

/** Commands the stubs provide; the agent's control script is stubbed at its absolute path under the root. */
export const STUBBED_COMMANDS = [
  "dnf",
  "mount",
  "mountpoint",
  "systemctl",
  "service",
  "iptables",
  "sysctl",
  "ip",
  "curl",
  "swapon",
  "mkswap",
  "fallocate",
  "sleep",
  "timeout",
] as const;

export interface BootRunOptions {
  /** Cues by command name (`dnf`, `mount`, `amazon-cloudwatch-agent-ctl`, …). */
  readonly cues?: Readonly<Record<string, Cue>>;
  /** Absolute paths (inside the root) of extra executables to stub, e.g. the agent's control script. */
  readonly stubPaths?: readonly string[];
  /** Run the script this many times on the same root (idempotency). @default 1 */
  readonly runs?: number;
}

export interface BootRun {
  /** The scratch root the script wrote into (BOOT_ROOT). */
  readonly root: string;
  /** Exit status of each run. */
  readonly statuses: number[];
  /** What each run printed on its stdout (cloud-init's output). */
  readonly stdouts: string[];
  /** Every stub call, in order: `dnf install -y …`, `timeout 45 dnf …`. */
  readonly calls: string[];
  /** Virtual seconds spent: every `sleep` plus every hung command's timeout. */
  readonly clockSeconds: number;
  /** The boot log. */
  readonly log: string;
  /** Its last line. */
  readonly lastLine: string;
  /** A file under the root, or undefined. */
  read(path: string): string | undefined;
}

/** POSIX sh (dash on Debian starts several times faster than bash, and a boot run makes dozens of stub calls). */
const STUB_LIB = [
  "#!/bin/sh",
  "# Shared by every stub: call log, cues, virtual clock. State lives in $STUB_STATE.",
  "cmd=${0##*/}",
  "state=$STUB_STATE",
  'printf \'%s\\n\' "$cmd $*" >>"$state/calls"',
  "# cue_hit KIND NAME: is this call (of NAME, counted per KIND) cued? Counts it.",
  "cue_hit() {",
  '  [ -e "$state/cue.$1.$2" ] || return 1',
  '  read -r spec <"$state/cue.$1.$2"',
  "  n=0",
  '  if [ -e "$state/count.$1.$2" ]; then read -r n <"$state/count.$1.$2"; fi',
  '  echo $((n + 1)) >"$state/count.$1.$2"',
  '  [ $((n % ${spec#*/})) -lt "${spec%/*}" ]',
  "}",
  "add_clock() {",
  "  now=0",
  '  if [ -e "$state/clock" ]; then read -r now <"$state/clock"; fi',
  '  echo $((now + $1)) >"$state/clock"',
  "}",
  "last=",
  'for arg in "$@"; do last=$arg; done',
  "",
].join("\n");

/** Per-command behaviour after the call is logged and a fail cue checked. */
const STUB_BODIES: Record<string, string> = {
  sleep: 'add_clock "${1%s}"',
  timeout: [
    "while :; do case $1 in --*) shift ;; *) break ;; esac; done",
    "limit=$1",
    "shift",
    'if cue_hit hang "${1##*/}"; then add_clock "$limit"; exit 124; fi',
    'exec "$@"',
  ].join("\n"),
  mount: 'echo "$last" >>"$state/mounts"',
  mountpoint: 'grep -qxF -- "$last" "$state/mounts" 2>/dev/null',
  iptables: [
    "table=filter",
    'if [ "$1" = -t ]; then table=$2; shift 2; fi',
    "action=$1",
    "shift",
    'rule="$table $*"',
    "case $action in",
    '  -C) grep -qxF -- "$rule" "$state/iptables" 2>/dev/null ;;',
    '  -A) echo "$rule" >>"$state/iptables" ;;',
    "  *) exit 0 ;;",
    "esac",
  ].join("\n"),
  sysctl: [
    'if [ "$1" = -p ]; then',
    '  sed -n \'s/^ *\\([a-z0-9_.]*\\) *= *\\(.*\\)$/\\1 \\2/p\' "$2" >>"$state/sysctl"',
    'elif [ "$1" = -n ]; then',
    '  awk -v k="$2" \'$1 == k { v = $2 } END { if (v == "") exit 1; print v }\' "$state/sysctl" 2>/dev/null',
    "fi",
  ].join("\n"),
  ip: 'echo "default via 172.31.10.1 dev ens5 proto dhcp src 172.31.10.20 metric 512"',
  swapon:
    'case "${1:-}" in --show*) cat "$state/swap" 2>/dev/null || true ;; *) echo "$1" >>"$state/swap" ;; esac',
};

function writeStubs(dir: string, root: string, stubPaths: readonly string[]): void {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  const stub = (path: string, name: string) => {
    const body = STUB_BODIES[name] ?? "exit 0";
    const failCheck =
      name === "timeout" || name === "sleep" ? "" : 'if cue_hit fail "$cmd"; then exit 1; fi\n';
    mkdirSync(dirname(path), { recursive: true });
    // `timeout` runs the boot's steps, which are exported bash functions: dash would drop them from the
    // environment, so that one stub is bash.
    const lib = name === "timeout" ? STUB_LIB.replace("#!/bin/sh", "#!/bin/bash") : STUB_LIB;
    writeFileSync(path, `${lib}${failCheck}${body}\n`);
    chmodSync(path, 0o755);
  };
  for (const name of STUBBED_COMMANDS) stub(join(bin, name), name);
  for (const path of stubPaths) stub(join(root, path), path.split("/").pop()!);
}

function runOnce(script: string, env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout }));
  });
}

/** Runs the script (possibly several times) against fresh stubs; resolves once every run has ended. */
export async function runBootScript(script: string, options: BootRunOptions = {}): Promise<BootRun> {
  const dir = scratchDir("boot-run-");
  const root = join(dir, "root");
  const state = join(dir, "state");
  mkdirSync(join(root, "etc"), { recursive: true });
  mkdirSync(state);
  writeFileSync(join(root, "etc", "fstab"), "UUID=0000 / xfs defaults,noatime 1 1\n");
  writeStubs(dir, root, options.stubPaths ?? []);
  for (const [name, cue] of Object.entries(options.cues ?? {})) {
    if (cue.hang) writeFileSync(join(state, `cue.hang.${name}`), cue.hang);
    if (cue.fail) writeFileSync(join(state, `cue.fail.${name}`), cue.fail);
  }
  const env = {
    PATH: `${join(dir, "bin")}:/usr/bin:/bin`,
    BOOT_ROOT: root,
    STUB_STATE: state,
    HOME: dir,
    LANG: "C",
  };
  const statuses: number[] = [];
  const stdouts: string[] = [];
  for (let i = 0; i < (options.runs ?? 1); i++) {
    const { status, stdout } = await runOnce(script, env);
    statuses.push(status);
    stdouts.push(stdout);
  }
  const read = (path: string) => {
    const full = join(root, path);
    return existsSync(full) ? readFileSync(full, "utf8") : undefined;
  };
  const log = read("/var/log/cloudblocks-boot.log") ?? "";
  const lines = log.trimEnd().split("\n");
  return {
    root,
    statuses,
    stdouts,
    calls: (existsSync(join(state, "calls")) ? readFileSync(join(state, "calls"), "utf8") : "")
      .split("\n")
      .filter(Boolean),
    clockSeconds: Number(existsSync(join(state, "clock")) ? readFileSync(join(state, "clock"), "utf8") : 0),
    log,
    lastLine: lines[lines.length - 1] ?? "",
    read,
  };
}

const INSTALL_SHELLCHECK = "flock /tmp/apt.lock apt-get install -y shellcheck";
let shellcheckChecked = false;

/**
 * ShellCheck (a Debian package) on PATH: where it is missing and this is root on Debian, installs it once (the
 * apt lock is shared with other users of the machine); otherwise fails with the exact command to run.
 */
function ensureShellcheck(): void {
  if (shellcheckChecked) return;
  const found = () => spawnSync("shellcheck", ["--version"], { encoding: "utf8" }).status === 0;
  if (!found() && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    spawnSync(
      "bash",
      ["-c", `${INSTALL_SHELLCHECK} || { flock /tmp/apt.lock apt-get update && ${INSTALL_SHELLCHECK}; }`],
      {
        stdio: "ignore",
      },
    );
  }
  if (!found()) throw new Error(`shellcheck is not installed; install it with: ${INSTALL_SHELLCHECK}`);
  shellcheckChecked = true;
}

/** ShellCheck's findings for bash scripts, one entry per script ("" when clean); one shellcheck run for all. */
export function shellcheck(...scripts: string[]): string[] {
  ensureShellcheck();
  const dir = scratchDir("shellcheck-");
  const files = scripts.map((script, i) => {
    const file = join(dir, `script-${i}.sh`);
    writeFileSync(file, script);
    return file;
  });
  const result = spawnSync("shellcheck", ["--shell=bash", "--format=gcc", ...files], { encoding: "utf8" });
  const lines = `${result.stdout}${result.stderr}`.split("\n").filter(Boolean);
  return files.map((file) => lines.filter((l) => l.startsWith(file)).join("\n"));
}
