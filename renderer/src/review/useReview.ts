import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeConflict, HunkDecision, ReviewDetail } from '../../../protocol';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';

export interface ReviewHandle {
  detail: ReviewDetail | null;
  /** Why the review could not be loaded (e.g. discarded meanwhile). */
  error: string | null;
  busy: boolean;
  /** Files that stopped the last Apply because they changed on disk. */
  conflicts: ChangeConflict[];
  decide(decision: HunkDecision, path?: string, hunk?: number): Promise<void>;
  editProposed(path: string, text: string): Promise<void>;
  apply(acceptAll?: boolean): Promise<void>;
  reject(): Promise<void>;
  discard(): Promise<void>;
  revert(): Promise<void>;
  resolveConflict(path: string, action: 'rebase' | 'keepDisk'): Promise<void>;
  /** Registers what must be sent before an Apply (the diff's pending edit). */
  setFlush(flush: (() => Promise<void>) | null): void;
}

/**
 * One review's state from the main process: loaded once, re-read on every `changes/updated` for it (a decision
 * from the chat pane, a file changed on disk), and replaced by each mutation's answer. Answers that arrive out of
 * order never overwrite a newer one.
 */
export function useReview(id: string): ReviewHandle {
  const { client } = getServices();
  const [detail, setDetail] = useState<ReviewDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflicts, setConflicts] = useState<ChangeConflict[]>([]);
  const seq = useRef(0);
  const flushRef = useRef<(() => Promise<void>) | null>(null);

  const accept = useCallback((ticket: number, next: ReviewDetail) => {
    if (ticket !== seq.current) return;
    setDetail(next);
    setError(null);
  }, []);

  const refresh = useCallback(() => {
    const ticket = ++seq.current;
    client.request('changes/get', { id }).then(
      (next) => accept(ticket, next),
      (err: unknown) => ticket === seq.current && setError(err instanceof Error ? err.message : String(err)),
    );
  }, [client, id, accept]);

  useEffect(() => {
    refresh();
    return client.on('changes/updated', (event) => {
      if (event.id === id) refresh();
    });
  }, [client, id, refresh]);

  const run = useCallback(
    async (label: string, task: () => Promise<ReviewDetail | void>) => {
      setBusy(true);
      try {
        const ticket = ++seq.current;
        const next = await task();
        if (next) accept(ticket, next);
        else refresh();
      } catch (err) {
        notifyError(label, err);
        refresh();
      } finally {
        setBusy(false);
      }
    },
    [accept, refresh],
  );

  const flush = async () => {
    await flushRef.current?.();
  };
  // Stable: the diff registers its flush in an effect that must not re-run on every render.
  const setFlush = useCallback((fn: (() => Promise<void>) | null) => {
    flushRef.current = fn;
  }, []);

  return {
    detail,
    error,
    busy,
    conflicts,
    decide: (decision, path, hunk) => run('Could not record the decision', () => client.request('changes/decide', { id, decision, path, hunk })),
    editProposed: (path, text) => run('Could not keep your edit', () => client.request('changes/editProposed', { id, path, text })),
    apply: (acceptAll = false) =>
      run('Could not apply the change', async () => {
        await flush();
        const result = await client.request('changes/apply', { id, acceptAll });
        setConflicts(result.conflicts);
      }),
    reject: () => run('Could not reject the change', async () => void (await client.request('changes/reject', { id }))),
    discard: () => run('Could not discard the change', async () => void (await client.request('changes/discard', { id }))),
    revert: () =>
      run('Could not revert the change', async () => {
        const result = await client.request('changes/revert', { id });
        if (!result.reverted) {
          const paths = result.conflicts.map((c) => c.path).join(', ');
          throw new Error(`${paths} changed after the apply; revert would overwrite that, so nothing was reverted.`);
        }
      }),
    resolveConflict: (path, action) =>
      run('Could not resolve the conflict', async () => {
        const result = await client.request('changes/resolveConflict', { id, path, action });
        setConflicts((list) => list.filter((c) => c.path !== path));
        return result.review;
      }),
    setFlush,
  };
}
