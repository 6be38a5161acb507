import { describeGroup, healthyIds, inService, targetHealth } from "../fleet";
import type { ScenarioContext } from "../types";
import { waitFor } from "../wait";

/** Undo steps run after an interrupt, so they must not inherit the aborted signal. */
export function restoreContext(ctx: ScenarioContext): ScenarioContext {
  return { ...ctx, signal: undefined };
}

/**
 * Waits until `victim` has left the group (terminated or terminating) and the group is back to `desired`
 * healthy targets; marks `restore` done as soon as the victim is gone (nothing left to undo on it).
 * Returns the id of an instance that was not in `before`: the replacement.
 */
export async function awaitReplacement(
  ctx: ScenarioContext,
  victim: string,
  before: readonly string[],
  desired: number,
  restore: { done(): void },
): Promise<{ value: string | undefined; elapsedMs: number }> {
  return waitFor(
    `${victim} replaced`,
    async () => {
      const group = await describeGroup(ctx);
      const serving = inService(group);
      const gone = !serving.includes(victim);
      if (gone) restore.done();
      const healthy = healthyIds(await targetHealth(ctx)).filter(
        (id) => id !== victim && serving.includes(id),
      );
      const fresh = healthy.find((id) => !before.includes(id));
      return {
        done: gone && healthy.length >= desired && fresh !== undefined,
        value: fresh,
        seen: `${victim} ${gone ? "gone" : "still in service"}, ${healthy.length}/${desired} healthy`,
      };
    },
    { ...ctx, timeoutMs: ctx.timeouts.replaceMs, intervalMs: ctx.timeouts.pollMs },
  );
}
