import { expect } from "chai";
import { AGENT_CONFIG_PATH, renderUserData, shQuote, type UserDataInput } from "../src";
import { agentConfigOf, bashSyntaxErrors } from "./fixtures";

const base: UserDataInput = {
  logGroupName: "/cloudblocks/web-fleet/web/abc",
  accessLogPath: "/var/log/httpd/access_log",
  errorLogPath: "/var/log/httpd/error_log",
  appLogPath: "/var/log/app/app.log",
  healthCheckPath: "/",
  fileSystemDnsName: "fs-0e922dc34f9e8f2f6.efs.ap-northeast-2.amazonaws.com",
};

describe("WebFleet user data (WEB-8, WEB-10)", () => {
  it("without a bootstrap runs the reference app behind httpd; the agent config ships web and app logs plus memory and disk", () => {
    const script = renderUserData({ ...base, healthCheckPath: "/healthz" });
    expect(bashSyntaxErrors(script)).to.equal("");
    expect(script).to.contain("dnf install -y amazon-cloudwatch-agent nfs-utils httpd nodejs22 mariadb105");
    expect(script).to.contain("systemctl enable --now reference-app");
    expect(script).to.contain("systemctl enable --now httpd");
    expect(script).to.contain("APP_HEALTH_PATH=/healthz");
    expect(script).to.contain(
      `amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c 'file:${AGENT_CONFIG_PATH}'`,
    );
    const config = agentConfigOf(script);
    expect(config["logs"]).to.deep.equal({
      logs_collected: {
        files: {
          collect_list: [
            {
              file_path: "/var/log/httpd/access_log",
              log_group_name: base.logGroupName,
              log_stream_name: "{instance_id}/web-access",
            },
            {
              file_path: "/var/log/httpd/error_log",
              log_group_name: base.logGroupName,
              log_stream_name: "{instance_id}/web-error",
            },
            {
              file_path: "/var/log/app/app.log",
              log_group_name: base.logGroupName,
              log_stream_name: "{instance_id}/app",
            },
          ],
        },
      },
    });
    const metrics = config["metrics"] as Record<string, unknown>;
    expect(metrics["metrics_collected"]).to.deep.equal({
      mem: { measurement: ["mem_used_percent"] },
      disk: { measurement: ["used_percent"], resources: ["/"], drop_device: true },
    });
    expect(metrics["aggregation_dimensions"]).to.deep.equal([["AutoScalingGroupName"]]);
  });

  it("runs the caller's bootstrap after the fleet's parts, as its own script, instead of the default web server", () => {
    const app = "#!/bin/bash\nset -e\ncd /opt/app && ./start.sh 'it'\"'\"'s fine'\n";
    const script = renderUserData({ ...base, appBootstrap: app });
    expect(bashSyntaxErrors(script)).to.equal("");
    expect(script).not.to.contain("systemctl enable --now httpd");
    expect(script).to.contain("dnf install -y amazon-cloudwatch-agent nfs-utils\n");
    expect(script.indexOf("amazon-cloudwatch-agent-ctl")).to.be.lessThan(script.indexOf("app-bootstrap.sh"));
    expect(script.indexOf("/mnt/efs")).to.be.lessThan(script.indexOf("app-bootstrap.sh"));
    expect(script).to.contain(
      `cat >/opt/web-fleet/app-bootstrap.sh <<'WEB_FLEET_APP_BOOTSTRAP'\n${app}WEB_FLEET_APP_BOOTSTRAP\n`,
    );
  });

  it("without shared files neither mounts nor installs NFS", () => {
    const script = renderUserData({ ...base, fileSystemDnsName: undefined });
    expect(bashSyntaxErrors(script)).to.equal("");
    expect(script).not.to.contain("/mnt/efs");
    expect(script).not.to.contain("nfs-utils");
  });

  it("quotes values for bash, including single quotes", () => {
    expect(shQuote("a'b")).to.equal(`'a'\\''b'`);
    expect(bashSyntaxErrors(`x=${shQuote("it's $HOME `id`")}\n`)).to.equal("");
  });
});
