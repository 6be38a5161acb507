/** The fake AWS account the mocks pretend to run in. Every id, ARN and endpoint is derived from it. */
export interface MockAccount {
  /** @default "123456789012" */
  readonly accountId: string;
  /** @default "ap-northeast-2" */
  readonly region: string;
  /** @default "aws" */
  readonly partition: string;
}

export const defaultAccount: MockAccount = {
  accountId: "123456789012",
  region: "ap-northeast-2",
  partition: "aws",
};

/** AZ letters AWS exposes per region; enough for the regions this project targets and tests. */
const azLetters: Record<string, string[]> = {
  "ap-northeast-2": ["a", "b", "c", "d"],
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
};

export function availabilityZones(region: string): string[] {
  return (azLetters[region] ?? ["a", "b", "c"]).map((letter) => `${region}${letter}`);
}

/** The zone id of an AZ name: `apne2-az1` for ap-northeast-2a (us-east-1's letter-to-id mapping varies per account). */
export function zoneIdOf(zoneName: string): string {
  const region = zoneName.slice(0, -1);
  const [area, direction, digit] = region.split("-") as [string, string, string];
  const short = `${area}${direction
    .replace(/^north/, "n")
    .replace(/^south/, "s")
    .replace(/east$/, "e")
    .replace(/west$/, "w")
    .replace(/^central$/, "c")}${digit}`;
  return `${short}-az${zoneName.charCodeAt(zoneName.length - 1) - 96}`;
}

/** The zone id ALBs get per region (the alias target zone of their DNS names). */
const albZoneIds: Record<string, string> = {
  "ap-northeast-2": "ZWKZPGTI48KDX",
  "us-east-1": "Z35SXDOTRQ7X7K",
};

export function albHostedZoneId(region: string): string {
  return albZoneIds[region] ?? "Z1H1FL5HABSF5";
}

/** Elastic Load Balancing's own account per region (it writes ALB access logs). */
const elbAccounts: Record<string, string> = {
  "ap-northeast-2": "600734575887",
  "us-east-1": "127311923021",
};

export function elbServiceAccount(region: string): string {
  return elbAccounts[region] ?? "797873946194";
}
