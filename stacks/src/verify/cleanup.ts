/**
 * What a destructive scenario must undo if the run stops early (SIGINT, a failed wait): each step registers
 * its undo right after doing it and marks it done once the system has restored itself. Undo runs newest
 * first, each at most once, and one failing undo does not stop the others.
 */
export class Cleanup {
  private readonly pending = new Map<number, { label: string; undo: () => Promise<void> }>();
  private next = 0;

  register(label: string, undo: () => Promise<void>): { done(): void } {
    const id = this.next++;
    this.pending.set(id, { label, undo });
    return { done: () => void this.pending.delete(id) };
  }

  get size(): number {
    return this.pending.size;
  }

  /** Runs every pending undo; returns one line per undo (what was restored, or why it failed). */
  async runAll(): Promise<string[]> {
    const lines: string[] = [];
    for (const id of [...this.pending.keys()].reverse()) {
      const step = this.pending.get(id)!;
      this.pending.delete(id);
      try {
        await step.undo();
        lines.push(`restored: ${step.label}`);
      } catch (error) {
        lines.push(`FAILED to restore ${step.label}: ${(error as Error).message}`);
      }
    }
    return lines;
  }
}
