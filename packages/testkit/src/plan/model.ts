import type { Props } from "../model";
import type { RecordedInvoke, RecordedOptions, RecordedResource } from "../recorder";
import type { CostEstimate } from "./cost";

/** The marker that replaces every secret value in a plan: secrets never reach a plan file or a terminal. */
export const SECRET_MARKER = "[secret]";

export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The id the provider would give it (the mock's), or null for components. */
  readonly id: string | null;
  /** URN of the parent, or null for top-level resources. */
  readonly parent: string | null;
  readonly custom: boolean;
  /** Modelled child of a remote component (awsx), not registered by the program itself. */
  readonly virtual: boolean;
  readonly inputs: Props;
  readonly options: RecordedOptions;
}

export interface PlanViolation {
  readonly policy: string;
  readonly enforcement: "mandatory" | "advisory" | "disabled";
  readonly urn: string;
  readonly message: string;
}

export interface PlanPolicyReport {
  /** How many (policy, resource) pairs were evaluated. */
  readonly checked: number;
  readonly violations: readonly PlanViolation[];
}

/** A provider function the program calls at preview: what it asks the account, through which provider. */
export interface PlanInvoke {
  readonly token: string;
  readonly args: Props;
  /** URN of the explicit provider, or null for the default provider. */
  readonly provider: string | null;
  readonly region: string;
}

/** One verdict of the AZ-loss analysis: does this tier keep serving if this AZ is lost (null: nothing in the tier)? */
export interface PlanAzLossRow {
  readonly az: string;
  readonly tier: string;
  readonly survives: boolean | null;
  readonly reason: string;
}

export interface PlanAzLossReport {
  readonly availabilityZones: readonly string[];
  readonly rows: readonly PlanAzLossRow[];
}

export interface Plan {
  readonly stack: string;
  readonly project: string;
  readonly resources: readonly PlanResource[];
  readonly outputs: Props;
  /** Every invoke, in call order: what `pulumi preview` would query in the account. */
  readonly invokes: readonly PlanInvoke[];
  readonly policies: PlanPolicyReport;
  /** Per AZ and tier, whether the stack keeps serving when that AZ is lost (when the plan computed it). */
  readonly azLoss?: PlanAzLossReport;
  /** The monthly cost estimate (`--cost` prints it). */
  readonly cost?: CostEstimate;
}

/** A recorded call as it appears in a plan. */
export function toPlanInvoke(invoke: RecordedInvoke): PlanInvoke {
  return {
    token: invoke.token,
    args: invoke.inputs,
    provider: invoke.provider ?? null,
    region: invoke.region,
  };
}

function maskPath(target: Props, keys: readonly string[]): void {
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    if (node === null || typeof node !== "object") return;
    node = (node as Props)[key];
  }
  if (node !== null && typeof node === "object") (node as Props)[keys[keys.length - 1]!] = SECRET_MARKER;
}

/** A recorded resource as it appears in a plan, with every secret input replaced by {@link SECRET_MARKER}. */
export function toPlanResource(resource: RecordedResource): PlanResource {
  const inputs = structuredClone(resource.inputs);
  for (const keys of resource.secretKeyPaths) {
    if (keys.length === 0) return { ...base(resource), inputs: { value: SECRET_MARKER } };
    maskPath(inputs, keys);
  }
  return { ...base(resource), inputs };
}

function base(resource: RecordedResource): Omit<PlanResource, "inputs"> {
  return {
    urn: resource.urn,
    type: resource.type,
    name: resource.name,
    id: resource.id ?? null,
    parent: resource.parent ?? null,
    custom: resource.custom,
    virtual: resource.virtual,
    options: resource.options,
  };
}
