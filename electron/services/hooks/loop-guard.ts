/**
 * Attributes file changes to the hook runs in progress (or just ended), so a hook never retriggers itself —
 * nor through another hook (A's change triggers B, B's change would trigger A): each run carries the chain of
 * hooks that led to it, and changes seen during the run are attributed to that whole chain.
 */
export class LoopGuard {
  private readonly active = new Set<{ chain: Set<string>; endedAt?: number }>();

  constructor(private readonly graceMs: number) {}

  begin(chain: Set<string>): { end(): void } {
    const entry: { chain: Set<string>; endedAt?: number } = { chain };
    this.active.add(entry);
    return {
      end: () => {
        entry.endedAt = Date.now();
      },
    };
  }

  /** The hooks that changes seen now are attributed to. */
  currentChain(now = Date.now()): Set<string> {
    const out = new Set<string>();
    for (const entry of this.active) {
      if (entry.endedAt !== undefined && now - entry.endedAt > this.graceMs) {
        this.active.delete(entry);
        continue;
      }
      for (const id of entry.chain) out.add(id);
    }
    return out;
  }
}
