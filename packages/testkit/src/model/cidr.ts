/** Minimal IPv4 CIDR arithmetic for the awsx VPC model's automatic subnet allocation. */
export interface Ipv4Block {
  readonly base: number;
  readonly mask: number;
}

export function parseCidr(cidr: string): Ipv4Block {
  const [address, maskText] = cidr.split("/");
  const octets = (address ?? "").split(".").map(Number);
  const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  return { base, mask: Number(maskText) };
}

export function formatCidr(block: Ipv4Block): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.base / 2 ** shift) % 256);
  return `${octets.join(".")}/${block.mask}`;
}

export function blockSize(mask: number): number {
  return 2 ** (32 - mask);
}

/** The `index`-th block of size `/mask` inside `parent`. */
export function nthBlock(parent: Ipv4Block, mask: number, index: number): Ipv4Block {
  return { base: parent.base + index * blockSize(mask), mask };
}
