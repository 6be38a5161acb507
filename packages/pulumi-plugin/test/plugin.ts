/** Where the plugin's files are, for the tests and for `scripts/plugin-schema.mjs` (run from dist/test). */
import * as path from "node:path";
import { componentsOf, type ComponentSource } from "./args-coverage";

export const PLUGIN_DIR = path.resolve(__dirname, "..", "..");
export const PACKAGES_DIR = path.dirname(PLUGIN_DIR);
/** The committed schema: what Pulumi's analyzer infers (`npm run schema:plugin` rewrites it, CI compares). */
export const SCHEMA_FILE = path.join(PLUGIN_DIR, "schema.json");
export const SHARED_SRC_DIR = path.join(PACKAGES_DIR, "component-kit", "src");

export function pluginComponents(): ComponentSource[] {
  return componentsOf(path.join(PLUGIN_DIR, "src", "components.ts"), PACKAGES_DIR);
}
