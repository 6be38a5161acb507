// The stack files are read by the testkit's plan (`cloudblocks-plan`), as for any Pulumi program.
export {
  planAccountPath,
  policyConfigPath,
  readStackFiles,
  securePlaceholder,
  type StackFiles,
} from "@cloudblocks/testkit";
