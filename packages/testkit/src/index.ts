export {
  defaultAccount,
  availabilityZones,
  albHostedZoneId,
  elbServiceAccount,
  zoneIdOf,
  type MockAccount,
} from "./context";
export { AwsMocks, AWSX_VPC_TYPE, isModelledType } from "./aws-mocks";
export { Recorder, type RecordedResource, type RecordedOptions, type RecordedInvoke } from "./recorder";
export { setupMocks, outputOf, type MockEnvironment, type MockEnvironmentOptions } from "./harness";
export {
  resourceModels,
  type Props,
  type ResourceModel,
  type ModelInput,
  type ModelledResource,
} from "./model";
export { invokeModels, answerInvoke, InvokeError, type InvokeModel, type InvokeQuery } from "./model/invokes";
export {
  defaultCatalogue,
  withCatalogue,
  hostedZoneIdOf,
  AMAZON_IMAGE_OWNER,
  type MockCatalogue,
  type MockImage,
  type MockParameter,
  type MockHostedZone,
  type MockLoadBalancer,
  type MockListener,
} from "./catalogue";
export { FailureLog, type ProgramFailure } from "./failures";
export { modelAwsxVpc, type VirtualChild, type AwsxVpcModel } from "./model/awsx-vpc";
export * from "./plan";
export { standardTestTags, taggedProvider } from "./tagged-provider";
export { scratchDir } from "./scratch";
export {
  runBootScript,
  shellcheck,
  STUBBED_COMMANDS,
  type BootRun,
  type BootRunOptions,
  type Cue,
} from "./boot-harness";
export * from "./provider-rules";
