import { randomBytes } from "node:crypto";
import { describeGroup, inService } from "../fleet";
import { skipped, verdict } from "../outcome";
import { runShell, SSM_ACTIONS } from "../ssm";
import type { Scenario } from "../types";

/**
 * The shared static files (TEAM.md contract: `/mnt/efs/static`; WebFleet mounts its EFS at `EFS_MOUNT_POINT`,
 * which a stack test compares). Not imported from web-fleet: that would load Pulumi into the verify command.
 */
export const SHARED_STATIC_DIR = "/mnt/efs/static";

/** Seed 003: a file written on EFS from one server is read from another (SSM Run Command on both). */
export const efsSharedScenario: Scenario = {
  id: "efs-shared",
  title: "A file written on EFS by one instance is read by another",
  chaos: false,
  actions: ["autoscaling:DescribeAutoScalingGroups", ...SSM_ACTIONS],
  async run(ctx) {
    if (!ctx.outputs.fileSystemId) return skipped("the fleet has no shared file system");
    const [writer, reader] = inService(await describeGroup(ctx));
    if (!writer || !reader) return verdict(false, "fewer than 2 instances in service", "2 instances");
    // Hex only: safe inside the shell command without quoting.
    const token = randomBytes(8).toString("hex");
    const file = `${SHARED_STATIC_DIR}/.cloudblocks-verify-${token}`;
    const removal = ctx.cleanup.register(`remove ${file}`, async () => {
      await runShell(ctx, writer, [`rm -f ${file}`], "remove the test file");
    });
    const wrote = await runShell(
      ctx,
      writer,
      [`set -e`, `printf %s ${token} > ${file}`],
      "write a test file",
    );
    const read = await runShell(ctx, reader, [`cat ${file}`, `rm -f ${file}`], "read the test file");
    if (read.exitCode === 0) removal.done();
    return verdict(
      wrote.exitCode === 0 && read.exitCode === 0 && read.stdout === token,
      `${writer} wrote (exit ${wrote.exitCode}), ${reader} read ${JSON.stringify(read.stdout.slice(0, 40))} (exit ${read.exitCode})`,
      `${reader} reads the ${token.length}-character token ${writer} wrote under ${SHARED_STATIC_DIR}`,
      [wrote.stderr, read.stderr].filter((s) => s.length > 0),
    );
  },
};
