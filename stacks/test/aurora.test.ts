import { expect } from "chai";
import { readPolicyConfig } from "@cloudblocks/testkit";
import { runPlanOf } from "../src/plan/run-plan";
import { stackFiles } from "./program";
import { root } from "./plans";

describe("prod with database.engine aurora-mysql (DB-8)", function () {
  it("plans clean: an Aurora cluster with a writer and a reader in two AZs, the same stack outputs, no mandatory violation", async () => {
    const files = stackFiles("prod");
    const config = {
      ...files.config,
      "buddyverse:database": {
        engine: "aurora-mysql",
        instanceClass: "db.r6g.large",
        readerCount: 1,
        backupRetentionDays: 7,
        deletionProtection: true,
        protect: true,
      },
    };
    const { plan } = await runPlanOf({ ...files, config }, "prod", readPolicyConfig(root, "prod"));
    const of = (type: string) => plan.resources.filter((r) => r.type === type);
    expect(of("aws:rds/instance:Instance")).to.deep.equal([]);
    expect(of("aws:rds/cluster:Cluster")).to.have.length(1);
    expect(
      of("aws:rds/clusterInstance:ClusterInstance").map((i) => i.inputs["availabilityZone"]),
    ).to.deep.equal(["ap-northeast-2a", "ap-northeast-2c"]);
    expect(plan.policies.violations.filter((v) => v.enforcement === "mandatory")).to.deep.equal([]);
    expect(String(plan.outputs["dbWriterEndpoint"])).to.match(
      /\.cluster-c[0-9a-f]{11}\.ap-northeast-2\.rds\.amazonaws\.com:3306$/,
    );
    expect(plan.outputs["dbReaderEndpoints"]).to.have.length(1);
    expect(plan.azLoss!.rows.filter((r) => r.tier === "data").map((r) => r.survives)).to.deep.equal([
      true,
      true,
    ]);
  });
});
