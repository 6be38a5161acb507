// `npm run load`: an alarm storm through the real chat-notifier handler (issue #17 item 2). Not part of `npm test`.
//
//   node scripts/load.mjs [--scale N] [--changes N] [--seconds N] [--no-compare]
//
// Scenario 1 (real time by default): 100 state changes in 60 s published to the model of topic → SQS → event
// source mapping (the numbers notifier.ts deploys), the real handler (real AWS SDK client against a fake
// Secrets Manager, real fetch) posting to a local webhook that accepts one message per second and answers
// 429 + Retry-After beyond that. Scenario 2 (compressed ×10): the same storm against the design this replaces
// (one asynchronous invocation per message, no concurrency limit), for comparison.
// `--scale N` divides every duration by N (storm, batching window, visibility timeout, rate limit, Retry-After,
// function timeout); the figures are reported in modelled seconds.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { runStorm } = require("../packages/alarming-pipeline/dist/test/storm/storm.js");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const scale = option("scale", 1);
const changes = option("changes", 100);
const durationSeconds = option("seconds", 60);

function print(title, r) {
  console.log(`\n${title}`);
  console.log(`  time scale            ×${r.scale} (figures in modelled seconds)`);
  console.log(
    `  state changes         ${r.published} published, ${r.emailed} e-mailed, ${r.logged} in the notifier's log`,
  );
  console.log(`  delivered             ${r.delivered} in ${r.chatMessages} chat message(s)`);
  console.log(
    `  condensed             ${r.condensed} shared a message with others; ${r.folded} folded into another change of the same alarm`,
  );
  console.log(`  webhook 429s          ${r.throttled429}`);
  console.log(`  dead-lettered         ${r.deadLettered}`);
  console.log(`  lost                  ${r.lost}`);
  console.log(
    `  invocations           ${r.invocations} (${r.failedInvocations} failed), at most ${r.maxConcurrent} at once`,
  );
  console.log(`  last delivery after   ${r.secondsToLastDelivery} s (wall ${r.wallSeconds} s)`);
}

const queue = await runStorm({ scale, changes, durationSeconds });
print(
  `Storm: ${changes} state changes in ${durationSeconds} s, webhook 1 msg/s — topic → SQS → batched notifier (deployed design)`,
  queue,
);
let ok = queue.lost === 0 && queue.delivered + queue.deadLettered === queue.published;
if (!args.includes("--no-compare")) {
  const direct = await runStorm({ scale: Math.max(scale, 10), changes, durationSeconds, mode: "direct" });
  print(
    "Comparison: the same storm, one asynchronous invocation per message, no concurrency limit (previous design)",
    direct,
  );
}
console.log(ok ? "\nOK: 0 lost" : "\nFAILED: messages lost");
process.exit(ok ? 0 : 1);
