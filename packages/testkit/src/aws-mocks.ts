import type * as pulumi from "@pulumi/pulumi";
import { defaultAccount, type MockAccount } from "./context";
import { hex } from "./ids";
import type { Registered } from "./provider-rules/aws-rules";
import { withAutoName } from "./provider-rules/auto-names";
import { checkProviderRules } from "./provider-rules/check";
import { modelAwsxVpc, type VirtualChild } from "./model/awsx-vpc";
import { answerInvoke } from "./model/invokes";
import type { MockCatalogue } from "./catalogue";
import { resourceModels, type Props } from "./model";
import type { Recorder } from "./recorder";

export const AWSX_VPC_TYPE = "awsx:ec2:Vpc";

/** Whether the testkit answers this resource type with a realistic model. */
export function isModelledType(type: string, custom: boolean): boolean {
  return !custom || type === AWSX_VPC_TYPE || type.startsWith("pulumi:providers:") || type in resourceModels;
}

/**
 * Pulumi mocks that answer like AWS for the mock account: realistic ids, ARNs, DNS names and endpoints per
 * resource type, invokes answered as queries over the account's catalogue, and the out-of-process awsx VPC
 * modelled from its inputs.
 */
export class AwsMocks implements pulumi.runtime.Mocks {
  readonly account: MockAccount;
  /** Children of remote components, by component name, for the recorder to pick up. */
  readonly virtualChildren = new Map<string, VirtualChild[]>();
  private readonly seen = new Map<string, number>();
  /** Registrations by ARN, name and id, for AWS rules that span resources (a mapping's queue and function). */
  private readonly registered = new Map<string, Registered>();

  /**
   * @param defaultRegion the default provider's region: `account.region` when a test sets it, else the stack's
   *   `aws:region`, else ap-northeast-2. Explicit providers and per-resource `region` inputs take precedence.
   */
  constructor(
    private readonly recorder: Recorder,
    account: Partial<MockAccount>,
    private readonly catalogue: MockCatalogue,
    readonly defaultRegion: string,
  ) {
    this.account = { ...defaultAccount, ...account, region: defaultRegion };
  }

  /** A seed unique per resource and stable between runs (the n-th resource of a type and name). */
  private seedFor(type: string, name: string): string {
    const key = `${type}::${name}`;
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return n === 0 ? key : `${key}#${n}`;
  }

  /** The URN of a provider reference (`<urn>::<id>`), or undefined for the default provider. */
  private static providerUrn(ref: string | undefined): string | undefined {
    return ref ? ref.split("::").slice(0, -1).join("::") : undefined;
  }

  /**
   * Where a resource or call lives, as the provider decides: its own `region` argument (@pulumi/aws v7), else
   * the region of the explicit provider it goes through, else the default provider's.
   */
  regionOf(inputs: Props, providerRef: string | undefined): string {
    if (typeof inputs["region"] === "string" && inputs["region"] !== "") return inputs["region"];
    const urn = AwsMocks.providerUrn(providerRef);
    const provider = urn ? this.recorder.byUrnOf(urn) : undefined;
    const providerRegion = provider?.type === "pulumi:providers:aws" ? provider.inputs["region"] : undefined;
    return typeof providerRegion === "string" && providerRegion !== "" ? providerRegion : this.defaultRegion;
  }

  async newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
    const inputs = (args.inputs ?? {}) as Props;
    if (args.type === AWSX_VPC_TYPE) {
      const model = await modelAwsxVpc(args.name, inputs, args.transforms ?? []);
      // awsx registers these children itself, so the provider checks each of them at preview: so do we.
      const region = this.regionOf(inputs, args.provider);
      for (const child of model.children) checkProviderRules(child.type, child.name, child.inputs, region);
      this.virtualChildren.set(args.name, model.children);
      return { id: undefined, state: model.state };
    }
    if (!args.custom) return { id: undefined, state: {} };
    const seed = this.seedFor(args.type, args.name);
    if (args.type.startsWith("pulumi:providers:")) return { id: hex(seed, 32), state: inputs };
    const model = resourceModels[args.type];
    const region = this.regionOf(inputs, args.provider);
    // refuse what `pulumi preview` would refuse
    // …including the physical name the provider generates when the program gives none
    checkProviderRules(
      args.type,
      args.name,
      withAutoName(args.type, args.name, inputs, seed),
      region,
      (ref) => this.registered.get(ref),
    );
    let result: pulumi.runtime.MockResourceResult;
    if (model) {
      const { id, state } = model({
        type: args.type,
        name: args.name,
        inputs,
        account: { ...this.account, region },
        region,
        seed,
      });
      result = { id, state: { region, ...state } };
    } else result = { id: `${args.name}-${hex(seed, 8)}`, state: { ...inputs } };
    for (const ref of [result.id, result.state["arn"], result.state["name"]])
      if (typeof ref === "string" && ref !== "") this.registered.set(ref, { type: args.type, inputs });
    return result;
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const inputs = (args.inputs ?? {}) as Props;
    const providerUrn = AwsMocks.providerUrn(args.provider);
    const region = this.regionOf(inputs, args.provider);
    this.recorder.addInvoke({ token: args.token, inputs, provider: providerUrn, region, modelled: true });
    return answerInvoke({
      token: args.token,
      inputs,
      region,
      account: { ...this.account, region },
      catalogue: this.catalogue,
      recorder: this.recorder,
      providerUrn,
    });
  }
}
