import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The compiled app modules an instance runs (`node server.js`); the entry point is {@link APP_ENTRY}. */
export const APP_MODULES = [
  "server.js",
  "settings.js",
  "log.js",
  "identity.js",
  "shared-files.js",
  "database.js",
] as const;
export const APP_ENTRY = "server.js";
/** The localhost port the app listens on behind the web server. */
export const APP_PORT = 8080;
/** The AL2023 packages the app needs: Node.js and the MariaDB client (RDS docs: `dnf install mariadb105`); the AWS CLI is preinstalled. */
export const APP_OS_PACKAGES = ["nodejs22", "mariadb105"] as const;
/** The namespaced Node.js 22 executable of AL2023 (`/usr/bin/node` is an alternatives link that may point elsewhere). */
export const APP_NODE = "/usr/bin/node-22";

/**
 * The app's files as an instance gets them, by file name, without source-map comments. Read from this package's
 * build output, so what is deployed is exactly what the tests ran.
 */
export function appFiles(): Record<string, string> {
  const dir = path.join(__dirname, "app");
  return Object.fromEntries(
    APP_MODULES.map((file) => [
      file,
      readFileSync(path.join(dir, file), "utf8").replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n"),
    ]),
  );
}
