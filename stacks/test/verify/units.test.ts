import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { Aws, UndeclaredActionError, actionOf } from "../../src/verify/aws";
import { DescribeListenersCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { Cleanup } from "../../src/verify/cleanup";
import { confirmChaos } from "../../src/verify/confirm";
import { parseOutputs } from "../../src/verify/outputs";
import { actionsFor, renderPermissions } from "../../src/verify/permissions";
import { renderJson, renderTable } from "../../src/verify/report";
import { opensSshToWorld } from "../../src/verify/scenarios/no-ssh";
import { shellQuote } from "../../src/verify/ssm";
import { waitFor } from "../../src/verify/wait";
import { FakeClock } from "./fake-clock";

const root = path.resolve(__dirname, "..", "..", "..", "..");

describe("verify building blocks", () => {
  it("the README's permission lists are the ones the scenarios declare and are held to", () => {
    for (const readme of ["stacks/README.md"]) {
      expect(
        readFileSync(path.join(root, readme), "utf8"),
        `${readme} (paste renderPermissions())`,
      ).to.include(renderPermissions());
    }
    expect(actionsFor("read-only")).to.not.include.members(["ec2:StopInstances", "logs:PutLogEvents"]);
    expect(actionsFor("chaos")).to.include.members([
      "ec2:StopInstances",
      "ec2:StartInstances",
      "logs:PutLogEvents",
    ]);
  });

  it("an SDK call a scenario did not declare is refused before it is sent", async () => {
    const command = new DescribeListenersCommand({ LoadBalancerArn: "arn:aws:elasticloadbalancing:x" });
    expect(actionOf("elasticloadbalancing", command)).to.equal("elasticloadbalancing:DescribeListeners");
    const aws = new Aws({ region: "ap-northeast-2", endpoint: "http://127.0.0.1:9" }).forScenario("tls", []);
    let error: unknown;
    await aws.send("elasticloadbalancing", command).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(UndeclaredActionError);
    expect((error as Error).message).to.equal(
      'elasticloadbalancing:DescribeListeners is not in the permissions scenario "tls" declares (permissions.ts)',
    );
  });

  it("waitFor reports progress, returns the elapsed time, and times out with what it last saw", async () => {
    const clock = new FakeClock(0);
    const lines: string[] = [];
    let n = 0;
    const done = await waitFor(
      "three polls",
      async () => ({ done: ++n === 3, value: n, seen: `poll ${n}` }),
      {
        clock,
        progress: (l) => lines.push(l),
        timeoutMs: 60_000,
        intervalMs: 10_000,
      },
    );
    expect(done).to.deep.equal({ value: 3, elapsedMs: 20_000 });
    expect(lines).to.deep.equal([
      "  … three polls: poll 1 (0 s / 60 s)",
      "  … three polls: poll 2 (10 s / 60 s)",
    ]);
    const never = waitFor("never", async () => ({ done: false, seen: "still no" }), {
      clock,
      progress: () => {},
      timeoutMs: 25_000,
      intervalMs: 10_000,
    });
    let error: Error | undefined;
    await never.catch((e: Error) => (error = e));
    expect(error?.message).to.equal("timed out after 25 s waiting for never (last seen: still no)");
  });

  it("cleanup undoes newest first, once each, and goes on after a failing undo", async () => {
    const cleanup = new Cleanup();
    const order: string[] = [];
    cleanup.register("a", async () => void order.push("a"));
    cleanup.register("b", async () => {
      throw new Error("boom");
    });
    cleanup.register("c", async () => void order.push("c")).done();
    cleanup.register("d", async () => void order.push("d"));
    expect(await cleanup.runAll()).to.deep.equal(["restored: d", "FAILED to restore b: boom", "restored: a"]);
    expect(order).to.deep.equal(["d", "a"]);
    expect(await cleanup.runAll()).to.deep.equal([]);
  });

  it("stack outputs without what verify needs are refused, naming each missing output", () => {
    expect(() =>
      parseOutputs({ environment: "prod", region: "ap-northeast-2", siteUrl: "https://x.test" }, "old.json"),
    ).to.throw(
      /^stack outputs from old\.json are missing what verify needs[^]* {2}- vpcId: [^]* {2}- targetGroupArn: /,
    );
  });

  it("a URL given to the NAT check reaches the instance's shell as one quoted word", () => {
    expect(shellQuote("https://x.test/?a=1&b='2'")).to.equal(String.raw`'https://x.test/?a=1&b='\''2'\'''`);
  });

  it("a rule admits SSH from the internet only for 22 (or all traffic) from 0.0.0.0/0 or ::/0", () => {
    expect(
      opensSshToWorld({ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }),
    ).to.equal(true);
    expect(opensSshToWorld({ IpProtocol: "-1", Ipv6Ranges: [{ CidrIpv6: "::/0" }] })).to.equal(true);
    expect(
      opensSshToWorld({ IpProtocol: "tcp", FromPort: 0, ToPort: 1024, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }),
    ).to.equal(true);
    expect(
      opensSshToWorld({ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "10.0.0.0/16" }] }),
    ).to.equal(false);
    expect(
      opensSshToWorld({ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }),
    ).to.equal(false);
  });

  it("the summary table lists every scenario with its expectation, the details of failures and what was restored; --json carries the same", () => {
    const report = {
      interrupted: false,
      restored: ["restored: start httpd on i-1"],
      results: [
        {
          id: "tls",
          title: "t",
          chaos: false,
          durationMs: 1200,
          status: "pass" as const,
          measured: "TLSv1.3",
          expected: "≥ TLSv1.2",
        },
        {
          id: "sla-check",
          title: "s",
          chaos: false,
          durationMs: 0,
          status: "fail" as const,
          measured: "0/3",
          expected: "> 18 %",
          details: ["eu: Failure"],
        },
      ],
    };
    expect(renderTable("prod", report).split("\n")).to.deep.equal([
      "verify prod: 1 passed, 1 failed, 0 skipped",
      "",
      "result scenario   time   measured / expected",
      "PASS   tls        1.2 s  TLSv1.3",
      "                         expected: ≥ TLSv1.2",
      "FAIL   sla-check  0 s    0/3",
      "                         expected: > 18 %",
      "                         - eu: Failure",
      "",
      "restored: start httpd on i-1",
    ]);
    expect(JSON.parse(renderJson("prod", report))).to.include({
      stack: "prod",
      passed: 1,
      failed: 1,
      skipped: 0,
    });
  });

  it("--chaos runs only when confirmed: --yes, or the stack name typed; never unasked without a terminal", async () => {
    const questions: string[] = [];
    const typing = (answer: string) => ({
      interactive: true,
      ask: async (q: string) => (questions.push(q), answer),
    });
    expect(await confirmChaos("prod", true, { interactive: false, ask: async () => "" })).to.equal(true);
    expect(await confirmChaos("prod", false, typing("prod\n"))).to.equal(true);
    expect(await confirmChaos("prod", false, typing("yes"))).to.equal(false);
    expect(questions[0]).to.match(/stops a web server and an instance.* of prod\. Type the stack name/);
    let error: Error | undefined;
    await confirmChaos("prod", false, { interactive: false, ask: async () => "prod" }).catch(
      (e: Error) => (error = e),
    );
    expect(error?.message).to.equal("--chaos stops servers: pass --yes to confirm when not interactive");
  });
});
