/**
 * The AZ names each region offers, so an AZ letter the region does not have (`ap-northeast-2e`) is refused at
 * construction instead of failing inside `pulumi up`.
 *
 * Source: AWS "AWS Availability Zones" (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html):
 * the number of AZs per region (Seoul ap-northeast-2: 4, apne2-az1 … az4; N. Virginia us-east-1: 6; …), named
 * `<region><letter>` from `a`. Tokyo's `ap-northeast-1b` is not offered to accounts created since 2013
 * (`aws ec2 describe-availability-zones` lists 1a, 1c, 1d). A region not listed here is not checked (its AZ
 * names still have to be well formed): add it with its source when the project deploys there.
 */
export const AZ_LETTERS_BY_REGION: Readonly<Record<string, readonly string[]>> = {
  "ap-northeast-1": ["a", "c", "d"],
  "ap-northeast-2": ["a", "b", "c", "d"],
  "ap-northeast-3": ["a", "b", "c"],
  "ap-southeast-1": ["a", "b", "c"],
  "ap-southeast-2": ["a", "b", "c"],
  "eu-central-1": ["a", "b", "c"],
  "eu-west-1": ["a", "b", "c"],
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
  "us-east-2": ["a", "b", "c"],
  "us-west-2": ["a", "b", "c", "d"],
};

/** The AZ names of a region, or undefined for a region this table does not know. */
export function availabilityZonesOf(region: string): readonly string[] | undefined {
  return AZ_LETTERS_BY_REGION[region]?.map((letter) => `${region}${letter}`);
}

/** Undefined when `az` exists (or its region is not in the table); otherwise the AZs its region has. */
export function unknownAvailabilityZone(az: string): readonly string[] | undefined {
  const match = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)([a-z])$/.exec(az);
  if (!match) return undefined; // local and wavelength zones (us-west-2-lax-1a) are not in the table
  const zones = availabilityZonesOf(match[1]!);
  return zones && !zones.includes(az) ? zones : undefined;
}
