import * as aws from "./aws";
import { expect } from "chai";
import { auroraCopyTagsToSnapshot, auroraManagedCredentials, auroraTlsRequired } from "../src/rules/aurora";
import { check } from "./harness";

const cluster = (group: aws.rds.ClusterParameterGroup, extra: Partial<aws.rds.ClusterArgs> = {}) =>
  new aws.rds.Cluster("aurora", {
    engine: "aurora-mysql",
    manageMasterUserPassword: true,
    iamDatabaseAuthenticationEnabled: true,
    copyTagsToSnapshot: true,
    dbClusterParameterGroupName: group.name,
    ...extra,
  });
const parameters = (value: string) =>
  new aws.rds.ClusterParameterGroup("aurora-params", {
    family: "aurora-mysql8.0",
    parameters: [{ name: "require_secure_transport", value }],
  });

describe("Aurora cluster policies (DB-8)", () => {
  it("aurora-tls-required: the cluster's parameter group must set require_secure_transport ON", async () => {
    const on = await check(auroraTlsRequired, () => cluster(parameters("ON")));
    expect(on.violations).to.deep.equal([]);
    const off = await check(auroraTlsRequired, () => cluster(parameters("OFF")));
    expect(off.violations.map((v) => v.message)).to.deep.equal([
      'Aurora cluster "aurora" does not require TLS (require_secure_transport is not ON in its cluster parameter group).',
    ]);
  });

  it("aurora-managed-credentials: no master password in state, an RDS-managed secret and IAM authentication", async () => {
    const withPassword = await check(auroraManagedCredentials, () =>
      cluster(parameters("ON"), { manageMasterUserPassword: undefined, masterPassword: "not-a-real-one-1" }),
    );
    expect(withPassword.violations.map((v) => v.message)).to.deep.equal([
      'Aurora cluster "aurora" sets masterPassword: let RDS manage it (manageMasterUserPassword).',
    ]);
    const noIam = await check(auroraManagedCredentials, () =>
      cluster(parameters("ON"), { iamDatabaseAuthenticationEnabled: false }),
    );
    expect(noIam.violations.map((v) => v.message)).to.deep.equal([
      'Aurora cluster "aurora" has IAM database authentication off.',
    ]);
  });

  it("aurora-copy-tags-to-snapshot: RDS.16", async () => {
    const off = await check(auroraCopyTagsToSnapshot, () =>
      cluster(parameters("ON"), { copyTagsToSnapshot: false }),
    );
    expect(off.violations.map((v) => v.message)).to.deep.equal([
      'Aurora cluster "aurora" does not copy tags to snapshots.',
    ]);
  });
});
