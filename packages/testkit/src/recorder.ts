import type { Props } from "./model";

/** The resource options a test can observe on a registration. */
export interface RecordedOptions {
  readonly protect: boolean;
  /** URNs of explicit `dependsOn` resources. */
  readonly dependsOn: readonly string[];
  readonly ignoreChanges: readonly string[];
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
  readonly replaceOnChanges: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  /** Number of aliases given (names, URNs or specs). */
  readonly aliasCount: number;
  readonly customTimeouts?: { readonly create?: string; readonly update?: string; readonly delete?: string };
  readonly deletedWith?: string;
  /** URN of the explicit provider, if any. */
  readonly provider?: string;
}

/** One resource registration, as the engine would have received it. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent resource; undefined for top-level resources. */
  readonly parent: string | undefined;
  /** A custom (provider) resource, as opposed to a component. */
  readonly custom: boolean;
  /** A remote component (runs in another process, such as awsx's VPC). */
  readonly remote: boolean;
  /**
   * A child a remote component creates out of process. Pulumi never shows it to the program, so the testkit
   * models it from the component's inputs.
   */
  readonly virtual: boolean;
  /** Whether the testkit models this type's outputs realistically. */
  readonly modelled: boolean;
  readonly id: string | undefined;
  /** Resolved inputs as the provider would receive them (secrets unwrapped: see `secretPaths`). */
  readonly inputs: Props;
  /** Dotted paths of inputs that were marked secret (e.g. `password`, `environment.variables.TOKEN`). */
  readonly secretPaths: readonly string[];
  /** The same paths as lists of keys (exact even when a key contains a dot); the plan masks by these. */
  readonly secretKeyPaths: readonly (readonly string[])[];
  /** The state the mock returned (inputs plus modelled outputs). */
  readonly outputs: Props;
  readonly options: RecordedOptions;
}

/** A provider function call the program made. */
export interface RecordedInvoke {
  readonly token: string;
  readonly inputs: Props;
  /** URN of the explicit provider the call went through; undefined for the default provider. */
  readonly provider: string | undefined;
  /** The region the call ran in. */
  readonly region: string;
  /** Always true: a token without a model fails the call instead of being answered (kept for compatibility). */
  readonly modelled: boolean;
}

/** The engine's own message for a second registration of a URN (pulumi/pulumi `pkg/diag/errors.go`, code 2001). */
export function duplicateUrnError(urn: string): Error {
  return new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
}

/** Every registration and invoke of one program run, with queries tests can make. */
export class Recorder {
  private readonly byUrn = new Map<string, RecordedResource>();
  private readonly invokeLog: RecordedInvoke[] = [];

  /** Records a registration; a second one with the same URN is refused, as the engine refuses it. */
  add(resource: RecordedResource): void {
    if (this.byUrn.has(resource.urn)) throw duplicateUrnError(resource.urn);
    this.byUrn.set(resource.urn, resource);
  }

  addInvoke(invoke: RecordedInvoke): void {
    this.invokeLog.push(invoke);
  }

  clear(): void {
    this.byUrn.clear();
    this.invokeLog.length = 0;
  }

  /** Every registration, in registration order. */
  get resources(): RecordedResource[] {
    return [...this.byUrn.values()];
  }

  get invokes(): readonly RecordedInvoke[] {
    return this.invokeLog;
  }

  /** Types that got a generic answer: a model is missing, so tests should not trust their outputs. */
  get unmodelledTypes(): string[] {
    return [...new Set(this.resources.filter((r) => !r.modelled).map((r) => r.type))].sort();
  }

  byUrnOf(urn: string): RecordedResource | undefined {
    return this.byUrn.get(urn);
  }

  /** All resources of a type token, e.g. `aws:ec2/subnet:Subnet`. */
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The single resource of a type (optionally with a given logical name); throws when there is not exactly one. */
  one(type: string, name?: string): RecordedResource {
    const matches = this.ofType(type).filter((r) => name === undefined || r.name === name);
    if (matches.length !== 1) {
      const names = this.ofType(type).map((r) => r.name);
      throw new Error(
        `expected exactly one ${type}${name ? ` named "${name}"` : ""}, found ${matches.length} (names: ${names.join(", ") || "none"})`,
      );
    }
    return matches[0]!;
  }

  /** The resource with this logical name and type, or undefined. */
  find(type: string, name: string): RecordedResource | undefined {
    return this.ofType(type).find((r) => r.name === name);
  }

  /** Direct children of a resource. */
  childrenOf(parent: RecordedResource | string): RecordedResource[] {
    const urn = typeof parent === "string" ? parent : parent.urn;
    return this.resources.filter((r) => r.parent === urn);
  }

  /** Every descendant of a resource, depth first. */
  descendantsOf(parent: RecordedResource | string): RecordedResource[] {
    return this.childrenOf(parent).flatMap((child) => [child, ...this.descendantsOf(child)]);
  }

  /** The resource whose id or ARN is `value`, if any (to follow references between resources). */
  referencedBy(value: string): RecordedResource | undefined {
    return this.resources.find((r) => r.id === value || r.outputs["arn"] === value);
  }
}
