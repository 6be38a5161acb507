import { get, type HttpResponse } from "../http";
import { verdict } from "../outcome";
import type { ScenarioContext, Scenario } from "../types";

/** The reference app's `GET /` (TEAM.md contract). */
interface Identity {
  readonly instanceId: string;
  readonly availabilityZone: string;
  readonly lbCookie: boolean;
}

function parseIdentity(response: HttpResponse): Identity {
  if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
  const body = JSON.parse(response.body) as Partial<Identity>;
  if (typeof body.instanceId !== "string" || typeof body.lbCookie !== "boolean")
    throw new Error(`GET / is not the reference app's answer: ${response.body.slice(0, 120)}`);
  return body as Identity;
}

/** The ALB stickiness cookie (`AWSALB`, lb_cookie stickiness) from a response, as a Cookie header value. */
export function stickinessCookie(response: HttpResponse): string | undefined {
  const cookies = response.headers["set-cookie"] ?? [];
  const cookie = cookies.find((c) => c.startsWith("AWSALB="));
  return cookie?.split(";")[0];
}

export function siteTarget(ctx: ScenarioContext): { scheme: "http" | "https"; host: string } {
  const url = new URL(ctx.outputs.siteUrl);
  return { scheme: url.protocol === "https:" ? "https" : "http", host: url.hostname };
}

/**
 * WEB-4 (seed 003's access-log test): new "browsers" (no cookie) are spread over at least two instances;
 * one browser (its AWSALB cookie) stays on one instance and the app sees the cookie.
 */
export const spreadScenario: Scenario = {
  id: "spread-stickiness",
  title: "Requests spread over instances, pinned by the stickiness cookie",
  chaos: false,
  actions: [],
  async run(ctx) {
    const { scheme, host } = siteTarget(ctx);
    const n = ctx.options.requests;
    const fresh: Identity[] = [];
    let cookie: string | undefined;
    let cookieInstance: string | undefined;
    for (let i = 0; i < n; i++) {
      const response = await get(ctx.http, scheme, host, "/");
      const identity = parseIdentity(response);
      fresh.push(identity);
      if (!cookie) {
        cookie = stickinessCookie(response);
        cookieInstance = identity.instanceId;
      }
    }
    const spread = new Set(fresh.map((f) => f.instanceId));
    const problems: string[] = [];
    if (spread.size < 2)
      problems.push(`${n} requests without a cookie all went to ${[...spread].join(", ")}`);
    if (fresh.some((f) => f.lbCookie))
      problems.push("the app saw an AWSALB cookie on a request that sent none");
    const pinned: Identity[] = [];
    if (!cookie) problems.push("no AWSALB cookie in the answers (stickiness off?)");
    else {
      for (let i = 0; i < n; i++)
        pinned.push(parseIdentity(await get(ctx.http, scheme, host, "/", { cookie })));
      const moved = pinned.filter((p) => p.instanceId !== cookieInstance);
      if (moved.length > 0)
        problems.push(`${moved.length}/${n} requests with the cookie left ${cookieInstance}`);
      if (pinned.some((p) => !p.lbCookie)) problems.push("the app did not see the AWSALB cookie it was sent");
    }
    const zones = new Set(fresh.map((f) => f.availabilityZone));
    return verdict(
      problems.length === 0,
      `${spread.size} instances in ${zones.size} AZs for ${n} new clients; ${pinned.filter((p) => p.instanceId === cookieInstance).length}/${pinned.length} with the cookie on ${cookieInstance ?? "—"}`,
      "≥ 2 instances without a cookie; every request with the cookie on one instance",
      problems,
    );
  },
};

export { parseIdentity };
