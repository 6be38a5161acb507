import { DescribeListenersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { handshake, tlsVersionNumber } from "../http";
import { skipped, verdict } from "../outcome";
import type { Scenario } from "../types";

/** WEB-3 / ELB.17: 443 negotiates TLS ≥ 1.2, offers TLS 1.3, and the listener has the configured policy. */
export const tlsScenario: Scenario = {
  id: "tls",
  title: "TLS version and policy on 443",
  chaos: false,
  actions: ["elasticloadbalancing:DescribeListeners"],
  async run(ctx) {
    const { domainName, sslPolicy, albArn } = ctx.outputs;
    if (!domainName || !sslPolicy) return skipped("no domain: the stack serves plain HTTP (WEB-3 allows it)");
    const out = await ctx.aws.send(
      "elasticloadbalancing",
      new DescribeListenersCommand({ LoadBalancerArn: albArn }),
    );
    const listener = (out.Listeners ?? []).find((l) => l.Port === 443);
    const negotiated = await handshake(ctx.http, domainName, { min: "TLSv1" });
    const tls13 = await handshake(ctx.http, domainName, { min: "TLSv1.3" });
    const problems: string[] = [];
    if (!listener) problems.push("no listener on 443");
    else if (listener.SslPolicy !== sslPolicy)
      problems.push(`listener policy ${listener.SslPolicy}, configured ${sslPolicy}`);
    if (!negotiated || tlsVersionNumber(negotiated) < 1.2)
      problems.push(`negotiated ${negotiated ?? "nothing"}`);
    if (!tls13) problems.push("TLS 1.3 refused");
    return verdict(
      problems.length === 0,
      `negotiated ${negotiated ?? "none"}, TLS 1.3 ${tls13 ? "offered" : "refused"}, policy ${listener?.SslPolicy ?? "none"}`,
      `≥ TLSv1.2, TLS 1.3 offered, policy ${sslPolicy}`,
      problems,
    );
  },
};
