import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { formatLine } from "../src/app/log";
import { readSettings } from "../src/app/settings";
import { isMounted } from "../src/app/shared-files";
import { writerSql } from "../src/app/database";
import { appFiles, APP_MODULES } from "../src";

describe("reference app parts", () => {
  it("log lines start with the level and cannot be split or forged by untrusted text", () => {
    const line = formatLine("WARN", "bad host\nERROR forged", new Date("2026-12-01T20:00:00Z"));
    expect(line).to.equal("WARN 2026-12-01T20:00:00.000Z bad host\\x0aERROR forged\n");
  });

  it("settings: the database only with every variable of /etc/app/database.env; malformed hosts refused", () => {
    expect(readSettings({}).database).to.equal(undefined);
    const env = {
      DB_WRITER_HOST: "db1.x.rds.amazonaws.com",
      DB_READER_HOSTS: "r1.x.rds.amazonaws.com, r2.x.rds.amazonaws.com",
      DB_PORT: "3306",
      DB_SECRET_ARN: "arn:aws:secretsmanager:ap-northeast-2:1:secret:x",
      DB_CA_BUNDLE: "/etc/app/rds-ca.pem",
      AWS_REGION: "ap-northeast-2",
    };
    expect(readSettings(env).database?.readerHosts).to.deep.equal([
      "r1.x.rds.amazonaws.com",
      "r2.x.rds.amazonaws.com",
    ]);
    expect(() => readSettings({ ...env, DB_READER_HOSTS: "a;rm -rf" })).to.throw(
      /DB_READER_HOSTS: got "a;rm -rf"/,
    );
    expect(() => readSettings({ ...env, DB_SECRET_ARN: "" })).to.throw(/DB_SECRET_ARN: got nothing/);
    expect(() => readSettings({ APP_PORT: "0" })).to.throw(/APP_PORT: got 0/);
  });

  it("a mount point is found in the mount table, octal escapes decoded; a plain directory is not one", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "mounts-"));
    try {
      const table = path.join(dir, "mounts");
      writeFileSync(table, "fs:/ /mnt/my\\040efs nfs4 rw 0 0\n/dev/x / ext4 rw 0 0\n");
      expect(isMounted("/mnt/my efs", table)).to.equal(true);
      expect(isMounted("/mnt/my efs/", table)).to.equal(true);
      expect(isMounted("/mnt", table)).to.equal(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the writer's SQL only takes an instance-id-shaped value", () => {
    expect(writerSql("i-0abc")).to.contain("VALUES ('i-0abc', NOW(3))");
    expect(() => writerSql("x'); DROP TABLE t; --")).to.throw(/unexpected instance id/);
  });

  it("ships every compiled module, without source-map comments", () => {
    const files = appFiles();
    expect(Object.keys(files)).to.deep.equal([...APP_MODULES]);
    for (const [file, text] of Object.entries(files)) {
      expect(text, file).not.to.contain("sourceMappingURL");
      expect(text.length, file).to.be.greaterThan(100);
    }
    expect(files["server.js"]).to.contain('require("./database")');
  });
});
