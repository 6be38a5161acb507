// `npm run verify -- <stack> [--chaos [--yes]] [--json] [--outputs FILE] [--only a,b] [--ca FILE]`:
// checks a deployed stack against its own configuration (issue #13). See stacks/README.md.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { confirmChaos } from "./confirm";
import { loadOutputs } from "./outputs";
import { policyDocument } from "./permissions";
import { renderJson, renderTable } from "./report";
import { SCENARIOS } from "./scenarios";
import { verify } from "./verify";

const usage = `usage: npm run verify -- <stack> [options]
  --outputs FILE        stack outputs as JSON (default: pulumi stack output --json --stack <stack>)
  --chaos               also run the destructive tests (asks for the stack name, or --yes)
  --yes                 confirm --chaos without asking (CI)
  --json                print the report as JSON (progress goes to stderr)
  --only ID[,ID]        run only these scenarios: ${SCENARIOS.map((s) => s.id).join(", ")}
  --ca FILE             also trust this CA bundle for the site's certificate
  --endpoint URL        send every AWS call to URL (local fakes only)
  --web-service NAME    the web server's systemd unit (default httpd)
  --egress-url URL      outside HTTPS endpoint for the NAT check (default https://checkip.amazonaws.com/)
  --print-permissions   print the IAM policy documents (read-only, chaos) and exit`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      outputs: { type: "string" },
      chaos: { type: "boolean", default: false },
      yes: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      only: { type: "string" },
      ca: { type: "string" },
      endpoint: { type: "string" },
      "web-service": { type: "string" },
      "egress-url": { type: "string" },
      "print-permissions": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values["print-permissions"]) {
    console.log(
      JSON.stringify({ readOnly: policyDocument("read-only"), chaos: policyDocument("chaos") }, null, 2),
    );
    return 0;
  }
  const stack = positionals[0];
  if (!stack || positionals.length > 1) throw new Error(`one stack name expected\n${usage}`);
  if (values.chaos && !(await confirmChaos(stack, values.yes))) {
    console.error("not confirmed: nothing was run");
    return 2;
  }
  const outputs = await loadOutputs(stack, values.outputs);
  const controller = new AbortController();
  let interrupts = 0;
  process.on("SIGINT", () => {
    if (++interrupts > 1) process.exit(130);
    console.error("\ninterrupted: restoring what was stopped (Ctrl-C again to quit at once)…");
    controller.abort();
  });
  const report = await verify({
    outputs,
    chaos: values.chaos,
    only: values.only?.split(",").map((s) => s.trim()),
    aws: values.endpoint ? { endpoint: values.endpoint } : {},
    http: values.ca ? { ca: readFileSync(values.ca) } : {},
    options: {
      ...(values["web-service"] ? { webService: values["web-service"] } : {}),
      ...(values["egress-url"] ? { egressUrl: values["egress-url"] } : {}),
    },
    signal: controller.signal,
    progress: (line) => console.error(line),
  });
  console.log(values.json ? renderJson(stack, report) : `\n${renderTable(stack, report)}`);
  if (report.interrupted) return 130;
  return report.results.some((r) => r.status === "fail") ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`verify failed: ${error.message}`);
    process.exit(2);
  },
);
