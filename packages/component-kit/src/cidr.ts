/** IPv4 CIDR arithmetic: enough to validate subnet plans (containment, overlap, size) and allocate blocks. */
export interface Ipv4Block {
  /** The network address as an unsigned 32-bit number. */
  readonly base: number;
  readonly mask: number;
}

const cidrPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function blockSize(mask: number): number {
  return 2 ** (32 - mask);
}

/**
 * Parses `a.b.c.d/m`. Returns undefined for anything malformed, including host bits set (`10.0.0.1/16`),
 * which AWS rejects too.
 */
export function parseCidr(text: string): Ipv4Block | undefined {
  const match = cidrPattern.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const mask = Number(match[5]);
  if (octets.some((o) => o > 255) || mask > 32) return undefined;
  const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  return base % blockSize(mask) === 0 ? { base, mask } : undefined;
}

export function formatCidr(block: Ipv4Block): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.base / 2 ** shift) % 256);
  return `${octets.join(".")}/${block.mask}`;
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return (
    inner.mask >= outer.mask &&
    inner.base >= outer.base &&
    inner.base + blockSize(inner.mask) <= outer.base + blockSize(outer.mask)
  );
}

export function cidrsOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.base < b.base + blockSize(b.mask) && b.base < a.base + blockSize(a.mask);
}
