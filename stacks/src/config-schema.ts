import { z } from "zod";

const kebab = /^[a-z][a-z0-9-]{1,30}$/;

/** The network section (`buddyverse:network`): what HaVpc is asked to build. */
export const networkConfigSchema = z.object({
  cidrBlock: z.string().default("172.31.0.0/16"),
  availabilityZones: z.array(z.string()).default(["ap-northeast-2a", "ap-northeast-2c"]),
  /** Exact per-AZ CIDRs (index-aligned with availabilityZones); omit to size subnets automatically. */
  subnets: z
    .object({ public: z.array(z.string()), app: z.array(z.string()), data: z.array(z.string()) })
    .optional(),
  natMode: z
    .enum(["perAz", "single", "instance", "none"], { message: "allowed: perAz, single, instance, none" })
    .default("perAz"),
  flowLogRetentionDays: z.number().int().positive().default(365),
  bastionAllowedCidrs: z.array(z.string()).optional(),
});

/** Everything `Pulumi.<stack>.yaml` may say, with the defaults of the `prod` stack. */
export const stackConfigSchema = z.object({
  environment: z.enum(["dev", "prod"], { message: "allowed: dev, prod" }),
  owner: z.string().regex(/^[A-Za-z0-9 ._@+-]{2,64}$/, "allowed: 2-64 letters, digits, spaces or . _ @ + -"),
  costCenter: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, "allowed: 2-64 letters, digits or . _ -"),
  /** Prefix of every top-level component name, e.g. `buddyverse` → `buddyverse-prod-network`. */
  namePrefix: z
    .string()
    .regex(kebab, "allowed: lower-case letters, digits and dashes, starting with a letter, 2-31 characters")
    .default("buddyverse"),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "allowed: an AWS region such as ap-northeast-2"),
  network: networkConfigSchema.default(networkConfigSchema.parse({})),
});

export type StackConfig = z.output<typeof stackConfigSchema>;
export type NetworkConfig = z.output<typeof networkConfigSchema>;

/** Project config keys the program reads (besides `aws:region`), each an object or a scalar. */
export const projectConfigKeys = ["environment", "owner", "costCenter", "namePrefix", "network"] as const;
