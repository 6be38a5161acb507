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
  // What CrossGuard reads from one resource's request: the same for every policy, so built once per resource.
  const requests: AnalyzeRequest[] = custom.map((subject) => ({ subject, provider: providerOf(subject) }));
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
      for (const request of requests) {
        const urn = request.subject.urn;
        const report: ReportViolation = (message) =>
          violations.push({ policy: policy.name, enforcement, urn, message });
        for (const validate of validations) {
          checked++;
          // Most evaluations return at once (another resource type): awaited only when they return a promise.
          const pending = guarded(() => validate(toResourceArgs(request, getConfig), report));
          if (pending) await pending;
        }
      }
    }
    if ("validateStack" in policy && policy.validateStack) {
      checked++;
      links ??= findLinks(custom);
      // Fresh objects for each stack policy, as CrossGuard builds them: one policy cannot change another's view.
      const resources = linkedResources(custom, links, providerOf);
      const args: StackValidationArgs = { resources, stackTags: STACK_TAGS, getConfig, notApplicable };
      const pending = guarded(() =>
        policy.validateStack(args, (message, urn) =>
          violations.push({ policy: policy.name, enforcement, urn: urn ?? "", message }),
        ),
      );
      if (pending) await pending;
    }
  }
  return { checked, violations };
}

/**
 * Runs one evaluation as CrossGuard's `Promise.resolve(validation(...))` does, `notApplicable()` ending it without
 * a violation: a promise only when the policy returned one.
 */
function guarded(run: () => void | Promise<void>): Promise<void> | undefined {
  try {
    const result: unknown = run();
    if (typeof (result as PromiseLike<void> | undefined)?.then === "function")
      return Promise.resolve(result as PromiseLike<void>).catch(unlessNotApplicable);
  } catch (error) {
    unlessNotApplicable(error);
  }
  return undefined;
}

function unlessNotApplicable(error: unknown): void {
  if (!(error instanceof NotApplicable)) throw error;
}

/**
 * The stack's tags as CrossGuard hands them to every policy: one read-only map for the whole run (server.js
 * `freezeMap`). Offline there are none.
 */
const STACK_TAGS: ReadonlyMap<string, string> = (() => {
  const tags = new Map<string, string>();
  return Object.freeze({
    entries: tags.entries.bind(tags),
    forEach: tags.forEach.bind(tags),
    get: tags.get.bind(tags),
    has: tags.has.bind(tags),
    keys: tags.keys.bind(tags),
    size: tags.size,
    values: tags.values.bind(tags),
    [Symbol.iterator]: tags[Symbol.iterator].bind(tags),
  });
})();

/** What CrossGuard reads from one resource's analyze request, the same for every policy that checks it. */
interface AnalyzeRequest {
  readonly subject: PolicySubject;
  readonly provider: PolicyProviderResource | undefined;
}

/** Policies here compare `args.type` with type tokens; class-based checks compare the class's Pulumi type token. */
const tokenOf = (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType;

/** Fresh for every evaluation, as CrossGuard deserializes them for each validation. */
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
  const { type, inputs: props } = subject;
  return {
    type,
    props,
    urn: subject.urn,
    name: subject.name,
    opts: policyOptions(subject),
    provider,
    isType: (cls: unknown) => tokenOf(cls) === type,
    asType: (cls: unknown) => (tokenOf(cls) === type ? props : undefined),
  };
}

function toResourceArgs(
  { subject, provider }: AnalyzeRequest,
  getConfig: <T extends object>() => T,
): ResourceValidationArgs {
  const args = describeResource(subject, provider) as Partial<ResourceValidationArgs>;
  args.stackTags = STACK_TAGS;
  args.getConfig = getConfig;
  args.notApplicable = notApplicable;
  return args as ResourceValidationArgs;
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
