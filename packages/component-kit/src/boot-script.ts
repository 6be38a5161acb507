/**
 * Boot scripts (user data) that survive transient failures and say how they ended: every host this repository
 * launches (web fleet, NAT instance, bastion) boots through one of these.
 *
 * A script is a list of named steps. Each step runs in its own `bash -euo pipefail` under `timeout`, so a step
 * that fails or hangs ends the boot with `BOOT FAILED: <step>` as the last line of the boot log, and a boot that
 * gets through every step ends with `BOOT OK`. Inside a step, `retry ATTEMPTS SECONDS CMD…` retries a command
 * with a bounded backoff. The worst case of the whole boot is the sum of the steps' timeouts: `bootBoundSeconds`
 * computes it from the same numbers the script uses, so a health-check grace period can be derived from it.
 *
 * Absolute paths the script writes are prefixed with `$ROOT` (from `BOOT_ROOT`, empty on a real host), so tests
 * can run the real script in a scratch directory with the system commands stubbed on `PATH`.
 */

export interface BootStep {
  /** Reported in `BOOT FAILED: <name>`; lowercase words joined by dashes, unique within a script. */
  readonly name: string;
  /**
   * Longest the step may run, in seconds: derive it from the retries inside it with `retryBoundSeconds`, plus
   * a few seconds per local command. The step is killed past it.
   */
  readonly timeoutSeconds: number;
  /** The step's bash lines; they run with `set -euo pipefail` in a bash of their own, as root. */
  readonly lines: readonly string[];
}

export interface BootScriptSpec {
  /** Who generated the script, for its header (e.g. `@cloudblocks/web-fleet`). */
  readonly generator: string;
  /** Variable assignments shared by every step (`NAME='value'` lines); they are exported to the steps. */
  readonly variables?: Readonly<Record<string, string>>;
  readonly steps: readonly BootStep[];
}

/** The boot log on the host; the CloudWatch agent ships it (its last line says how the boot ended). */
export const BOOT_LOG_PATH = "/var/log/cloudblocks-boot.log";
/** The lines that end a boot log, and what a metric filter matches. */
export const BOOT_OK_LINE = "BOOT OK";
export const BOOT_FAILED_PREFIX = "BOOT FAILED: ";

/** First wait of `retry`; each next wait doubles, up to `RETRY_MAX_DELAY_SECONDS`. */
export const RETRY_FIRST_DELAY_SECONDS = 5;
export const RETRY_MAX_DELAY_SECONDS = 30;
/** Seconds `timeout` waits after TERM before it KILLs a step that ignored it. */
export const STEP_KILL_AFTER_SECONDS = 5;

/** The waits `retry` makes between `attempts` attempts: 5, 10, 20, 30, 30, … s. */
export function retryDelays(attempts: number): number[] {
  const delays: number[] = [];
  for (let i = 0, delay = RETRY_FIRST_DELAY_SECONDS; i < attempts - 1; i++) {
    delays.push(delay);
    delay = Math.min(delay * 2, RETRY_MAX_DELAY_SECONDS);
  }
  return delays;
}

/** Worst case of `retry ATTEMPTS SECONDS CMD`: every attempt runs into its timeout, with every wait between. */
export function retryBoundSeconds(attempts: number, secondsPerAttempt: number): number {
  return attempts * secondsPerAttempt + retryDelays(attempts).reduce((a, b) => a + b, 0);
}

/** Worst case of a whole boot: every step runs into its timeout (and the grace `timeout` gives before KILL). */
export function bootBoundSeconds(steps: readonly BootStep[]): number {
  return steps.reduce((sum, step) => sum + step.timeoutSeconds + STEP_KILL_AFTER_SECONDS, 0);
}

const STEP_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const VARIABLE = /^[A-Z][A-Z0-9_]*$/;

/** Quotes a value for bash (single quotes; a quote inside becomes '\''). */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const stepFunction = (name: string) => `step_${name.replace(/-/g, "_")}`;

/** The helpers every step can use, and the step runner. Kept small: everything here is exercised by the tests. */
const PRELUDE = [
  "set -uo pipefail",
  "# BOOT_ROOT prefixes every absolute path this script writes: empty on a host, a scratch directory in tests.",
  'ROOT="${BOOT_ROOT:-}"',
  `BOOT_LOG="$ROOT${BOOT_LOG_PATH}"`,
  "export ROOT BOOT_LOG",
  'mkdir -p "$(dirname "$BOOT_LOG")"',
  "# Everything goes to the boot log; fd 3 keeps cloud-init's output (and the console) for the final line.",
  'exec 3>&1 >>"$BOOT_LOG" 2>&1',
  "",
  "log() {",
  "  TZ=UTC printf '%(%Y-%m-%dT%H:%M:%SZ)T %s\\n' -1 \"$*\"",
  "}",
  "",
  "# retry ATTEMPTS SECONDS CMD...: runs CMD at most ATTEMPTS times, each attempt at most SECONDS,",
  `# waiting ${retryDelays(5).join(", ")}, ... s in between (worst case: retryBoundSeconds in @cloudblocks/component-kit).`,
  "retry() {",
  `  local attempts=$1 limit=$2 delay=${RETRY_FIRST_DELAY_SECONDS} n`,
  "  shift 2",
  "  for ((n = 1; ; n++)); do",
  '    if timeout "$limit" "$@"; then return 0; fi',
  "    if ((n >= attempts)); then",
  '      log "failed $n times, giving up: $*"',
  "      return 1",
  "    fi",
  '    log "attempt $n of $attempts failed, retrying in $delay s: $*"',
  '    sleep "$delay"',
  `    delay=$((delay * 2 > ${RETRY_MAX_DELAY_SECONDS} ? ${RETRY_MAX_DELAY_SECONDS} : delay * 2))`,
  "  done",
  "}",
  "export -f log retry",
  "",
  "# run_step NAME SECONDS: runs the function step_NAME in its own bash, killed past SECONDS.",
  "run_step() {",
  "  local name=$1 limit=$2 status=0",
  '  log "step $name: start (at most $limit s)"',
  `  timeout --kill-after=${STEP_KILL_AFTER_SECONDS} "$limit" bash -euo pipefail -c "step_\${name//-/_}" || status=$?`,
  '  if ((status == 0)); then log "step $name: ok"; return 0; fi',
  '  if ((status == 124)); then log "step $name: timed out after $limit s"; else log "step $name: failed ($status)"; fi',
  `  echo "${BOOT_FAILED_PREFIX}$name"`,
  `  echo "cloudblocks boot: ${BOOT_FAILED_PREFIX}$name (details in ${BOOT_LOG_PATH})" >&3`,
  "  exit 1",
  "}",
];

/** Renders the whole script: header, prelude, shared variables, one function per step, the runs, the final line. */
export function renderBootScript(spec: BootScriptSpec): string {
  const names = new Set<string>();
  for (const step of spec.steps) {
    if (!STEP_NAME.test(step.name) || names.has(step.name))
      throw new Error(
        `boot step name: got ${JSON.stringify(step.name)}; allowed: unique lowercase-dashed words`,
      );
    if (!Number.isInteger(step.timeoutSeconds) || step.timeoutSeconds < 1)
      throw new Error(
        `boot step ${step.name} timeoutSeconds: got ${step.timeoutSeconds}; allowed: whole seconds ≥ 1`,
      );
    names.add(step.name);
  }
  const variables = Object.entries(spec.variables ?? {});
  for (const [key] of variables) {
    if (!VARIABLE.test(key))
      throw new Error(`boot variable: got ${JSON.stringify(key)}; allowed: UPPER_CASE names`);
  }
  return [
    "#!/bin/bash",
    `# Generated by ${spec.generator}: cloud-init runs it once, as root, at first boot; running it again is harmless.`,
    "# It holds no secrets. Its log is " +
      BOOT_LOG_PATH +
      ", whose last line is BOOT OK or BOOT FAILED: <step>.",
    `# Worst case: ${bootBoundSeconds(spec.steps)} s (the sum of the step timeouts below).`,
    ...PRELUDE,
    ...(variables.length > 0
      ? [
          "",
          ...variables.map(([key, value]) => `${key}=${shQuote(value)}`),
          `export ${variables.map(([k]) => k).join(" ")}`,
        ]
      : []),
    ...spec.steps.flatMap((step) => [
      "",
      `${stepFunction(step.name)}() {`,
      // Not indented: a heredoc's body and terminator must stay exactly as written.
      ...step.lines,
      "}",
      `export -f ${stepFunction(step.name)}`,
    ]),
    "",
    `log "boot: start (at most ${bootBoundSeconds(spec.steps)} s)"`,
    ...spec.steps.map((step) => `run_step ${step.name} ${step.timeoutSeconds}`),
    `echo ${shQuote(BOOT_OK_LINE)}`,
    `echo "cloudblocks boot: ${BOOT_OK_LINE}" >&3`,
    "",
  ].join("\n");
}
