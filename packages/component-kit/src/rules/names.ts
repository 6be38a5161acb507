/**
 * E-mail addresses and DNS names with the limits of their standards, so a subscription or a certificate that
 * would fail at deploy time fails at construction.
 *
 * - E-mail: RFC 5321 §4.5.3.1 (local part ≤ 64 octets, domain ≤ 255, path ≤ 256 → an address ≤ 254
 *   characters) and the dot-atom form of RFC 5322 §3.2.3 / §3.4.1 (no quoted local parts: SNS e-mail endpoints
 *   are plain addresses), the domain a DNS name below.
 * - DNS names: RFC 1035 §2.3.1/§2.3.4 (letters, digits, hyphens; labels 1-63 octets, not starting or ending with
 *   a hyphen; a name ≤ 253 characters in text form), a top-level label not all digits (RFC 3696 §2).
 */
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;

export function isDomainName(name: string, { wildcard = false } = {}): boolean {
  const text = wildcard && name.startsWith("*.") ? name.slice(2) : name;
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.split(".");
  return (
    labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!)
  );
}

export function isEmailAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length <= 64 && local.split(".").every((part) => ATOM.test(part)) && isDomainName(domain);
}

export const EMAIL_ALLOWED =
  "allowed: an e-mail address such as ops@example.com (local part ≤ 64 characters, whole address ≤ 254, RFC 5321)";
export const DOMAIN_ALLOWED =
  "allowed: a DNS name such as buddyverse.link (labels of 1-63 letters, digits or inner hyphens; ≤ 253 characters, RFC 1035)";
