import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KeelError, type ChangeConflict, type ReviewDetail, type ReviewStatus, type ReviewSummary } from '../../../protocol';
import { Emitter } from '../../base/emitter';
import { defineFolderService } from '../app/folder-service';
import { applyAtomically, AtomicApplyError, type AtomicIo } from './atomic-apply';
import { rebaseOnDisk, toDetail, toSummary } from './review-view';
import {
  createReviewState,
  decide,
  editProposed,
  findFile,
  outcomeOf,
  resultOf,
  ReviewInputError,
  ReviewSource,
  type ProposedChange,
  type ReviewOutcome,
  type ReviewState,
} from './review-state';
import { decodeOrNull, sameBytes, toBytes } from './disk-bytes';
import { isReviewId, ReviewStore } from './review-store';
import { recoverInterruptedApplies } from './crash-recovery';
import type { HunkDecision } from './hunks';

export type { ReviewOutcome, ReviewSource } from './review-state';

/** What register() needs of the agent's changeset (agent/changeset `Changeset`). */
export interface ChangesetLike {
  list(): ProposedChange[];
}

export interface ChangeReviewDeps {
  /** Confines a workspace-relative path and makes it absolute (WorkspaceFs.resolve). */
  resolve(rel: string): Promise<string>;
  store: ReviewStore;
  /** Broadcast to renderers (`changes/updated`). */
  emit?(update: { id: string; status: ReviewStatus }): void;
  /** Keel's own temp files, hidden from the watcher (WorkspaceFs.ownTempFiles). */
  tempFiles?: { add(abs: string): void; releaseLater(abs: string): void };
  io?: AtomicIo;
  now?: () => number;
  /** Crash safety: where applies journal their plan (`<userData>/changes/<workspace>/journal`). */
  journalDir?: string;
  /** The workspace folder: temp files killed saves and applies left there are removed when it opens. */
  root?: string;
}

interface Entry {
  state: ReviewState;
  recovered: boolean;
  settled: Promise<ReviewOutcome>;
  settle(outcome: ReviewOutcome): void;
}

/** Settled reviews kept on disk (for Revert after a restart); older ones are forgotten. */
const KEEP_SETTLED = 20;

/**
 * Pending changesets of the open folder under review: per-file and per-hunk decisions, the user's edits of the
 * proposed side, an all-or-nothing apply that never overwrites a file changed on disk since the agent read it,
 * and Revert. Every change of state is saved before it is announced, so a killed Keel comes back with the same
 * reviews (a pending one is offered again; the task runner is told through `onDidSettle` when it is decided).
 */
export class ChangeReviewService {
  private readonly entries = new Map<string, Entry>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly settledEmitter = new Emitter<{ id: string; source: ReviewSource; outcome: ReviewOutcome }>();
  private readonly revertedEmitter = new Emitter<{ id: string; source: ReviewSource }>();
  /** Fired once a review is decided (also for one recovered after a restart, which has no `settled` waiter). */
  readonly onDidSettle = this.settledEmitter.event;
  readonly onDidRevert = this.revertedEmitter.event;
  /** Saved reviews that could not be read (moved aside); for a notification. */
  problems: string[] = [];
  readonly ready: Promise<void>;

  constructor(private readonly deps: ChangeReviewDeps) {
    this.ready = this.load();
  }

  register(input: { changeset: ChangesetLike; source: ReviewSource; summary: string }): { id: string; settled: Promise<ReviewOutcome> } {
    const source = ReviewSource.safeParse(input.source);
    if (!source.success) throw new KeelError('BAD_REQUEST', `Bad change source: ${source.error.issues[0]?.message}`);
    const id = `cs-${randomBytes(6).toString('hex')}`;
    const state = createReviewState(id, input.changeset.list(), source.data, input.summary, this.now());
    const entry = this.track(state, false);
    if (state.files.length === 0) {
      // Nothing to review: settled at once, never saved.
      state.status = 'applied';
      state.outcome = { status: 'applied', files: [] };
      entry.settle(state.outcome);
      return { id, settled: entry.settled };
    }
    void this.exclusive(async () => {
      await this.persist(entry);
      this.announce(state);
    }).catch((err) => console.error('Keel: could not save a change review:', err));
    return { id, settled: entry.settled };
  }

  /** The outcome of any review of this folder (registered by someone else, or recovered after a restart). */
  async whenSettled(id: string): Promise<ReviewOutcome> {
    await this.ready;
    return this.require(id).settled;
  }

  /** Also waits for the saved reviews to load, so `problems` is complete once it answers. */
  async list(): Promise<ReviewSummary[]> {
    await this.ready;
    return [...this.entries.values()].map((e) => toSummary(e.state, e.recovered)).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Queued behind the changes asked for before it, so a refresh never returns a state older than they are. */
  get(id: string): Promise<ReviewDetail> {
    return this.exclusive(async () => {
      const entry = this.require(id);
      return toDetail(entry.state, entry.recovered, await this.diskChanges(entry.state));
    });
  }

  decide(id: string, decision: HunkDecision, path?: string, hunk?: number): Promise<ReviewDetail> {
    return this.mutate(id, (state) => decide(state, decision, path, hunk));
  }

  editProposed(id: string, path: string, text: string): Promise<ReviewDetail> {
    return this.mutate(id, (state) => editProposed(state, path, text));
  }

  /** All accepted hunks of all files, or nothing; conflicts (files changed on disk) stop it before any write. */
  apply(id: string, options: { acceptAll?: boolean } = {}): Promise<{ applied: boolean; outcome?: ReviewOutcome; conflicts: ChangeConflict[] }> {
    return this.exclusive(async () => {
      const entry = this.requirePending(id);
      const state = structuredClone(entry.state);
      if (options.acceptAll) decide(state, 'accepted');
      const writes = state.files.flatMap((file) => {
        const after = resultOf(file);
        return after === undefined ? [] : [{ file, after }];
      });
      const conflicts: ChangeConflict[] = [];
      for (const { file } of writes) {
        const theirs = await this.readDisk(file.path);
        if (!sameBytes(theirs, file.original)) conflicts.push({ path: file.path, base: file.original, theirs: decodeOrNull(theirs), mine: file.proposed });
      }
      if (conflicts.length > 0) {
        this.announce(state);
        return { applied: false, conflicts };
      }
      state.applied = { at: this.now(), files: writes.map((w) => ({ path: w.file.path, before: w.file.original, after: w.after })), reverted: false };
      const outcome = outcomeOf(state);
      if (writes.length > 0) {
        // The commit point: once the review is saved as applied, a crash finishes this apply instead of undoing it.
        const done: ReviewState = { ...state, status: outcome.status, outcome };
        await this.write(`apply:${id}`, writes.map((w) => ({ path: w.file.path, text: w.after })), () => this.deps.store.save(done));
      }
      await this.finish(entry, state, outcome);
      return { applied: true, outcome, conflicts: [] };
    });
  }

  /** Reject all: nothing written, settled as rejected. */
  reject(id: string): Promise<ReviewOutcome> {
    return this.close(id, 'rejected');
  }

  /** Dropped without a decision (e.g. a change recovered after a restart). */
  discard(id: string): Promise<ReviewOutcome> {
    return this.close(id, 'discarded');
  }

  /** Puts applied files back to their bytes before the apply; refuses when one changed after the apply. */
  revert(id: string): Promise<{ reverted: boolean; conflicts: ChangeConflict[] }> {
    return this.exclusive(async () => {
      await this.ready;
      const entry = this.require(id);
      const applied = entry.state.applied;
      if (!applied || applied.reverted) throw new KeelError('BAD_REQUEST', 'This change has not been applied, or was already reverted');
      const conflicts: ChangeConflict[] = [];
      for (const file of applied.files) {
        const now = await this.readDisk(file.path);
        if (!sameBytes(now, file.after)) conflicts.push({ path: file.path, base: file.after, theirs: decodeOrNull(now), mine: file.before });
      }
      if (conflicts.length > 0) return { reverted: false, conflicts };
      const state = structuredClone(entry.state);
      state.applied = { ...applied, reverted: true };
      await this.write(`revert:${id}`, applied.files.map((f) => ({ path: f.path, text: f.before })), () => this.deps.store.save(state));
      entry.state = state;
      await this.persist(entry);
      this.announce(state);
      this.revertedEmitter.fire({ id, source: state.source });
      return { reverted: true, conflicts: [] };
    });
  }

  /** The three versions of a file for the conflict view. */
  async conflict(id: string, path: string): Promise<ChangeConflict> {
    await this.ready;
    const file = findOrBadRequest(this.require(id).state, path);
    return { path, base: file.original, theirs: decodeOrNull(await this.readDisk(path)), mine: file.proposed };
  }

  /**
   * rebase: the disk version becomes the base and the proposal is re-applied on it (merged when jsdiff can patch it
   * cleanly; otherwise the hunks compare the disk version with the proposal and say so); keepDisk: drop the file.
   */
  resolveConflict(id: string, path: string, action: 'rebase' | 'keepDisk'): Promise<{ merged: boolean; review: ReviewDetail }> {
    let merged = false;
    return this.mutate(id, async (state) => {
      const file = findOrBadRequest(state, path);
      const theirs = decodeOrNull(await this.readDisk(path));
      merged = action === 'rebase' ? rebaseOnDisk(file, theirs) : (Object.assign(file, { original: theirs, proposed: theirs, decisions: [], note: 'Kept the version on disk.' }), false);
    }).then((review) => ({ merged, review }));
  }

  /** The folder is closing: let pending writes of the store finish. */
  async dispose(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  private async load(): Promise<void> {
    let { states, problems } = await this.deps.store.loadAll();
    if (this.deps.journalDir) {
      const recovery = await recoverInterruptedApplies(this.deps.journalDir, states, this.deps.root);
      problems = [...problems, ...recovery.problems];
      // A rolled-back apply's review is pending again on disk; a finished one was saved as applied: reload.
      if (recovery.changed) states = (await this.deps.store.loadAll()).states;
    }
    this.problems = problems;
    for (const state of states) {
      if (this.entries.has(state.id)) continue;
      const entry = this.track(state, state.status === 'pending');
      if (state.outcome) entry.settle(state.outcome);
    }
  }

  private track(state: ReviewState, recovered: boolean): Entry {
    let settle: (outcome: ReviewOutcome) => void = () => undefined;
    const settled = new Promise<ReviewOutcome>((resolve) => (settle = resolve));
    const entry: Entry = { state, recovered, settled, settle };
    this.entries.set(state.id, entry);
    return entry;
  }

  private mutate(id: string, change: (state: ReviewState) => void | Promise<void>): Promise<ReviewDetail> {
    return this.exclusive(async () => {
      const entry = this.requirePending(id);
      // Changed on a copy: a refused change (bad hunk index, unwritable store) leaves the review as it was.
      const state = structuredClone(entry.state);
      try {
        await change(state);
      } catch (err) {
        if (err instanceof ReviewInputError) throw new KeelError('BAD_REQUEST', err.message);
        throw err;
      }
      const previous = entry.state;
      entry.state = state;
      try {
        await this.persist(entry);
      } catch (err) {
        entry.state = previous;
        throw new KeelError('IO', `Could not save the review: ${(err as Error).message}`);
      }
      this.announce(state);
      return toDetail(state, entry.recovered, await this.diskChanges(state));
    });
  }

  private close(id: string, status: 'rejected' | 'discarded'): Promise<ReviewOutcome> {
    return this.exclusive(async () => {
      const entry = this.requirePending(id);
      const state = structuredClone(entry.state);
      if (status === 'rejected') decide(state, 'rejected');
      const outcome: ReviewOutcome = { status, files: outcomeOf(state).files.map((f) => ({ ...f, hunksApplied: 0 })) };
      await this.finish(entry, state, outcome);
      return outcome;
    });
  }

  private async finish(entry: Entry, state: ReviewState, outcome: ReviewOutcome): Promise<void> {
    state.status = outcome.status;
    state.outcome = outcome;
    entry.state = state;
    // Nothing to revert for a change that wrote nothing: its saved copy goes.
    if (state.applied) await this.persist(entry);
    else await this.deps.store.remove(state.id);
    await this.prune();
    this.announce(state);
    entry.settle(outcome);
    this.settledEmitter.fire({ id: state.id, source: state.source, outcome });
  }

  private async prune(): Promise<void> {
    const settled = [...this.entries.values()].filter((e) => e.state.status !== 'pending').sort((a, b) => b.state.createdAt - a.state.createdAt);
    for (const old of settled.slice(KEEP_SETTLED)) {
      this.entries.delete(old.state.id);
      await this.deps.store.remove(old.state.id);
    }
  }

  private async persist(entry: Entry): Promise<void> {
    if (entry.state.files.length > 0) await this.deps.store.save(entry.state);
  }

  private announce(state: ReviewState): void {
    this.deps.emit?.({ id: state.id, status: state.status });
  }

  /** Paths of the pending files whose disk content no longer matches what the agent read. */
  private async diskChanges(state: ReviewState): Promise<Set<string>> {
    const changed = new Set<string>();
    if (state.status !== 'pending') return changed;
    for (const file of state.files) if (!sameBytes(await this.readDisk(file.path), file.original)) changed.add(file.path);
    return changed;
  }

  /** Announces pending reviews touching these paths (the UI re-checks them for conflicts). */
  filesChanged(paths: readonly string[]): void {
    const touched = new Set(paths);
    for (const { state } of this.entries.values()) {
      if (state.status === 'pending' && state.files.some((f) => touched.has(f.path))) this.announce(state);
    }
  }

  private async readDisk(rel: string): Promise<Buffer | null> {
    const abs = await this.deps.resolve(rel);
    try {
      return await readFile(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new KeelError('IO', `Could not read ${rel}: ${(err as Error).message}`);
    }
  }

  /** All files or none (see applyAtomically); a failure is an IO error saying nothing changed. */
  private async write(tag: string, files: { path: string; text: string | null }[], commit: () => Promise<void>): Promise<void> {
    const targets = await Promise.all(files.map(async (f) => ({ abs: await this.deps.resolve(f.path), bytes: toBytes(f.text) })));
    try {
      await applyAtomically(targets, {
        io: this.deps.io,
        onTempFile: (abs, phase) => this.noteTemp(abs, phase),
        commit,
        ...(this.deps.journalDir ? { journal: { dir: this.deps.journalDir, tag } } : {}),
      });
    } catch (err) {
      if (err instanceof AtomicApplyError) throw new KeelError('IO', err.message);
      throw err;
    }
  }

  private noteTemp(abs: string, phase: 'created' | 'released'): void {
    if (phase === 'created') this.deps.tempFiles?.add(abs);
    else this.deps.tempFiles?.releaseLater(abs);
  }

  private require(id: string): Entry {
    const entry = isReviewId(id) ? this.entries.get(id) : undefined;
    if (!entry) throw new KeelError('NOT_FOUND', `No change review ${JSON.stringify(id)} (it may have been discarded)`);
    return entry;
  }

  private requirePending(id: string): Entry {
    const entry = this.require(id);
    if (entry.state.status !== 'pending') throw new KeelError('CONFLICT', `This change was already ${entry.state.status}`);
    return entry;
  }

  /** One operation at a time: an apply never interleaves with a decision or another apply. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(async () => {
      await this.ready;
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function findOrBadRequest(state: ReviewState, path: string) {
  try {
    return findFile(state, path);
  } catch (err) {
    throw new KeelError('BAD_REQUEST', (err as Error).message);
  }
}

/** The open folder's change review (created on first use; the agent host registers changesets with it). */
export const changeReviewKey = defineFolderService('changeReview', (ctx) => {
  const store = ReviewStore.forWorkspace(ctx.userDataDir, ctx.workspace.root);
  const service = new ChangeReviewService({
    resolve: (rel) => ctx.workspace.fs.resolve(rel),
    store,
    journalDir: path.join(store.dir, 'journal'),
    root: ctx.workspace.root,
    emit: (update) => ctx.emit('changes/updated', update),
    tempFiles: ctx.workspace.fs.ownTempFiles,
  });
  const watching = ctx.workspace.onDidChangeFiles((changes) => service.filesChanged(changes.map((c) => c.path)));
  const dispose = service.dispose.bind(service);
  service.dispose = async () => {
    watching.dispose();
    await dispose();
  };
  return service;
});
