import type { MockAccount } from "../context";

/** Loose property bag: resource inputs and outputs as the provider sees them. */
export type Props = Record<string, unknown>;

/** What a model answers for one resource: its id and the state the provider would return. */
export interface ModelledResource {
  readonly id: string;
  readonly state: Props;
}

/** Everything a resource model may use to derive realistic outputs. */
export interface ModelInput {
  readonly type: string;
  readonly name: string;
  readonly inputs: Props;
  readonly account: MockAccount;
  /** The region this resource lives in (the per-resource `region` input of @pulumi/aws v7, else the account's). */
  readonly region: string;
  /** A seed unique to this resource, for deterministic ids. */
  readonly seed: string;
}

export type ResourceModel = (input: ModelInput) => ModelledResource;
