import { posix } from "node:path";
import { renderBootScript, retryBoundSeconds, type BootStep } from "@cloudblocks/component-kit";

/** A `dnf install` attempt gets 45 s (metadata and a few packages); 3 attempts. */
const DNF = { attempts: 3, seconds: 45 } as const;
const SYSTEMCTL = { attempts: 2, seconds: 30 } as const;
const LOCAL_SECONDS = 10;
/**
 * Swap during boot: a t4g.nano has 0.5 GiB, and dnf is known to be OOM-killed on Amazon Linux 2023 with the
 * SSM agent running (amazonlinux/amazon-linux-2023 issue 404). 512 MiB of the 8 GiB root volume costs nothing extra.
 */
export const NAT_SWAP_MIB = 512;
export const NAT_SYSCTL_FILE = "/etc/sysctl.d/90-nat.conf";

const dnf = (packages: string) => `retry ${DNF.attempts} ${DNF.seconds} dnf install -y ${packages}`;
const dnfBound = retryBoundSeconds(DNF.attempts, DNF.seconds);
const systemctlBound = retryBoundSeconds(SYSTEMCTL.attempts, SYSTEMCTL.seconds);

/**
 * The NAT instance's boot (the VPC user guide's "NAT instances" procedure on Amazon Linux 2023): swap so the
 * install is not OOM-killed, iptables-services retried, forwarding on, masquerade out of the default interface,
 * persisted for reboots, and a final check that forwarding and masquerading are really active.
 */
export function natBootSteps(): BootStep[] {
  return [
    {
      name: "swap",
      timeoutSeconds: 60,
      lines: [
        'SWAP_FILE="$ROOT/swapfile"',
        'if ! swapon --show=NAME --noheadings | grep -qxF "$SWAP_FILE"; then',
        `  [ -f "$SWAP_FILE" ] || { fallocate -l ${NAT_SWAP_MIB}M "$SWAP_FILE" && chmod 600 "$SWAP_FILE" && mkswap "$SWAP_FILE"; }`,
        '  swapon "$SWAP_FILE"',
        "fi",
      ],
    },
    { name: "packages", timeoutSeconds: dnfBound, lines: [dnf("iptables-services")] },
    {
      name: "forwarding",
      timeoutSeconds: systemctlBound + LOCAL_SECONDS,
      lines: [
        // The service first: starting it loads the saved rules, which would replace rules added before it.
        `retry ${SYSTEMCTL.attempts} ${SYSTEMCTL.seconds} systemctl enable --now iptables`,
        `mkdir -p "$ROOT${posix.dirname(NAT_SYSCTL_FILE)}"`,
        `echo "net.ipv4.ip_forward = 1" >"$ROOT${NAT_SYSCTL_FILE}"`,
        `sysctl -p "$ROOT${NAT_SYSCTL_FILE}"`,
        "iface=$(ip route show default | awk '{print $5; exit}')",
        '[ -n "$iface" ]',
        'iptables -t nat -C POSTROUTING -o "$iface" -j MASQUERADE 2>/dev/null ||',
        '  iptables -t nat -A POSTROUTING -o "$iface" -j MASQUERADE',
        "# The stock rules REJECT forwarded traffic; the security group is the filter here.",
        "iptables -F FORWARD",
        "service iptables save",
      ],
    },
    {
      name: "nat-check",
      timeoutSeconds: LOCAL_SECONDS,
      lines: [
        'test "$(sysctl -n net.ipv4.ip_forward)" = 1',
        "iface=$(ip route show default | awk '{print $5; exit}')",
        'iptables -t nat -C POSTROUTING -o "$iface" -j MASQUERADE',
        "systemctl is-enabled --quiet iptables",
        'log "forwarding on, masquerading out of $iface"',
      ],
    },
  ];
}

export const natUserData = (): string =>
  renderBootScript({ generator: "@cloudblocks/ha-vpc (NAT instance)", steps: natBootSteps() });

/** The MySQL client, so an operator on the bastion can reach the database (seed 003). */
export const BASTION_PACKAGES = "mariadb105";

/** The bastion's boot: the database client, retried; nothing else runs on a bastion. */
export function bastionBootSteps(): BootStep[] {
  return [{ name: "packages", timeoutSeconds: dnfBound, lines: [dnf(BASTION_PACKAGES)] }];
}

export const bastionUserData = (): string =>
  renderBootScript({ generator: "@cloudblocks/ha-vpc (bastion)", steps: bastionBootSteps() });
