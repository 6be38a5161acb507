import { ec2Id, upperAlnum } from "./ids";

/**
 * What already exists in the mock account and in AWS's public catalogues before the program runs: the things
 * provider functions (invokes) look up. A look-up that matches nothing here, nor among the resources the program
 * has registered so far, fails with the provider's own error, as `pulumi preview` would.
 */
export interface MockCatalogue {
  /** Machine images DescribeImages can return (public ones and the account's own). */
  readonly images: readonly MockImage[];
  /** SSM parameters GetParameter can return (AWS's public `/aws/service/...` ones and the account's own). */
  readonly parameters: readonly MockParameter[];
  /** Route 53 hosted zones of the account (a zone is normally created when the domain is registered). */
  readonly hostedZones: readonly MockHostedZone[];
  /** ALBs of the account not created by this program (e.g. a shared one another stack owns). */
  readonly loadBalancers: readonly MockLoadBalancer[];
  /** Listeners of those ALBs. */
  readonly listeners: readonly MockListener[];
}

export interface MockImage {
  readonly region: string;
  readonly imageId: string;
  readonly name: string;
  readonly description?: string;
  readonly ownerId: string;
  /** `amazon`, `aws-marketplace`, or undefined for an account's own image. */
  readonly ownerAlias?: string;
  readonly architecture: "x86_64" | "arm64";
  readonly rootDeviceName: string;
  readonly rootDeviceType?: "ebs" | "instance-store";
  readonly virtualizationType?: "hvm" | "paravirtual";
  /** ISO 8601, as DescribeImages reports it; `mostRecent` picks the newest. */
  readonly creationDate: string;
  readonly public?: boolean;
  readonly state?: "available" | "pending" | "failed";
}

export interface MockParameter {
  readonly region: string;
  readonly name: string;
  readonly value: string;
  readonly type: "String" | "StringList" | "SecureString";
  /** `aws:ec2:image` for AMI parameters. */
  readonly dataType?: string;
  /** Owned by AWS (public `/aws/service/` parameters): their ARN has no account id. */
  readonly public?: boolean;
}

export interface MockHostedZone {
  readonly name: string;
  /** @default derived from the name */
  readonly zoneId?: string;
  /** @default false */
  readonly privateZone?: boolean;
  /** VPCs a private zone is associated with. */
  readonly vpcIds?: readonly string[];
}

export interface MockLoadBalancer {
  readonly arn: string;
  readonly dnsName: string;
  readonly securityGroups?: readonly string[];
  readonly loadBalancerType?: "application" | "network" | "gateway";
}

export interface MockListener {
  readonly arn: string;
  readonly loadBalancerArn: string;
  readonly port: number;
  readonly protocol: string;
  readonly sslPolicy?: string;
  readonly certificateArn?: string;
}

/** Amazon's own account, the owner of the Amazon Linux images (DescribeImages `owner-alias` "amazon"). */
export const AMAZON_IMAGE_OWNER = "137112412989";

/** The regions the public catalogue covers: this project's home region and us-east-1 (global services). */
const CATALOGUE_REGIONS = ["ap-northeast-2", "us-east-1"] as const;

/**
 * Two Amazon Linux 2023 releases per architecture, so `mostRecent` has something to choose from. Names and
 * descriptions follow the published pattern (`al2023-ami-<version>-kernel-6.1-<arch>`); the root device of
 * every Amazon Linux 2023 image is `/dev/xvda` (DescribeImages `RootDeviceName`).
 */
const AL2023_RELEASES = [
  { version: "2023.9.20251110.0", created: "2025-11-10T21:06:51.000Z" },
  { version: "2023.9.20251208.0", created: "2025-12-08T19:32:12.000Z" },
] as const;

function publicImages(): MockImage[] {
  return CATALOGUE_REGIONS.flatMap((region) =>
    (["x86_64", "arm64"] as const).flatMap((architecture) =>
      AL2023_RELEASES.map(({ version, created }) => ({
        region,
        imageId: ec2Id("ami", `${region}:al2023:${version}:${architecture}`),
        name: `al2023-ami-${version}-kernel-6.1-${architecture}`,
        description: `Amazon Linux 2023 AMI ${version} ${architecture} HVM kernel-6.1`,
        ownerId: AMAZON_IMAGE_OWNER,
        ownerAlias: "amazon",
        architecture,
        rootDeviceName: "/dev/xvda",
        rootDeviceType: "ebs" as const,
        virtualizationType: "hvm" as const,
        creationDate: created,
        public: true,
        state: "available" as const,
      })),
    ),
  );
}

/** AWS's public parameters naming the newest Amazon Linux 2023 image, per region and architecture. */
function publicParameters(images: readonly MockImage[]): MockParameter[] {
  const newest = AL2023_RELEASES[AL2023_RELEASES.length - 1]!.version;
  return images
    .filter((image) => image.name.includes(newest))
    .flatMap((image) =>
      ["al2023-ami-kernel-default", "al2023-ami-kernel-6.1"].map((stem) => ({
        region: image.region,
        name: `/aws/service/ami-amazon-linux-latest/${stem}-${image.architecture}`,
        value: image.imageId,
        type: "String" as const,
        dataType: "aws:ec2:image",
        public: true,
      })),
    );
}

let publicCatalogue: MockCatalogue | undefined;

/** The public part of AWS every account sees: Amazon Linux 2023 images and the SSM parameters that name them. */
export function defaultCatalogue(): MockCatalogue {
  if (!publicCatalogue) {
    const images = publicImages();
    publicCatalogue = {
      images,
      parameters: publicParameters(images),
      hostedZones: [],
      loadBalancers: [],
      listeners: [],
    };
  }
  return publicCatalogue;
}

/** The public catalogue plus what a test or stack declares its account already holds. */
export function withCatalogue(extra: Partial<MockCatalogue> = {}): MockCatalogue {
  const base = defaultCatalogue();
  return {
    images: [...base.images, ...(extra.images ?? [])],
    parameters: [...base.parameters, ...(extra.parameters ?? [])],
    hostedZones: [...base.hostedZones, ...(extra.hostedZones ?? [])],
    loadBalancers: [...base.loadBalancers, ...(extra.loadBalancers ?? [])],
    listeners: [...base.listeners, ...(extra.listeners ?? [])],
  };
}

/** The id Route 53 would have given a zone (deterministic per name). */
export function hostedZoneIdOf(zone: MockHostedZone): string {
  const name = zone.name.toLowerCase().replace(/\.$/, "");
  return zone.zoneId ?? `Z${upperAlnum(zone.privateZone ? `${name}:private` : name, 20)}`;
}
