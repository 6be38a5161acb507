// The cloudblocks Pulumi package as `pulumi package add` meets it: start packages/pulumi-plugin the way Pulumi's
// Node.js language host does (`@pulumi/pulumi/cmd/run-plugin <dir>`, which type-checks index.ts with ts-node and
// serves the component provider on a loopback port), ask it for its schema over gRPC (GetSchema: the schema
// Pulumi's TypeScript analyzer infers), check every argument against the TypeScript sources, and compare it
// with the committed packages/pulumi-plugin/schema.json, which the fast unit tests read.
//
//   node scripts/plugin-schema.mjs          check (CI); needs a build (npm run build)
//   node scripts/plugin-schema.mjs --write  rewrite schema.json after changing a component's args
//
// It takes about half a minute (the analyzer builds a TypeScript program over @pulumi/aws), hence not in npm test.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const grpc = require("@grpc/grpc-js");
const { ResourceProviderClient } = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
const { GetSchemaRequest } = require("@pulumi/pulumi/proto/provider_pb.js");
const { argsCoverageProblems } = require(
  path.join(root, "packages/pulumi-plugin/dist/test/args-coverage.js"),
);
const { pluginComponents, PLUGIN_DIR, SCHEMA_FILE, SHARED_SRC_DIR } = require(
  path.join(root, "packages/pulumi-plugin/dist/test/plugin.js"),
);

const write = process.argv.includes("--write");
const started = Date.now();

/** Starts the plugin as the language host does and resolves with the port it prints. */
function startPlugin() {
  const runPlugin = require.resolve("@pulumi/pulumi/cmd/run-plugin");
  const child = spawn(process.execPath, [runPlugin, PLUGIN_DIR], {
    cwd: PLUGIN_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const port = new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const line = /^(\d+)\s*$/m.exec(stdout);
      if (line) resolve(Number(line[1]));
    });
    child.on("exit", (code) =>
      reject(new Error(`the plugin exited (${code}) before serving:\n${stdout}${stderr}`)),
    );
  });
  return { child, port };
}

function getSchema(port) {
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) =>
    client.getSchema(new GetSchemaRequest(), (err, res) => {
      client.close();
      if (err) reject(err);
      else resolve(JSON.parse(res.getSchema()));
    }),
  );
}

const { child, port } = startPlugin();
let schema;
try {
  schema = await getSchema(await port);
} finally {
  child.kill();
}
const text = `${JSON.stringify(schema, null, 2)}\n`;
const problems = argsCoverageProblems(schema, pluginComponents(), SHARED_SRC_DIR);
for (const p of problems) console.error(`  ${p}`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(
    `plugin schema: ${problems.length} argument(s) not in the inferred schema as the sources declare them`,
  );
  process.exit(1);
}
if (write) {
  writeFileSync(SCHEMA_FILE, text);
  console.log(`plugin schema: wrote ${path.relative(root, SCHEMA_FILE)} (${seconds} s)`);
} else if (readFileSync(SCHEMA_FILE, "utf8") !== text) {
  console.error(
    `plugin schema: ${path.relative(root, SCHEMA_FILE)} is not what the plugin serves; run \`npm run schema:plugin\``,
  );
  process.exit(1);
} else {
  const count = Object.keys(schema.resources).length;
  console.log(
    `plugin schema: the plugin serves ${count} components, every argument typed and described (${seconds} s)`,
  );
}
