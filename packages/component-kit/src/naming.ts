/**
 * The stable suffix of an AZ: `ap-northeast-2a` → `a`, `us-west-2-lax-1a` → `lax-1a`. Per-AZ children are
 * named with it (`${name}-app-a`), never with a list index, so adding or removing an AZ renames nothing else.
 */
export function azSuffix(availabilityZone: string): string {
  const match = /^[a-z]{2}(?:-gov)?-[a-z]+-\d+-?(.+)$/.exec(availabilityZone);
  if (!match) throw new Error(`not an availability zone name: "${availabilityZone}"`);
  return match[1]!;
}

/** The region an AZ belongs to: `ap-northeast-2a` → `ap-northeast-2`. */
export function regionOfAz(availabilityZone: string): string {
  const match = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)/.exec(availabilityZone);
  if (!match) throw new Error(`not an availability zone name: "${availabilityZone}"`);
  return match[1]!;
}
