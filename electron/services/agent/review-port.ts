import { randomUUID } from 'node:crypto';
import type { Changeset, WorkspaceAccess } from '../../../agent';
import { KeelError } from '../../../protocol';

export interface ReviewOutcome {
  status: 'applied' | 'partial' | 'rejected' | 'discarded';
  files: { path: string; hunksApplied: number; hunksTotal: number }[];
}

/** The change-review service's `register` (S2-TEAM promise 2), as the agent host uses it. */
export interface ReviewPort {
  register(input: {
    changeset: Changeset;
    source: { kind: 'chat' | 'task'; sessionId: string; specDir?: string; taskId?: string };
    summary: string;
  }): { id: string; settled: Promise<ReviewOutcome> };
}

/**
 * Holds changesets in memory and applies or rejects them whole: the stand-in while the review service is not
 * wired. Accepting is conflict-checked per file (a file the user changed meanwhile is not overwritten).
 */
export class InMemoryReview implements ReviewPort {
  private readonly held = new Map<string, { changeset: Changeset; settle: (o: ReviewOutcome) => void }>();

  constructor(private readonly workspace: WorkspaceAccess) {}

  register(input: Parameters<ReviewPort['register']>[0]): { id: string; settled: Promise<ReviewOutcome> } {
    const id = randomUUID();
    const settled = new Promise<ReviewOutcome>((settle) => this.held.set(id, { changeset: input.changeset, settle }));
    return { id, settled };
  }

  async accept(id: string): Promise<ReviewOutcome> {
    const entry = this.take(id);
    const total = entry.changeset.list().length;
    const { applied } = await entry.changeset.accept(this.workspace);
    const outcome: ReviewOutcome = {
      status: applied.length === total ? 'applied' : applied.length === 0 ? 'rejected' : 'partial',
      files: applied.map((path) => ({ path, hunksApplied: 1, hunksTotal: 1 })),
    };
    entry.settle(outcome);
    return outcome;
  }

  reject(id: string): ReviewOutcome {
    const entry = this.take(id);
    entry.changeset.reject();
    const outcome: ReviewOutcome = { status: 'rejected', files: [] };
    entry.settle(outcome);
    return outcome;
  }

  private take(id: string) {
    const entry = this.held.get(id);
    if (!entry) throw new KeelError('NOT_FOUND', `No pending changeset ${id}`);
    this.held.delete(id);
    return entry;
  }
}
