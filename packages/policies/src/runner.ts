import type {
  EnforcementLevel,
  PolicyProviderResource,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { analyseAzLoss, type AzLossReport } from "./az-loss/analysis";
import { policies as allPolicies } from "./policies";
import type { CloudblocksPolicy, Props } from "./types";

/** What the offline runner needs of a resource: a resource recorded by `@cloudblocks/testkit` fits. */
export interface PolicySubject {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly custom: boolean;
  readonly inputs: Props;
  /** The resource's state (inputs plus outputs such as `id` and `arn`), used to link resources to each other. */
  readonly outputs?: Props;
  readonly options: {
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    readonly deleteBeforeReplace: boolean;
    readonly additionalSecretOutputs: readonly string[];
    readonly aliasCount: number;
    readonly provider?: string;
  };
}

/**
 * Per-policy settings in the format of `pulumi preview --policy-pack-config`: an enforcement level, or an
 * object with `enforcementLevel` and the policy's own options. Environments use it to document exceptions.
 */
export type PolicyPackConfig = Readonly<
  Record<string, EnforcementLevel | ({ readonly enforcementLevel?: EnforcementLevel } & Props)>
>;

export interface PolicyViolation {
  readonly policy: string;
  readonly enforcement: "mandatory" | "advisory" | "disabled";
  readonly urn: string;
  readonly message: string;
}

export interface PolicyReport {
  /** How many (policy, resource) evaluations ran. */
  readonly checked: number;
  readonly violations: readonly PolicyViolation[];
}

/** Thrown by `notApplicable()`, as CrossGuard does, to stop one evaluation without a violation. */
class NotApplicable extends Error {}

function settingsOf(
  policy: CloudblocksPolicy,
  config: PolicyPackConfig,
): { level: EnforcementLevel; options: Props } {
  const entry = config[policy.name];
  if (typeof entry === "string") return { level: entry, options: {} };
  return { level: entry?.enforcementLevel ?? policy.enforcementLevel ?? "advisory", options: { ...entry } };
}

function reporter(sink: (message: string, urn?: string) => void): ReportViolation {
  return Object.assign(sink, { stackTags: new Map<string, string>() }) as ReportViolation;
}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

/** Runs the policies over a recorded plan, exactly as CrossGuard would call them during `pulumi preview`. */
export async function runPolicies(
  subjects: readonly PolicySubject[],
  options: { readonly policies?: readonly CloudblocksPolicy[]; readonly config?: PolicyPackConfig } = {},
): Promise<PolicyReport> {
  const custom = subjects.filter((s) => s.custom && !s.type.startsWith("pulumi:providers:"));
  const byUrn = new Map(subjects.map((s) => [s.urn, s]));
  const providerOf = (s: PolicySubject): PolicyProviderResource | undefined => {
    const p = s.options.provider ? byUrn.get(s.options.provider) : undefined;
    return p ? { type: p.type, props: p.inputs, urn: p.urn, name: p.name } : undefined;
  };
  const violations: PolicyViolation[] = [];
  let checked = 0;
  let links: Links | undefined;

  for (const policy of options.policies ?? allPolicies) {
    const { level, options: policyOptions } = settingsOf(policy, options.config ?? {});
    if (level === "disabled") continue;
    const enforcement = level === "remediate" ? "mandatory" : level;
    const getConfig = <T extends object>() => policyOptions as T;
    if ("validateResource" in policy && policy.validateResource) {
      const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
      for (const subject of custom) {
        const args = toResourceArgs(subject, providerOf(subject), getConfig);
        for (const validate of validations) {
          checked++;
          await guard(() =>
            validate(
              args,
              reporter((message) =>
                violations.push({ policy: policy.name, enforcement, urn: subject.urn, message }),
              ),
            ),
          );
        }
      }
    }
    if ("validateStack" in policy && policy.validateStack) {
      checked++;
      links ??= findLinks(custom);
      // Fresh objects for each stack policy, as CrossGuard builds them: one policy cannot change another's view.
      const resources = linkedResources(custom, links, providerOf);
      const args: StackValidationArgs = { resources, stackTags: new Map(), getConfig, notApplicable };
      await guard(() =>
        policy.validateStack(
          args,
          reporter((message, urn) =>
            violations.push({ policy: policy.name, enforcement, urn: urn ?? "", message }),
          ),
        ),
      );
    }
  }
  return { checked, violations };
}

async function guard(run: () => void | Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof NotApplicable)) throw error;
  }
}

/** Policies here compare `args.type` with type tokens; class-based checks compare the class's Pulumi type token. */
function typeChecks(type: string, props: Props) {
  const tokenOf = (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType;
  return {
    isType: (cls: unknown) => tokenOf(cls) === type,
    asType: (cls: unknown) => (tokenOf(cls) === type ? props : undefined),
  };
}

function policyOptions(subject: PolicySubject) {
  return {
    protect: subject.options.protect,
    ignoreChanges: [...subject.options.ignoreChanges],
    deleteBeforeReplace: subject.options.deleteBeforeReplace,
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [...subject.options.additionalSecretOutputs],
    parent: subject.parent,
  };
}

/** What CrossGuard tells a policy about one resource, whether it validates the resource or the stack. */
function describeResource(subject: PolicySubject, provider: PolicyProviderResource | undefined) {
  return {
    type: subject.type,
    props: subject.inputs,
    urn: subject.urn,
    name: subject.name,
    opts: policyOptions(subject),
    provider,
    ...typeChecks(subject.type, subject.inputs),
  };
}

function toResourceArgs(
  subject: PolicySubject,
  provider: PolicyProviderResource | undefined,
  getConfig: <T extends object>() => T,
): ResourceValidationArgs {
  return {
    ...describeResource(subject, provider),
    stackTags: new Map(),
    getConfig,
    notApplicable,
  } as ResourceValidationArgs;
}

/** Outputs another resource can point at: its id, ARN, and id-like outputs such as `primaryNetworkInterfaceId`. */
function isReference(key: string, value: unknown): value is string {
  if (typeof value !== "string" || value === "") return false;
  if (key === "id" || key === "arn") return true;
  return /(Id|Arn)$/.test(key) && /^(arn:|[a-z]+-[0-9a-f]{8,}$)/.test(value);
}

function collectStrings(value: unknown, out: Set<string>): void {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (value !== null && typeof value === "object")
    Object.values(value).forEach((v) => collectStrings(v, out));
}

/** The AZ-loss table of a recorded plan, computed on the same linked view stack policies get. */
export function azLossReport(subjects: readonly PolicySubject[]): AzLossReport {
  const custom = subjects.filter((s) => s.custom && !s.type.startsWith("pulumi:providers:"));
  return analyseAzLoss(linkedResources(custom, findLinks(custom), () => undefined));
}

/** For each subject (by position), each input key and the positions of the subjects its value points at. */
type Links = readonly (readonly (readonly [key: string, targets: readonly number[]])[])[];

/**
 * Stack policies get every resource with `propertyDependencies`, as the engine reports them: for each input,
 * the resources whose id or ARN it holds. Offline, ids are known, so the links are found by value — once per
 * run (walking every input is the costly part), then handed to each stack policy as fresh objects.
 */
function findLinks(subjects: readonly PolicySubject[]): Links {
  const byValue = new Map<string, number>();
  subjects.forEach((s, i) => {
    for (const [key, value] of Object.entries(s.outputs ?? {})) {
      if (isReference(key, value) && !byValue.has(value)) byValue.set(value, i);
    }
  });
  return subjects.map((s, i) =>
    Object.entries(s.inputs).flatMap(([key, value]) => {
      const strings = new Set<string>();
      collectStrings(value, strings);
      const targets = [...new Set([...strings].map((v) => byValue.get(v)))].filter(
        (t): t is number => t !== undefined && t !== i,
      );
      return targets.length > 0 ? [[key, targets] as const] : [];
    }),
  );
}

function linkedResources(
  subjects: readonly PolicySubject[],
  links: Links,
  providerOf: (s: PolicySubject) => PolicyProviderResource | undefined,
): PolicyResource[] {
  const resources = subjects.map((s) => toPolicyResource(s, providerOf(s)));
  resources.forEach((resource, i) => {
    for (const [key, targets] of links[i]!) {
      const linked = targets.map((t) => resources[t]!);
      resource.propertyDependencies[key] = linked;
      resource.dependencies.push(...linked.filter((t) => !resource.dependencies.includes(t)));
    }
  });
  return resources;
}

function toPolicyResource(
  subject: PolicySubject,
  provider: PolicyProviderResource | undefined,
): PolicyResource {
  return {
    ...describeResource(subject, provider),
    dependencies: [],
    propertyDependencies: {},
  } as PolicyResource;
}
