import fc from "fast-check";
import { runPolicies, type PolicyPackConfig } from "@cloudblocks/policies";
import { parseStackConfig, rawFromConfigMap, StackConfigError, type RawStackConfig } from "../../src/config";
import { readPolicyConfig } from "@cloudblocks/testkit";
import { root } from "../plans";
import { runProgram } from "../program";
import { mutatedStackConfig, validStackConfig } from "./arbitraries";

/**
 * The properties of issue #10 item 7, shared by `npm test` (few runs) and `npm run fuzz` (1,000 runs each):
 * bad input is refused with a message naming a key, never a crash, never a half-created stack.
 */

/** `buddyverse:fleet.minSize: got 9; allowed: …` — every refusal names a key and says what is allowed. */
const PROBLEM = /^(buddyverse|aws):(?:[^\s"]|"(?:[^"\\]|\\.)*")+: got .+; allowed/s;
const LEAKS = /hunter2-secret|hooks\.slack\.com/;

function assertRefusal(problems: readonly string[]): void {
  if (problems.length === 0) throw new Error("refused without a problem");
  for (const p of problems) {
    if (!PROBLEM.test(p)) throw new Error(`a problem that names no key or allowed value: ${p}`);
    if (LEAKS.test(p)) throw new Error(`a secret echoed in: ${p}`);
  }
}

/** The config as the CLI hands it to the program (as the testkit's setupMocks does), read as the program reads it. */
function asProgramSees(config: Record<string, unknown>): RawStackConfig {
  const all: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `buddyverse:${key}`;
    all[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return rawFromConfigMap(all, "buddyverse");
}

/** Validators only (fast): every mutation is either parsed or refused in the house style, never a crash. */
export const validatorProperty = fc.property(mutatedStackConfig, ({ mutated }) => {
  try {
    parseStackConfig(asProgramSees(mutated));
  } catch (error) {
    if (!(error instanceof StackConfigError)) throw error;
    assertRefusal(error.problems);
  }
});

/** Captures unhandled rejections (an error inside an apply) while a program runs. */
async function withUnhandled<T>(run: () => Promise<T>): Promise<{ result: T; unhandled: unknown[] }> {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", listener);
  try {
    return { result: await run(), unhandled };
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 0));
    process.off("unhandledRejection", listener);
  }
}

/** Random valid configs through the whole program: they build, with 0 mandatory policy violations. */
export const validProgramProperty = fc.asyncProperty(validStackConfig, async ({ stack, config }) => {
  const { result: run, unhandled } = await withUnhandled(() => runProgram(config, [], stack));
  if (run.crash) throw run.crash;
  if (run.problems) throw new Error(`a valid config was refused:\n${run.problems.join("\n")}`);
  if (unhandled.length > 0) throw unhandled[0];
  const report = await runPolicies(run.env.recorder.resources, {
    config: readPolicyConfig(root, stack) as PolicyPackConfig,
  });
  const mandatory = report.violations.filter((v) => v.enforcement === "mandatory");
  if (mandatory.length > 0)
    throw new Error(`mandatory violations: ${mandatory.map((v) => v.message).join("; ")}`);
});

/**
 * Random mutations through the whole program: refused with house-style problems and ZERO registrations, or
 * accepted and built without a crash or an error inside an apply.
 */
export const mutationProgramProperty = fc.asyncProperty(mutatedStackConfig, async ({ stack, mutated }) => {
  const { result: run, unhandled } = await withUnhandled(() => runProgram(mutated, [], stack));
  if (run.crash) throw run.crash;
  if (unhandled.length > 0) throw unhandled[0];
  if (run.problems) {
    assertRefusal(run.problems);
    const registered = run.env.recorder.resources.length;
    if (registered > 0) throw new Error(`refused after ${registered} registrations (half-created)`);
  }
});
