// Entry point of the CrossGuard policy pack (`pulumi preview --policy-pack packages/policies`).
// Tests and the offline plan import `policies` from the index instead: constructing a PolicyPack starts a server.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("cloudblocks", { policies: [...policies] });
