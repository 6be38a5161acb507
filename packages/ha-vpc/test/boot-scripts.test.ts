import { bootBoundSeconds } from "@cloudblocks/component-kit";
import { runBootScript, shellcheck, type BootRun } from "@cloudblocks/testkit";
import { expect } from "chai";
import { bastionBootSteps, bastionUserData, natBootSteps, natUserData } from "../src/boot-scripts";

describe("NAT instance and bastion boot scripts, run with stubbed system commands", function () {
  this.timeout(30_000);
  let nat: BootRun, natNoForward: BootRun, natNotPersisted: BootRun, natDnfDown: BootRun;
  let bastion: BootRun, bastionDown: BootRun;
  before(async () => {
    [nat, natNoForward, natNotPersisted, natDnfDown, bastion, bastionDown] = await Promise.all([
      runBootScript(natUserData(), { runs: 2 }),
      runBootScript(natUserData(), { cues: { sysctl: { fail: "1/2" } } }),
      // dnf hangs twice and systemctl enable fails once (both retried); then the final check finds iptables
      // not enabled for reboots.
      runBootScript(natUserData(), { cues: { dnf: { hang: "2/3" }, systemctl: { fail: "1/2" } } }),
      runBootScript(natUserData(), { cues: { dnf: { fail: "1/1" } } }),
      runBootScript(bastionUserData()),
      runBootScript(bastionUserData(), { cues: { dnf: { hang: "1/1" } } }),
    ]);
  });

  it("NAT: swap first, then the install, forwarding and masquerading, checked at the end: BOOT OK", () => {
    expect(nat.statuses).to.deep.equal([0, 0]);
    expect(nat.lastLine).to.equal("BOOT OK");
    const first = (re: RegExp) => nat.calls.findIndex((c) => re.test(c));
    expect(first(/^fallocate -l 512M .*\/swapfile$/)).to.be.lessThan(
      first(/^dnf install -y iptables-services$/),
    );
    expect(first(/^swapon .*\/swapfile$/)).to.be.lessThan(first(/^dnf /));
    expect(first(/^systemctl enable --now iptables$/)).to.be.lessThan(first(/^iptables -t nat -A/));
    expect(nat.read("/etc/sysctl.d/90-nat.conf")).to.equal("net.ipv4.ip_forward = 1\n");
    expect(nat.calls).to.include("iptables -t nat -C POSTROUTING -o ens5 -j MASQUERADE");
    expect(nat.calls).to.include("service iptables save");
  });

  it("NAT: a second run adds no second masquerade rule and no second swap file", () => {
    expect(nat.calls.filter((c) => c.startsWith("iptables -t nat -A"))).to.deep.equal([
      "iptables -t nat -A POSTROUTING -o ens5 -j MASQUERADE",
    ]);
    expect(nat.calls.filter((c) => c.startsWith("fallocate"))).to.have.length(1);
    expect(nat.calls.filter((c) => /^swapon .*\/swapfile$/.test(c))).to.have.length(1);
    expect(nat.log.match(/^BOOT OK$/gm)).to.have.length(2);
  });

  it("NAT: retries a hanging install and a failing systemctl, within the bound", () => {
    const r = natNotPersisted;
    expect(r.calls.filter((c) => c === "timeout 45 dnf install -y iptables-services")).to.have.length(3);
    expect(r.log).to.contain("attempt 2 of 3 failed, retrying in 10 s: dnf install -y iptables-services");
    expect(r.log).to.contain("attempt 1 of 2 failed, retrying in 5 s: systemctl enable --now iptables");
    expect(r.log).to.contain("step forwarding: ok");
    expect(r.clockSeconds).to.equal(2 * 45 + 5 + 10 + 5);
    expect(r.clockSeconds).to.be.at.most(bootBoundSeconds(natBootSteps()));
  });

  it("NAT: forwarding or masquerading not set up is BOOT FAILED (not a healthy-looking instance that forwards nothing)", () => {
    expect(natNoForward.statuses).to.deep.equal([1]);
    expect(natNoForward.lastLine).to.equal("BOOT FAILED: forwarding");
    expect(natNotPersisted.lastLine).to.equal("BOOT FAILED: nat-check");
    expect(nat.calls).to.include("sysctl -n net.ipv4.ip_forward");
    expect(nat.calls).to.include("systemctl is-enabled --quiet iptables");
    expect(natDnfDown.lastLine).to.equal("BOOT FAILED: packages");
    expect(natDnfDown.calls.filter((c) => c.startsWith("dnf "))).to.have.length(3);
    expect(natDnfDown.calls.some((c) => c.startsWith("iptables"))).to.equal(false);
  });

  it("bastion: installs the MySQL client, retried, and says how its boot ended", () => {
    expect(bastion.lastLine).to.equal("BOOT OK");
    expect(bastion.calls).to.include("dnf install -y mariadb105");
    expect(bastionDown.lastLine).to.equal("BOOT FAILED: packages");
    expect(bastionDown.calls.filter((c) => c === "timeout 45 dnf install -y mariadb105")).to.have.length(3);
    expect(bastionDown.clockSeconds).to.equal(3 * 45 + 5 + 10);
    expect(bastionDown.clockSeconds).to.be.at.most(bootBoundSeconds(bastionBootSteps()));
  });

  it("both pass shellcheck", () => {
    expect(shellcheck(natUserData(), bastionUserData())).to.deep.equal(["", ""]);
  });
});
