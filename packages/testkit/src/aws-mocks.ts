import type * as pulumi from "@pulumi/pulumi";
import { defaultAccount, type MockAccount } from "./context";
import { hex } from "./ids";
import { checkProviderRules } from "./provider-rules/check";
import { modelAwsxVpc, type VirtualChild } from "./model/awsx-vpc";
import { invokeModels } from "./model/invokes";
import { resourceModels, type Props } from "./model";
import type { Recorder } from "./recorder";

export const AWSX_VPC_TYPE = "awsx:ec2:Vpc";
const DEFAULT_TAGS_TOKEN = "aws:index/getDefaultTags:getDefaultTags";

/** Whether the testkit answers this resource type with a realistic model. */
export function isModelledType(type: string, custom: boolean): boolean {
  return !custom || type === AWSX_VPC_TYPE || type.startsWith("pulumi:providers:") || type in resourceModels;
}

/**
 * Pulumi mocks that answer like AWS for the mock account: realistic ids, ARNs, DNS names and endpoints per
 * resource type, invokes by token, and the out-of-process awsx VPC modelled from its inputs.
 */
export class AwsMocks implements pulumi.runtime.Mocks {
  readonly account: MockAccount;
  /** Children of remote components, by component name, for the recorder to pick up. */
  readonly virtualChildren = new Map<string, VirtualChild[]>();
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly recorder: Recorder,
    account: Partial<MockAccount> = {},
  ) {
    this.account = { ...defaultAccount, ...account };
  }

  /** A seed unique per resource and stable between runs (the n-th resource of a type and name). */
  private seedFor(type: string, name: string): string {
    const key = `${type}::${name}`;
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return n === 0 ? key : `${key}#${n}`;
  }

  async newResource(args: pulumi.runtime.MockResourceArgs): Promise<pulumi.runtime.MockResourceResult> {
    const inputs = (args.inputs ?? {}) as Props;
    if (args.type === AWSX_VPC_TYPE) {
      const model = await modelAwsxVpc(args.name, inputs, args.transforms ?? []);
      this.virtualChildren.set(args.name, model.children);
      return { id: undefined, state: model.state };
    }
    if (!args.custom) return { id: undefined, state: {} };
    const seed = this.seedFor(args.type, args.name);
    if (args.type.startsWith("pulumi:providers:")) return { id: hex(seed, 32), state: inputs };
    const model = resourceModels[args.type];
    const region = typeof inputs["region"] === "string" ? inputs["region"] : this.account.region;
    checkProviderRules(args.type, args.name, inputs, region); // refuse what `pulumi preview` would refuse
    if (model) {
      const { id, state } = model({
        type: args.type,
        name: args.name,
        inputs,
        account: this.account,
        region,
        seed,
      });
      return { id, state: { region, ...state } };
    }
    return { id: `${args.name}-${hex(seed, 8)}`, state: { ...inputs } };
  }

  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    const inputs = (args.inputs ?? {}) as Props;
    if (args.token === DEFAULT_TAGS_TOKEN) {
      this.recorder.addInvoke({ token: args.token, inputs, modelled: true });
      return { id: "default-tags", tags: this.defaultTagsOf(args.provider) };
    }
    const model = invokeModels[args.token];
    this.recorder.addInvoke({ token: args.token, inputs, modelled: model !== undefined });
    return model ? model(inputs, this.account) : {};
  }

  /** The `defaultTags` the calling provider was configured with, as `aws.getDefaultTags` reports them. */
  private defaultTagsOf(providerRef: string | undefined): Record<string, string> {
    const urn = providerRef?.split("::").slice(0, -1).join("::");
    const raw = urn ? this.recorder.byUrnOf(urn)?.inputs["defaultTags"] : undefined;
    const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as
      { tags?: Record<string, string> } | undefined;
    return parsed?.tags ?? {};
  }
}
