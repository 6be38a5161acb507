import { createHash } from "node:crypto";

/**
 * Deterministic fake identifiers. The same seed always yields the same value, so plans and snapshots are
 * stable between runs, while different resources never collide.
 */
export function hex(seed: string, length: number): string {
  let out = "";
  for (let round = 0; out.length < length; round++) {
    out += createHash("sha256").update(`${round}:${seed}`).digest("hex");
  }
  return out.slice(0, length);
}

/** An EC2-style id: `vpc-0a1b2c3d4e5f60718`. */
export function ec2Id(prefix: string, seed: string): string {
  return `${prefix}-0${hex(seed, 16)}`;
}

/** A UUID-shaped id (KMS keys, Route 53 health checks, certificates). */
export function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Upper-case alphanumerics, for ids such as Route 53 zone ids or IAM unique ids. */
export function upperAlnum(seed: string, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = Buffer.from(hex(seed, length * 2), "hex");
  return [...bytes.subarray(0, length)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** Pulumi's auto-naming: the logical name plus a random suffix (7 hex characters). */
export function autoName(logicalName: string, seed: string): string {
  return `${logicalName}-${hex(seed, 7)}`;
}

/** A plausible public IPv4 address in AWS's 3.x range. */
export function publicIp(seed: string): string {
  const b = Buffer.from(hex(seed, 6), "hex");
  return `3.${b[0]}.${b[1]}.${1 + (b[2] % 254)}`;
}
