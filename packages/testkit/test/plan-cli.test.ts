import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { scratchDir, type Plan } from "../src";
import { runProcess } from "./run-process";

const cli = path.join(__dirname, "..", "src", "plan", "cli.js");
const sample = path.join(__dirname, "..", "..", "test", "fixtures", "sample-project");

/** Runs `cloudblocks-plan` as a user would, in its own process; resolves with its exit code and output. */
const plan = (...args: string[]) => runProcess(process.execPath, [cli, ...args]);

describe("cloudblocks-plan on a program that is not BUDDYVERSE", function () {
  const scratch = scratchDir("cloudblocks-plan-");
  const json = path.join(scratch, "plan.json");
  const strict = path.join(scratch, "strict.json");
  const diagram = path.join(scratch, "plan.mmd");
  let withExceptions: Awaited<ReturnType<typeof plan>>;
  let withoutExceptions: Awaited<ReturnType<typeof plan>>;
  before(async function () {
    this.timeout(60_000); // two cold Node processes, each loading @pulumi/aws: about 3 s on an idle machine
    writeFileSync(strict, "{}");
    // Each process loads @pulumi/aws, which is most of a plan's time: the two plans run at once.
    [withExceptions, withoutExceptions] = await Promise.all([
      plan("--cwd", sample, "--json", json, "--diagram", diagram), // the only stack: staging
      plan("staging", "--cwd", sample, "--policy-pack-config", strict),
    ]);
  });

  it("runs Pulumi.yaml's main with Pulumi.<stack>.yaml: tree, outputs (secrets masked), policies with the stack's exceptions, JSON, diagram", () => {
    const { code, stdout } = withExceptions;
    expect(code).to.equal(0);
    expect(stdout).to.contain('Plan for stack "staging" of project "sample-shop"').and.contain("5 resources");
    expect(stdout).to.match(/topicArn: arn:aws:sns:us-east-1:123456789012:alerts-[0-9a-f]{7}/); // aws:region
    expect(stdout).to.contain("token: [secret]").and.not.contain("AAABAJ5dyQ3ZcX2s0gZx5cHJvdGVjdGVkLXZhbHVl");
    expect(stdout).to.contain("[advisory] standard-tags").and.contain("Policy exceptions from");

    const written = JSON.parse(readFileSync(json, "utf8")) as Plan;
    expect(written.project).to.equal("sample-shop");
    expect(written.resources.map((r) => r.type)).to.include("aws:ssm/parameter:Parameter");
    const parameter = written.resources.find((r) => r.type === "aws:ssm/parameter:Parameter")!;
    expect(parameter.inputs["value"]).to.equal("[secret]");
    const subscription = written.resources.find(
      (r) => r.type === "aws:sns/topicSubscription:TopicSubscription",
    )!;
    expect(subscription.inputs["endpoint"]).to.equal("orders@example.com");
    const logGroup = written.resources.find((r) => r.type === "aws:cloudwatch/logGroup:LogGroup")!;
    expect(logGroup.inputs["retentionInDays"]).to.equal(30); // the project's config default
    // Rendered only when asked for (the plan's result renders it when first read).
    expect(readFileSync(diagram, "utf8")).to.equal("flowchart LR\n  %% sample-shop staging\n");
  });

  it("fails on a mandatory policy violation when no exception applies, naming each one", () => {
    const { code, stdout, stderr } = withoutExceptions;
    expect(code).to.equal(1);
    expect(stdout).to.contain('[mandatory] standard-tags: aws:kms/key:Key "alerts" lacks the standard tags');
    expect(stderr).to.match(/plan failed: \d+ mandatory policy violation\(s\)/);
  });

  it("refuses an unknown stack, an unknown option, and guessing among several stacks", async () => {
    expect((await plan("prod", "--cwd", sample)).stderr).to.contain(
      `plan failed: cannot read ${path.join(sample, "Pulumi.prod.yaml")}`,
    );
    const unknown = await plan("--cwd", sample, "--jsn", "x");
    expect([unknown.code, unknown.stderr]).to.deep.equal([
      1,
      "plan failed: unknown option --jsn\nusage: cloudblocks-plan [<stack>] [--cwd DIR] [--json FILE] [--diagram FILE] [--policy-pack-config FILE] [--cost]\n",
    ]);
    const repoRoot = path.join(__dirname, "..", "..", "..", "..");
    expect((await plan("--cwd", repoRoot)).stderr).to.contain("plan failed: name a stack (one of dev, prod)");
  });

  it("runs as its bin does, by its own first line (node with the plan's young-generation size)", async () => {
    expect(readFileSync(cli, "utf8").split("\n", 1)[0]).to.equal(
      "#!/usr/bin/env -S node --max-semi-space-size=4",
    );
    const { code, stdout } = await runProcess(cli, ["--help"]);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^usage: cloudblocks-plan \[<stack>\]/);
  });
});
