import * as aws from "./aws";
import { expect } from "chai";
import { AMAZON_IMAGE_OWNER, defaultCatalogue, setupMocks } from "../src";

const AL2023_X86 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

/** The rejection message of a call (fails the test if it resolves). */
async function failureOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error, "the call should have failed").to.be.instanceOf(Error);
  return error!.message;
}

describe("testkit invokes: queries over the account's catalogue, failing as the provider does", () => {
  beforeEach(() => {
    setupMocks({
      project: "kit",
      stack: "unit",
      catalogue: {
        hostedZones: [{ name: "example.com" }, { name: "example.com", privateZone: true, vpcIds: ["vpc-1"] }],
      },
    });
  });

  describe("aws.ec2.getAmi (ec2_ami_data_source.go)", () => {
    it("finds an image by id, with its root device name", async () => {
      const { value } = await aws.ssm.getParameter({ name: AL2023_X86 });
      const ami = await aws.ec2.getAmi({ filters: [{ name: "image-id", values: [value] }] });
      expect(ami.id).to.equal(value);
      expect(ami.rootDeviceName).to.equal("/dev/xvda");
      expect(ami.architecture).to.equal("x86_64");
      expect(ami.ownerId).to.equal(AMAZON_IMAGE_OWNER);
    });

    it("matches name wildcards, owners and architecture, and mostRecent picks the newest", async () => {
      const ami = await aws.ec2.getAmi({
        owners: ["amazon"],
        mostRecent: true,
        filters: [
          { name: "name", values: ["al2023-ami-2023.*-kernel-6.1-*"] },
          { name: "architecture", values: ["arm64"] },
        ],
      });
      expect(ami.name).to.equal("al2023-ami-2023.9.20251208.0-kernel-6.1-arm64");
    });

    it("treats a resolve:ssm: alias as a literal image id that matches nothing", async () => {
      const message = await failureOf(
        aws.ec2.getAmi({
          filters: [{ name: "image-id", values: [`resolve:ssm:${AL2023_X86}`] }],
          mostRecent: true,
        }),
      );
      expect(message).to.contain(
        "* Your query returned no results. Please change your search criteria and try again.",
      );
    });

    it("refuses several results without mostRecent, and mostRecent without an owner or id filter", async () => {
      expect(
        await failureOf(
          aws.ec2.getAmi({ owners: ["amazon"], filters: [{ name: "architecture", values: ["x86_64"] }] }),
        ),
      ).to.contain("Your query returned more than one result. Please try a more specific search criteria");
      expect(
        await failureOf(
          aws.ec2.getAmi({ mostRecent: true, filters: [{ name: "name", values: ["al2023-*"] }] }),
        ),
      ).to.contain('Most Recent Image Not Filtered: "most_recent" is set to "true"');
    });

    it("searches only the call's region", async () => {
      const seoul = await aws.ssm.getParameter({ name: AL2023_X86 });
      const virginia = new aws.Provider("virginia", { region: "us-east-1" });
      const message = await failureOf(
        aws.ec2.getAmi({ filters: [{ name: "image-id", values: [seoul.value] }] }, { provider: virginia }),
      );
      expect(message).to.contain("Your query returned no results");
    });
  });

  it("aws.ssm.getParameter: AWS's public AMI parameters per region; an unknown name fails as ParameterNotFound", async () => {
    const param = await aws.ssm.getParameter({ name: AL2023_X86 });
    const image = defaultCatalogue().images.find((i) => i.imageId === param.value)!;
    expect(image.region).to.equal("ap-northeast-2");
    expect(param.arn).to.equal(`arn:aws:ssm:ap-northeast-2::parameter${AL2023_X86}`);
    expect(await failureOf(aws.ssm.getParameter({ name: "/app/missing" }))).to.contain(
      "* reading SSM Parameter (/app/missing): couldn't find resource",
    );
  });

  it("aws.getAvailabilityZones: the region's zones with their ids, honouring exclusions and filters", async () => {
    const azs = await aws.getAvailabilityZones({ state: "available", excludeNames: ["ap-northeast-2b"] });
    expect(azs.names).to.deep.equal(["ap-northeast-2a", "ap-northeast-2c", "ap-northeast-2d"]);
    expect(azs.zoneIds).to.deep.equal(["apne2-az1", "apne2-az3", "apne2-az4"]);
    const filtered = await aws.getAvailabilityZones({ filters: [{ name: "zone-name", values: ["*a"] }] });
    expect(filtered.names).to.deep.equal(["ap-northeast-2a"]);
    expect(
      await failureOf(aws.getAvailabilityZones({ filters: [{ name: "made-up", values: ["x"] }] })),
    ).to.contain('filter "made-up" is not modelled');
  });

  it("aws.route53.getZone: one zone of that name and type, else the provider's singular-data-source errors", async () => {
    const zone = await aws.route53.getZone({ name: "Example.com." });
    expect(zone.name).to.equal("example.com");
    expect(zone.privateZone).to.equal(false);
    const internal = await aws.route53.getZone({ name: "example.com", vpcId: "vpc-1" });
    expect(internal.privateZone).to.equal(true);
    expect(internal.zoneId).to.not.equal(zone.zoneId);
    expect(await failureOf(aws.route53.getZone({ name: "other.com" }))).to.contain(
      "* no matching Route 53 Hosted Zone found",
    );
    expect(await failureOf(aws.route53.getZone({ zoneId: "ZNOTTHERE" }))).to.contain(
      "* couldn't find resource",
    );
  });

  it("aws.ec2.getRouteTable: by associated subnet among the tables the program created", async () => {
    const env = setupMocks({ project: "kit", stack: "unit" });
    const vpc = new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" });
    const subnet = new aws.ec2.Subnet("s", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    const table = new aws.ec2.RouteTable("rt", { vpcId: vpc.id });
    new aws.ec2.RouteTableAssociation("assoc", { subnetId: subnet.id, routeTableId: table.id });
    await env.settle();
    const subnetId = env.recorder.one("aws:ec2/subnet:Subnet").id!;
    const found = await aws.ec2.getRouteTable({ subnetId });
    expect(found.routeTableId).to.equal(env.recorder.one("aws:ec2/routeTable:RouteTable").id);
    expect(await failureOf(aws.ec2.getRouteTable({ subnetId: "subnet-0000000000000000f" }))).to.contain(
      "* query returned no results. Please change your search criteria and try again",
    );
  });

  it("aws.lb.getListener: only listeners that exist; anything else is the provider's search error", async () => {
    const message = await failureOf(
      aws.lb.getListener({
        arn: "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/none/0123456789abcdef/0123456789abcdef",
      }),
    );
    expect(message).to.contain("* Search returned 0 results, please revise so only one is returned");
  });
});
