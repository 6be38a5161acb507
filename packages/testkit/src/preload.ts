// `mocha --require @cloudblocks/testkit/preload` (this repository's .mocharc.json does so): runs in each mocha
// worker before the first test file imports @pulumi/pulumi, and defers what the SDK loads but a mocked run never
// uses (see load-less.ts). Nothing else: the tests load and run exactly what they would without it.
import { deferUnusedPulumiModules } from "./load-less";

deferUnusedPulumiModules();
