import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { alarmingPipelineSchema } from "@cloudblocks/alarming-pipeline";
import { strippingObjectPaths } from "@cloudblocks/component-kit";
import { haVpcArgsSchema } from "@cloudblocks/ha-vpc";
import { monitoredDatabaseArgsSchema } from "@cloudblocks/monitored-database";
import { scratchDir, toPlanResource } from "@cloudblocks/testkit";
import { webFleetSchema } from "@cloudblocks/web-fleet";
import { stackConfigSchema } from "../src/config-schema";
import { readStackFiles } from "../src/plan/stack-files";
import { badInputTable, BAD_INPUT_CLASSES, problemsOf } from "./bad-input-classes";
import { runProgram, stackFiles, type ProgramRun } from "./program";

const prod = stackFiles("prod").config;
const dev = stackFiles("dev").config;

/** The problems of a refused config, asserting that nothing at all was registered (issue #10 item 2). */
function refused(run: ProgramRun): readonly string[] {
  expect(run.crash, "no crash").to.equal(undefined);
  expect(run.problems, "the config is refused").to.not.equal(undefined);
  expect(run.env.recorder.resources, "zero registrations").to.deep.equal([]);
  return run.problems!;
}

const section = (config: Record<string, unknown>, key: string) =>
  config[`buddyverse:${key}`] as Record<string, unknown>;

describe("stack config: strict everywhere, validated before the first resource (issue #10)", function () {
  this.timeout(60_000);

  it("has no object anywhere that silently drops an unknown key (every component's args and the stack config)", () => {
    for (const [name, schema] of Object.entries({
      stackConfigSchema,
      haVpcArgsSchema,
      webFleetSchema,
      monitoredDatabaseArgsSchema,
      alarmingPipelineSchema,
    }))
      expect(strippingObjectPaths(schema), name).to.deep.equal([]);
  });

  it("refuses a misspelt key in every section, naming the nearest allowed key", async () => {
    const problems = refused(
      await runProgram({
        ...prod,
        "buddyverse:alarms": {
          ...section(prod, "alarms"),
          emailAdresses: ["ops@buddyverse.link"],
          costBudget: { monthlyLimitUSD: 3 },
          auditTrail: { cisAlarm: true },
        },
        "buddyverse:database": { ...section(prod, "database"), deletionProtecton: false },
        "buddyverse:fleet": { ...section(prod, "fleet"), minSise: 2 },
        "buddyverse:costCentre": "bv",
      }),
    );
    const byKey = (key: string) => problems.find((p) => p.startsWith(`${key}: got`));
    expect(byKey("buddyverse:alarms.emailAdresses")).to.contain("did you mean emailAddresses?");
    expect(byKey("buddyverse:alarms.costBudget.monthlyLimitUSD")).to.contain("did you mean monthlyLimitUsd?");
    expect(byKey("buddyverse:alarms.auditTrail.cisAlarm")).to.contain("did you mean cisAlarms?");
    expect(byKey("buddyverse:costCentre")).to.equal(
      'buddyverse:costCentre: got "bv"; allowed: a known key — did you mean costCenter? (keys: environment, owner, costCenter, namePrefix, region, network, alarms, fleet, database)',
    );
    // Component sections are checked with the components' own validators, before anything exists.
    expect(byKey("buddyverse:database.deletionProtecton")).to.contain("did you mean deletionProtection?");
    expect(byKey("buddyverse:fleet.minSise")).to.contain("did you mean minSize?");
  });

  it("refuses wrong types saying what is allowed, never zod's raw text", async () => {
    const problems = refused(
      await runProgram({
        ...dev,
        "buddyverse:database": { ...section(dev, "database"), multiAz: "yes" },
        "buddyverse:fleet": { ...section(dev, "fleet"), deletionProtection: "false" },
      }),
    );
    expect(problems).to.include('buddyverse:database.multiAz: got "yes"; allowed: true or false');
    expect(problems).to.include('buddyverse:fleet.deletionProtection: got "false"; allowed: true or false');
    for (const p of problems) expect(p).not.to.match(/Invalid input|received/);
  });

  it("refuses a plaintext secret anywhere in a committed stack file, naming the --secret command, never echoing it", async () => {
    const problems = refused(
      await runProgram({
        ...dev,
        "buddyverse:dbPassword": "hunter2hunter2",
        "buddyverse:database": { ...section(dev, "database"), masterPassword: "hunter2hunter2" },
        "buddyverse:alarms": {
          ...section(dev, "alarms"),
          webhookSecretArn: "https://hooks.slack.com/services/T0/B0/abcdef",
        },
      }),
    );
    expect(problems).to.include(
      "buddyverse:dbPassword: got [secret]; allowed: no secret in a committed stack file — remove it; a secret the program reads is set with pulumi config set --secret 'buddyverse:dbPassword' <value>",
    );
    expect(problems).to.include(
      "buddyverse:database.masterPassword: got [secret]; allowed: no secret in a committed stack file — remove it; a secret the program reads is set with pulumi config set --secret --path 'buddyverse:database.masterPassword' <value>",
    );
    expect(problems.some((p) => p.startsWith("buddyverse:alarms.webhookSecretArn: got [secret]"))).to.equal(
      true,
    );
    expect(problems.join("\n")).not.to.match(/hunter2|hooks\.slack\.com/);
  });

  it("refuses AZs of another region than aws:region before creating anything", async () => {
    const network = section(prod, "network");
    const problems = refused(
      await runProgram({
        ...prod,
        "aws:region": "us-east-1",
        "buddyverse:network": network,
      }),
    );
    expect(problems).to.include(
      'buddyverse:network.availabilityZones[0]: got "ap-northeast-2a"; allowed: an AZ of aws:region us-east-1 (the provider creates everything there)',
    );
  });

  it("refuses a bad fleet or database section with zero registrations (they used to come after 63 and 98)", async () => {
    const problems = refused(
      await runProgram({
        ...prod,
        "buddyverse:fleet": { ...section(prod, "fleet"), minSize: 9 },
        "buddyverse:database": { ...section(prod, "database"), backupRetentionDays: 0 },
      }),
    );
    expect(problems).to.include("buddyverse:fleet.minSize: got 9; allowed: minSize ≤ desiredCapacity (2)");
    expect(
      problems.some((p) =>
        p.startsWith("buddyverse:database.backupRetentionDays: got 0; allowed: 1 to 35 days"),
      ),
    ).to.equal(true);
  });

  it("refuses a name prefix too long for the components' names, naming namePrefix", async () => {
    const problems = refused(await runProgram({ ...prod, "buddyverse:namePrefix": "buddyverse-platform" }));
    expect(problems[0]).to.match(
      /^buddyverse:namePrefix: got "buddyverse-platform"; allowed: a prefix that makes the WebFleet name "buddyverse-platform-prod-web" valid, 1 to 20 lowercase/,
    );
  });

  // One whole-program build for two facts (each costs a second of the test budget).
  it("keeps secure config secret (a secret owner, in the provider's default tags, the ASG's tags and the plan) and a top-level 4711 as the text written", async () => {
    const run = await runProgram(
      { ...dev, "buddyverse:owner": "alice-secret-owner", "buddyverse:costCenter": 4711 },
      ["buddyverse:owner"],
    );
    expect(run.problems).to.equal(undefined);
    const provider = run.env.recorder.resources.find((r) => r.type === "pulumi:providers:aws")!;
    // A provider's nested inputs reach the engine as JSON text; costCenter stays the string "4711".
    expect(JSON.parse(provider.inputs["defaultTags"] as string).tags.CostCenter).to.equal("4711");
    expect(JSON.parse(provider.inputs["defaultTags"] as string).tags.Owner).to.equal("alice-secret-owner");
    expect(provider.secretKeyPaths, "the provider's default tags are secret").to.deep.equal([
      ["defaultTags"],
    ]);
    const plan = JSON.stringify(run.env.recorder.resources.map(toPlanResource));
    expect(plan, "nowhere in the plan: not in the ASG's tags either").not.to.contain("alice-secret-owner");
    const group = run.env.recorder.ofType("aws:autoscaling/group:Group")[0]!;
    expect(group.secretKeyPaths, "the ASG tags WebFleet copies from the provider are secret").to.deep.include(
      ["tags"],
    );
    expect(JSON.stringify(group.inputs["tags"]), "the deployed value is still the owner").to.contain(
      "alice-secret-owner",
    );
  });

  it("refuses --secret on a key that shapes names or counts, without echoing its value", async () => {
    const problems = refused(await runProgram(dev, ["buddyverse:fleet"]));
    expect(problems).to.deep.equal([
      "buddyverse:fleet: got [secret]; allowed: a plain value (set without --secret) — it shapes resource names, counts and policies, which cannot stay secret, and holds no credential; only buddyverse:owner and buddyverse:costCenter may be secret",
    ]);
  });

  it("masks a nested secure: value of a stack file (written by --path), marking its whole key secret as the CLI does", () => {
    const dir = scratchDir("stack-files-");
    writeFileSync(path.join(dir, "Pulumi.yaml"), "name: buddyverse\nruntime: nodejs\n");
    writeFileSync(
      path.join(dir, "Pulumi.x.yaml"),
      "config:\n  buddyverse:alarms:\n    webhookSecretArn:\n      secure: v1:AAAAciphertext\n  buddyverse:owner: team\n",
    );
    const files = readStackFiles(dir, "x");
    expect(files.secretKeys).to.deep.equal(["buddyverse:alarms"]);
    expect(files.config["buddyverse:alarms"]).to.deep.equal({
      webhookSecretArn: "[secure value of buddyverse:alarms.webhookSecretArn]",
    });
    expect(JSON.stringify(files.config)).not.to.contain("ciphertext");
  });
});

describe("stacks/README.md bad-input table", () => {
  it("is what the program really says (regenerate: node -e \"console.log(require('./stacks/dist/test/bad-input-classes.js').badInputTable())\")", () => {
    const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const table = /<!-- bad-input-table:start -->\n([\s\S]*?)\n<!-- bad-input-table:end -->/.exec(
      readme,
    )?.[1];
    expect(table).to.equal(badInputTable());
    for (const c of BAD_INPUT_CLASSES) expect(problemsOf(c), c.what).to.not.deep.equal([]);
  });
});
