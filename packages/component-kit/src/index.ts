export { ArgsValidationError, validateArgs, rejectArg, formatPath } from "./validate";
export { azSuffix, regionOfAz } from "./naming";
