import * as aws from "./aws";
import { expect } from "chai";
import { ArgsValidationError } from "@cloudblocks/component-kit";
import { outputOf, setupMocks } from "@cloudblocks/testkit";
import { HaVpc, type HaVpcArgs } from "../src";
import { seedPlan } from "./fixtures";

/** Constructs with bad args and returns the problems; also checks nothing at all was registered. */
async function problemsOf(args: unknown): Promise<readonly string[]> {
  const env = setupMocks();
  try {
    new HaVpc("net", args as HaVpcArgs);
  } catch (error) {
    await env.settle();
    expect(env.recorder.resources, "nothing half-created").to.deep.equal([]);
    expect(error).to.be.instanceOf(ArgsValidationError);
    return (error as ArgsValidationError).problems;
  }
  throw new Error("HaVpc accepted bad arguments");
}

const plan = seedPlan.subnetCidrs!;

describe("HaVpc input validation (ALL-1)", () => {
  it("rejects fewer than 2 AZs", async () => {
    expect(await problemsOf({ availabilityZones: ["ap-northeast-2a"] })).to.deep.equal([
      'args.availabilityZones: got ["ap-northeast-2a"]; allowed: at least 2 AZs (NET-2)',
    ]);
  });

  it("rejects a duplicated AZ and AZs of two regions", async () => {
    expect(await problemsOf({ availabilityZones: ["ap-northeast-2a", "ap-northeast-2a"] })).to.deep.equal([
      'args.availabilityZones[1]: got "ap-northeast-2a"; allowed: distinct AZs (this one is listed twice)',
    ]);
    expect(await problemsOf({ availabilityZones: ["ap-northeast-2a", "us-east-1b"] })).to.deep.equal([
      'args.availabilityZones: got ["ap-northeast-2a","us-east-1b"]; allowed: AZs of one region',
    ]);
  });

  it("rejects malformed CIDRs, host bits and a VPC outside /16-/28", async () => {
    expect(await problemsOf({ ...seedPlan, cidrBlock: "172.31.0.0/33" })).to.deep.equal([
      'args.cidrBlock: got "172.31.0.0/33"; allowed: an IPv4 CIDR such as 172.31.10.0/24, without host bits',
    ]);
    expect(
      await problemsOf({ ...seedPlan, subnetCidrs: { ...plan, app: ["172.31.11.5/24", "172.31.21.0/24"] } }),
    ).to.deep.equal([
      'args.subnetCidrs.app[0]: got "172.31.11.5/24"; allowed: an IPv4 CIDR such as 172.31.10.0/24, without host bits',
    ]);
    expect(await problemsOf({ ...seedPlan, cidrBlock: "10.0.0.0/8", subnetCidrs: undefined })).to.deep.equal([
      'args.cidrBlock: got "10.0.0.0/8"; allowed: a VPC block from /16 to /28',
    ]);
  });

  it("rejects overlapping subnets, subnets outside the VPC and subnets that are too small", async () => {
    expect(
      await problemsOf({ ...seedPlan, subnetCidrs: { ...plan, data: ["172.31.11.0/25", "172.31.22.0/24"] } }),
    ).to.deep.equal([
      'args.subnetCidrs.data[0]: got "172.31.11.0/25"; allowed: blocks that do not overlap (overlaps 172.31.11.0/24 at subnetCidrs.app.0)',
    ]);
    expect(
      await problemsOf({ ...seedPlan, subnetCidrs: { ...plan, data: ["10.9.12.0/24", "172.31.22.0/24"] } }),
    ).to.deep.equal([
      'args.subnetCidrs.data[0]: got "10.9.12.0/24"; allowed: a block inside the VPC 172.31.0.0/16',
    ]);
    expect(
      await problemsOf({
        ...seedPlan,
        subnetCidrs: { ...plan, public: ["172.31.10.0/28", "172.31.20.0/24"] },
      }),
    ).to.deep.equal([
      'args.subnetCidrs.public[0]: got "172.31.10.0/28"; allowed: /27 or larger (an ALB needs /27 subnets)',
    ]);
  });

  it("rejects automatic sizing that does not fit the VPC block (subnets would fall outside it or overlap)", async () => {
    const azs = ["ap-northeast-2a", "ap-northeast-2c"];
    expect(await problemsOf({ availabilityZones: azs, cidrBlock: "10.40.0.0/24" })).to.deep.equal([
      'args.subnetMasks: got {"public":24,"app":22,"data":24}; allowed: masks whose subnets fit each AZ\'s share of the VPC 10.40.0.0/24 (a /25, 128 addresses, for each of 2 AZs; these need 2304): raise the masks, widen cidrBlock, or give subnetCidrs',
    ]);
    // The same block fits once the masks are small enough: /27 public, /27 app and /28 data in each /25 share.
    const env = setupMocks();
    new HaVpc("net", {
      availabilityZones: azs,
      cidrBlock: "10.40.0.0/24",
      subnetMasks: { public: 27, app: 27, data: 28 },
    });
    await env.settle();
    const cidrs = env.recorder.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs["cidrBlock"]);
    expect(new Set(cidrs).size).to.equal(6);
    expect(cidrs.every((c) => String(c).startsWith("10.40.0."))).to.equal(true);
  });

  it("rejects a tier without one CIDR per AZ", async () => {
    expect(
      await problemsOf({ ...seedPlan, subnetCidrs: { ...plan, app: ["172.31.11.0/24"] } }),
    ).to.deep.equal(['args.subnetCidrs.app: got ["172.31.11.0/24"]; allowed: exactly one CIDR per AZ (2)']);
  });

  it("rejects NAT instance options with another NAT mode, and an unknown mode", async () => {
    expect(
      await problemsOf({ ...seedPlan, natMode: "perAz", natInstance: { instanceType: "t4g.nano" } }),
    ).to.deep.equal([
      'args.natInstance: got {"instanceType":"t4g.nano"}; allowed only with natMode "instance" or "instancePerAz" (natMode is "perAz")',
    ]);
    expect(await problemsOf({ ...seedPlan, natMode: "cheap" })).to.deep.equal([
      'args.natMode: got "cheap"; allowed: perAz, single, instance, instancePerAz, none',
    ]);
  });

  it("rejects SSH open to the world and a retention CloudWatch does not offer", async () => {
    expect(await problemsOf({ ...seedPlan, bastion: { allowedCidrs: ["0.0.0.0/0"] } })).to.deep.equal([
      'args.bastion.allowedCidrs[0]: got "0.0.0.0/0"; allowed: specific networks; 0.0.0.0/0 would open SSH to the world (EC2.19)',
    ]);
    expect((await problemsOf({ ...seedPlan, flowLogs: { retentionInDays: 100 } }))[0]).to.match(
      /^args\.flowLogs\.retentionInDays: got 100; allowed: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400/,
    );
  });

  it("rejects AZs of another region than the provider's, at preview", async () => {
    const env = setupMocks();
    const provider = new aws.Provider("aws", { region: "ap-northeast-2" });
    const vpc = new HaVpc(
      "net",
      { availabilityZones: ["us-east-1a", "us-east-1b"] },
      { providers: [provider] },
    );
    let message = "";
    await outputOf(vpc.vpcId).catch((error: Error) => (message = error.message));
    expect(message).to.contain(
      `args.availabilityZones: got ["us-east-1a","us-east-1b"]; allowed: AZs of the provider's region ap-northeast-2`,
    );
    // The engine fails the deployment on it: settle() rejects, naming the component the error came from.
    const failure = await env.settle().then(
      () => "settled",
      (error: Error) => error.message,
    );
    expect(failure).to.contain('(in cloudblocks:index:HaVpc "net")');
    expect(failure).to.contain("allowed: AZs of the provider's region ap-northeast-2");
  });

  it("validates its name like the other components, before anything exists", async () => {
    for (const name of ["Net", "net_work", "9net", "net-", "n".repeat(41)]) {
      const env = setupMocks();
      expect(() => new HaVpc(name, seedPlan), name).to.throw(
        ArgsValidationError,
        `name: got ${JSON.stringify(name)}; allowed: 1 to 40 lower-case letters, digits and '-', starting with a letter`,
      );
      await env.settle();
      expect(env.recorder.resources, "nothing half-created").to.deep.equal([]);
    }
  });

  it("refuses a misspelt key, listing the allowed ones and the nearest", async () => {
    expect(await problemsOf({ ...seedPlan, natMod: "single" })).to.deep.equal([
      'args.natMod: got "single"; allowed: a known key — did you mean natMode? (keys: availabilityZones, cidrBlock, subnetCidrs, subnetMasks, natMode, natInstance, flowLogs, bastion, s3GatewayEndpoint, alarmTopicArn)',
    ]);
  });
});
