import { expect } from "chai";
import { ArgsValidationError } from "@cloudblocks/component-kit";
import { fromConfigSection, parseStackConfig, StackConfigError } from "../src/config";

const valid = {
  region: "ap-northeast-2",
  environment: "prod",
  owner: "platform-team",
  costCenter: "bv-prod",
  network: { availabilityZones: ["ap-northeast-2a", "ap-northeast-2c"] },
  alarms: { emailAddresses: ["ops@buddyverse.link"] },
  fleet: {},
  database: {},
};

describe("stack config", () => {
  it("fills the prod defaults of the seed: 172.31.0.0/16 over ap-northeast-2a and 2c, NAT per AZ", () => {
    const config = parseStackConfig(valid);
    expect(config.network.cidrBlock).to.equal("172.31.0.0/16");
    expect(config.network.availabilityZones).to.deep.equal(["ap-northeast-2a", "ap-northeast-2c"]);
    expect(config.network.natMode).to.equal("perAz");
    expect(config.namePrefix).to.equal("buddyverse");
  });

  it("names the key path, the bad value and the allowed values", () => {
    const bad = { ...valid, environment: "staging", network: { ...valid.network, natMode: "cheap" } };
    try {
      parseStackConfig(bad);
      expect.fail("should have thrown");
    } catch (error) {
      expect(error).to.be.instanceOf(StackConfigError);
      expect((error as StackConfigError).problems).to.deep.equal([
        'buddyverse:environment: got "staging"; allowed: dev, prod',
        'buddyverse:network.natMode: got "cheap"; allowed: perAz, single, instance, instancePerAz, none',
      ]);
    }
  });

  it("validates the network section with HaVpc's own rules, naming the config key", () => {
    const network = {
      ...valid.network,
      subnetCidrs: {
        public: ["172.31.10.0/24", "172.31.20.0/24"],
        app: ["172.31.10.0/24", "172.31.21.0/24"],
        data: ["172.31.12.0/24", "172.31.22.0/24"],
      },
    };
    expect(() => parseStackConfig({ ...valid, network })).to.throw(
      StackConfigError,
      'buddyverse:network.subnetCidrs.app[0]: got "172.31.10.0/24"; allowed: blocks that do not overlap (overlaps 172.31.10.0/24 at subnetCidrs.public.0)',
    );
  });

  it("validates the alarms section with AlarmingPipeline's own rules, naming the config key", () => {
    expect(() => parseStackConfig({ ...valid, alarms: { emailAddresses: ["ops(at)buddyverse"] } })).to.throw(
      StackConfigError,
      'buddyverse:alarms.emailAddresses[0]: got "ops(at)buddyverse"; allowed: an e-mail address such as ops@example.com',
    );
  });

  it("reports a component's argument errors against the config key they came from", () => {
    const problems = (() => {
      try {
        fromConfigSection("buddyverse:fleet", () => {
          throw new ArgsValidationError("WebFleet", [
            "args.minSize: got 3; allowed: minSize ≤ desiredCapacity ≤ maxSize",
          ]);
        });
      } catch (error) {
        return (error as StackConfigError).problems;
      }
      return [];
    })();
    expect(problems).to.deep.equal([
      "buddyverse:fleet.minSize: got 3; allowed: minSize ≤ desiredCapacity ≤ maxSize",
    ]);
  });

  it("refuses config for what the program wires itself", () => {
    expect(() => parseStackConfig({ ...valid, fleet: { network: "vpc-1" } })).to.throw(
      StackConfigError,
      'buddyverse:fleet.network: got "vpc-1"; allowed: nothing; the program sets this',
    );
  });

  it("refuses an SLA check without a domain to probe, instead of silently skipping it", () => {
    expect(() => parseStackConfig({ ...valid, alarms: { slaMonitor: true }, fleet: {} })).to.throw(
      StackConfigError,
      "buddyverse:alarms.slaMonitor: got true; allowed: true only when buddyverse:fleet.domainName is set",
    );
  });

  it("names aws:region when the region is missing", () => {
    expect(() => parseStackConfig({ ...valid, region: undefined })).to.throw(
      StackConfigError,
      "aws:region: got nothing",
    );
  });
});
