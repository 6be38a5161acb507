import { describeGroup, inService } from "../fleet";
import { verdict } from "../outcome";
import { runShell, shellQuote, SSM_ACTIONS } from "../ssm";
import type { Scenario } from "../types";

/** NET (seed 003): an app instance in a private subnet reaches the internet through the NAT. */
export const natEgressScenario: Scenario = {
  id: "nat-egress",
  title: "NAT egress from an app instance",
  chaos: false,
  actions: ["autoscaling:DescribeAutoScalingGroups", ...SSM_ACTIONS],
  async run(ctx) {
    const [instance] = inService(await describeGroup(ctx));
    if (!instance) return verdict(false, "no instance in service", "an instance to run curl on");
    const url = ctx.options.egressUrl;
    const result = await runShell(
      ctx,
      instance,
      [`curl -sS -o /dev/null --max-time 15 -w '%{http_code}' ${shellQuote(url)}`],
      "curl an outside endpoint",
    );
    return verdict(
      result.exitCode === 0 && result.stdout === "200",
      `${instance}: curl exit ${result.exitCode}, HTTP ${result.stdout || "none"}`,
      `HTTP 200 from ${url}`,
      result.stderr ? [result.stderr] : [],
    );
  },
};
