// The entry point Pulumi's Node.js language host runs (`@pulumi/pulumi/cmd/run-plugin`, through ts-node) for
// `pulumi package add` and for every deployment that uses the package from another language: a component
// provider whose schema Pulumi infers from the TypeScript types of the components' constructors.
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { COMPONENTS, PACKAGE_NAME } from "./src/components";

// An explicit host rather than auto-discovery, which would name the package after package.json
// ("pulumi-plugin"): the type tokens requested must be the ones the components register. The host finds
// package.json and tsconfig.json next to this file (it reads its caller's directory).
void componentProviderHost({ name: PACKAGE_NAME, components: COMPONENTS });
