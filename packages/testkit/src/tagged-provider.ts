import * as aws from "./aws";

/** Standard tag values (STK-3) for tests, as the stack program sets them on its provider. */
export const standardTestTags: Readonly<Record<string, string>> = {
  Project: "buddyverse",
  Environment: "test",
  Owner: "platform",
  CostCenter: "cc-1",
  ManagedBy: "pulumi",
};

/** An AWS provider in the mock region whose `defaultTags` carry the standard tags, like the stack program's. */
export function taggedProvider(
  name = "tagged",
  tags: Readonly<Record<string, string>> = standardTestTags,
): aws.Provider {
  return new aws.Provider(name, { region: "ap-northeast-2", defaultTags: { tags: { ...tags } } });
}
