import * as aws from "./aws";
import { setupMocks, type MockEnvironment, standardTestTags } from "@cloudblocks/testkit";
import { HaVpc, type HaVpcArgs } from "../src";

export const seedAzs = ["ap-northeast-2a", "ap-northeast-2c"];

/** The seed's exact plan (seed 000 lab / seed 003). */
export const seedPlan: HaVpcArgs = {
  availabilityZones: seedAzs,
  cidrBlock: "172.31.0.0/16",
  subnetCidrs: {
    public: ["172.31.10.0/24", "172.31.20.0/24"],
    app: ["172.31.11.0/24", "172.31.21.0/24"],
    data: ["172.31.12.0/24", "172.31.22.0/24"],
  },
};

export const standardTags = standardTestTags;

/** Builds a HaVpc under the mocks with a tagged provider and waits until everything is registered. */
export async function buildVpc(args: HaVpcArgs, name = "net"): Promise<{ env: MockEnvironment; vpc: HaVpc }> {
  const env = setupMocks();
  const provider = new aws.Provider("aws", { region: "ap-northeast-2", defaultTags: { tags: standardTags } });
  const vpc = new HaVpc(name, args, { providers: [provider] });
  await env.settle();
  return { env, vpc };
}

/** The subnet a recorded id belongs to. */
export function subnetById(env: MockEnvironment, id: string) {
  return env.recorder.ofType("aws:ec2/subnet:Subnet").find((s) => s.id === id)!;
}
