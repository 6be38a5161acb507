import { get } from "../http";
import { skipped, verdict } from "../outcome";
import type { Scenario } from "../types";

/** WEB-3: plain HTTP on the apex and on `www` answers 301 to HTTPS; `www` over HTTPS serves or sends to the apex. */
export const redirectsScenario: Scenario = {
  id: "redirects",
  title: "HTTP → HTTPS 301 on the apex and www",
  chaos: false,
  actions: [],
  async run(ctx) {
    const domain = ctx.outputs.domainName;
    if (!domain) return skipped("no domain: nothing to redirect");
    const www = `www.${domain}`;
    const problems: string[] = [];
    const seen: string[] = [];
    for (const host of [domain, www]) {
      const response = await get(ctx.http, "http", host, "/");
      const location = String(response.headers.location ?? "");
      seen.push(`http://${host}/ → ${response.status} ${location}`.trim());
      const target =
        host === www
          ? new RegExp(`^https://(www\\.)?${escape(domain)}(:443)?/`)
          : new RegExp(`^https://${escape(domain)}(:443)?/`);
      if (response.status !== 301 || !target.test(location))
        problems.push(`http://${host}/ answered ${response.status} ${location || "(no Location)"}`);
    }
    const secureWww = await get(ctx.http, "https", www, "/");
    const location = String(secureWww.headers.location ?? "");
    seen.push(`https://${www}/ → ${secureWww.status} ${location}`.trim());
    const servesOrRedirects =
      secureWww.status === 200 ||
      ([301, 308].includes(secureWww.status) && location.startsWith(`https://${domain}`));
    if (!servesOrRedirects) problems.push(`https://${www}/ answered ${secureWww.status} ${location}`);
    return verdict(
      problems.length === 0,
      seen.join("; "),
      "301 to https:// for both names; https://www serves (200) or 301s to the apex",
      problems,
    );
  },
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
