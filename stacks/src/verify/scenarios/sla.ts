import { GetHealthCheckStatusCommand } from "@aws-sdk/client-route-53";
import { skipped, verdict } from "../outcome";
import type { Scenario } from "../types";

/**
 * ALM-8: the Route 53 health check of the site is healthy. Route 53 calls an endpoint healthy when more than
 * 18 % of its checkers report it healthy (Route 53 Developer Guide, "How Amazon Route 53 determines whether a
 * health check is healthy"); the same rule applies here to the checkers' last observations.
 */
export const slaScenario: Scenario = {
  id: "sla-check",
  title: "Route 53 SLA health check healthy",
  chaos: false,
  actions: ["route53:GetHealthCheckStatus"],
  async run(ctx) {
    const id = ctx.outputs.healthCheckId;
    if (!id) return skipped("the stack has no SLA health check (alarms.slaMonitor off)");
    const out = await ctx.aws.send(
      "route53",
      new GetHealthCheckStatusCommand({ HealthCheckId: id }),
      "us-east-1",
    );
    const observations = out.HealthCheckObservations ?? [];
    const healthy = observations.filter((o) => o.StatusReport?.Status?.startsWith("Success"));
    const share = observations.length ? healthy.length / observations.length : 0;
    const failing = observations.filter((o) => !healthy.includes(o));
    return verdict(
      share > 0.18,
      `${healthy.length}/${observations.length} checkers healthy (${Math.round(share * 100)} %)`,
      "> 18 % of checkers healthy (Route 53's own rule)",
      failing.slice(0, 5).map((o) => `${o.Region}: ${o.StatusReport?.Status}`),
    );
  },
};
