// `npm run verify:sample`: the README's sample report — a full `--chaos` run of every scenario against the
// local fakes (simulated AWS APIs on 127.0.0.1, the site over HTTPS with a throw-away CA, a fake clock).
import { renderJson, renderTable } from "../../src/verify/report";
import { DEFAULT_TIMEOUTS } from "../../src/verify/verify";
import { runAgainst } from "./harness";
import { World } from "./world";

async function main(): Promise<void> {
  const world = await new World().start();
  try {
    const run = await runAgainst(world, { chaos: true, requests: 12, timeouts: DEFAULT_TIMEOUTS });
    console.log(
      process.argv.includes("--json") ? renderJson("prod", run.report) : renderTable("prod", run.report),
    );
  } finally {
    await world.stop();
  }
}

void main();
