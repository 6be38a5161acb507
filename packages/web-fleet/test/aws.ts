// The AWS services these tests use, one import each (see ../src/aws.ts for why not `@pulumi/aws` whole).
export { Provider } from "@pulumi/aws/provider";
