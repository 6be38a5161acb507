import { get } from "../http";
import { verdict } from "../outcome";
import type { Scenario } from "../types";
import { siteTarget } from "./spread";

interface Check {
  readonly host?: string;
  readonly ok: boolean;
  readonly ms?: number;
  readonly error?: string;
}
/** The reference app's `GET /status` (TEAM.md contract). */
interface Status {
  readonly ok: boolean;
  readonly instanceId: string;
  readonly efs?: Record<string, { mounted: boolean; writable: boolean; ms?: number }>;
  readonly database?: { writer: Check; readers: Check[] };
}

/**
 * Seed 003 (EFS shared, master/replica): every instance the ALB reaches reports its shared files mounted and
 * writable and reaches the writer and every reader. Several new clients, so several instances answer.
 */
export const appStatusScenario: Scenario = {
  id: "app-status",
  title: "Each instance: EFS mounted, writer and replicas reachable (/status)",
  chaos: false,
  actions: [],
  async run(ctx) {
    const { scheme, host } = siteTarget(ctx);
    const expectEfs = Boolean(ctx.outputs.fileSystemId);
    const expectedReaders = ctx.outputs.dbReaderEndpoints?.length ?? 0;
    const byInstance = new Map<string, Status>();
    const problems: string[] = [];
    for (let i = 0; i < ctx.options.requests; i++) {
      const response = await get(ctx.http, scheme, host, "/status");
      let status: Status;
      try {
        status = JSON.parse(response.body) as Status;
      } catch {
        problems.push(`/status answered ${response.status} without JSON`);
        continue;
      }
      byInstance.set(status.instanceId, status);
      if (response.status !== (status.ok ? 200 : 503))
        problems.push(`/status ${response.status} with ok=${status.ok}`);
    }
    for (const [id, status] of byInstance) {
      if (!status.ok) problems.push(`${id}: ok=false`);
      if (expectEfs)
        for (const [share, efs] of Object.entries(status.efs ?? {}))
          if (!efs.mounted || !efs.writable)
            problems.push(`${id}: EFS ${share} mounted=${efs.mounted} writable=${efs.writable}`);
      if (expectEfs && !status.efs?.static) problems.push(`${id}: no EFS static share reported`);
      const db = status.database;
      if (!db?.writer.ok)
        problems.push(`${id}: writer ${db?.writer.host ?? "?"} ${db?.writer.error ?? "not ok"}`);
      for (const reader of db?.readers ?? [])
        if (!reader.ok) problems.push(`${id}: reader ${reader.host} ${reader.error ?? "not ok"}`);
      if ((db?.readers.length ?? 0) < expectedReaders)
        problems.push(`${id}: ${db?.readers.length ?? 0} readers, expected ${expectedReaders}`);
    }
    if (byInstance.size < 2) problems.push(`only ${byInstance.size} instance(s) answered /status`);
    const writerMs = [...byInstance.values()].map((s) => s.database?.writer.ms ?? 0);
    return verdict(
      problems.length === 0,
      `${byInstance.size} instances ok=${[...byInstance.values()].filter((s) => s.ok).length}; writer ≤ ${Math.max(0, ...writerMs)} ms`,
      `≥ 2 instances, ${expectEfs ? "EFS mounted and writable, " : ""}writer and ${expectedReaders} reader(s) reachable`,
      problems,
    );
  },
};
