// The Pulumi program (Pulumi.yaml `main: stacks/` resolves to this file once built). Its exports are the stack outputs.
import { loadStackConfig } from "./config";
import { buildPlatform } from "./platform";

export = buildPlatform(loadStackConfig());
