import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkspaceFs } from '../workspace/workspace-fs';
import { nodeIo, type AtomicIo } from './atomic-apply';
import { ChangeReviewService, type ChangesetLike } from './change-review';
import { ReviewStore } from './review-store';

const SOURCE = { kind: 'task', sessionId: 's1', specDir: '.kiro/specs/demo', taskId: '2.1' } as const;

interface Setup {
  root: string;
  userData: string;
  service: ChangeReviewService;
  events: string[];
  reopen(io?: AtomicIo): ChangeReviewService;
}

async function setup(files: Record<string, string | Buffer>, io?: AtomicIo): Promise<Setup> {
  const root = await mkdtemp(path.join(tmpdir(), 'keel-review-ws-'));
  const userData = await mkdtemp(path.join(tmpdir(), 'keel-review-ud-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(root, name), content);
  const fs = await WorkspaceFs.open(root);
  const events: string[] = [];
  const reopen = (withIo?: AtomicIo) =>
    new ChangeReviewService({
      resolve: (rel) => fs.resolve(rel),
      store: ReviewStore.forWorkspace(userData, fs.root),
      emit: ({ status }) => events.push(status),
      io: withIo,
    });
  return { root, userData, service: reopen(io), events, reopen };
}

/** What the agent left in its changeset: the file as it read it and its version. */
function changeset(...changes: [string, string | null, string | null][]): ChangesetLike {
  return { list: () => changes.map(([p, original, proposed]) => ({ path: p, original, proposed })) };
}

const read = (root: string, rel: string) => readFile(path.join(root, rel));

const ORIGINAL = 'one\ntwo\nthree\nfour\nfive\nsix\n';
const PROPOSED = 'one\nTWO\nthree\nfour\nfive\nsix\nseven\n';

describe('ChangeReviewService', () => {
  it('accept one hunk, reject another: exactly that hunk lands on disk and the outcome says partial', async () => {
    const { root, service } = await setup({ 'a.txt': ORIGINAL });
    const { id, settled } = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: 'Uppercase two, add seven' });
    const review = await service.get(id);
    expect(review.summary).toBe('Uppercase two, add seven');
    expect(review.files.map((f) => [f.path, f.added, f.removed, f.hunks.length])).toEqual([['a.txt', 2, 1, 2]]);
    await service.decide(id, 'accepted', 'a.txt', 0);
    await service.decide(id, 'rejected', 'a.txt', 1);
    expect(await service.apply(id)).toMatchObject({ applied: true, conflicts: [] });
    expect((await read(root, 'a.txt')).toString()).toBe('one\nTWO\nthree\nfour\nfive\nsix\n');
    expect(await settled).toEqual({ status: 'partial', files: [{ path: 'a.txt', hunksApplied: 1, hunksTotal: 2 }] });
  });

  it('applies creations and deletions with the rest, and leaves undecided hunks out', async () => {
    const { root, service } = await setup({ 'a.txt': ORIGINAL, 'old.txt': 'old\n' });
    const { id, settled } = service.register({
      changeset: changeset(['a.txt', ORIGINAL, PROPOSED], ['src/new.ts', null, 'export {};\n'], ['old.txt', 'old\n', null], ['skip.txt', null, 'x\n']),
      source: SOURCE,
      summary: '',
    });
    await service.decide(id, 'accepted', 'src/new.ts');
    await service.decide(id, 'accepted', 'old.txt');
    await service.decide(id, 'accepted', 'a.txt', 1);
    await service.apply(id);
    expect((await readdir(root)).sort()).toEqual(['a.txt', 'src']);
    expect((await read(root, 'src/new.ts')).toString()).toBe('export {};\n');
    expect((await read(root, 'a.txt')).toString()).toBe(`${ORIGINAL}seven\n`);
    expect((await settled).status).toBe('partial');
  });

  it('Accept all writes everything; Reject all writes nothing and settles as rejected', async () => {
    const { root, service } = await setup({ 'a.txt': ORIGINAL });
    const first = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: '' });
    await service.reject(first.id);
    expect((await first.settled).status).toBe('rejected');
    expect((await read(root, 'a.txt')).toString()).toBe(ORIGINAL);
    const second = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: '' });
    await service.apply(second.id, { acceptAll: true });
    expect((await read(root, 'a.txt')).toString()).toBe(PROPOSED);
    expect((await second.settled).status).toBe('applied');
    await expect(service.apply(second.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a failing write changes no file and keeps the review pending for another try', async () => {
    const failingRename: AtomicIo = {
      ...nodeIo,
      rename: (from, to) => (to.endsWith('b.txt') ? Promise.reject(new Error('EIO: disk gone')) : nodeIo.rename(from, to)),
    };
    const { root, service, reopen } = await setup({ 'a.txt': 'a\n', 'b.txt': 'b\n' }, failingRename);
    const { id } = service.register({ changeset: changeset(['a.txt', 'a\n', 'A\n'], ['b.txt', 'b\n', 'B\n']), source: SOURCE, summary: '' });
    await expect(service.apply(id, { acceptAll: true })).rejects.toMatchObject({ code: 'IO', message: expect.stringMatching(/Nothing was changed/) });
    expect((await read(root, 'a.txt')).toString()).toBe('a\n');
    expect((await read(root, 'b.txt')).toString()).toBe('b\n');
    expect((await service.get(id)).status).toBe('pending');
    await service.dispose();
    const healthy = reopen();
    expect(await healthy.apply(id, { acceptAll: true })).toMatchObject({ applied: true });
    expect((await read(root, 'b.txt')).toString()).toBe('B\n');
  });

  it('a file edited on disk during review is a conflict: nothing is overwritten, three versions come back', async () => {
    const { root, service } = await setup({ 'a.txt': ORIGINAL, 'b.txt': 'b\n' });
    const { id } = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED], ['b.txt', 'b\n', 'B\n']), source: SOURCE, summary: '' });
    const theirs = ORIGINAL.replace('four', 'FOUR (user)');
    await writeFile(path.join(root, 'a.txt'), theirs);
    expect((await service.get(id)).files.map((f) => f.changedOnDisk)).toEqual([true, false]);
    const result = await service.apply(id, { acceptAll: true });
    expect(result.applied).toBe(false);
    expect(result.conflicts).toEqual([{ path: 'a.txt', base: ORIGINAL, theirs, mine: PROPOSED }]);
    expect((await read(root, 'a.txt')).toString()).toBe(theirs);
    expect((await read(root, 'b.txt')).toString()).toBe('b\n');
    // Review again on the disk version: the agent's change merges onto the user's.
    const { merged, review } = await service.resolveConflict(id, 'a.txt', 'rebase');
    expect(merged).toBe(true);
    expect(review.files[0]).toMatchObject({ changedOnDisk: false, original: theirs });
    await service.apply(id, { acceptAll: true });
    expect((await read(root, 'a.txt')).toString()).toBe('one\nTWO\nthree\nFOUR (user)\nfive\nsix\nseven\n');
  });

  it('a conflict that cannot merge says so; keeping the disk version drops that file from the apply', async () => {
    const { root, service } = await setup({ 'a.txt': ORIGINAL, 'b.txt': 'b\n' });
    const { id } = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED], ['b.txt', 'b\n', 'B\n']), source: SOURCE, summary: '' });
    await writeFile(path.join(root, 'a.txt'), ORIGINAL.replace('two', 'two (user)'));
    const rebased = await service.resolveConflict(id, 'a.txt', 'rebase');
    expect(rebased.merged).toBe(false);
    expect(rebased.review.files[0]?.note).toMatch(/could not be merged/);
    const kept = await service.resolveConflict(id, 'a.txt', 'keepDisk');
    expect(kept.review.files[0]).toMatchObject({ hunks: [], changedOnDisk: false });
    await service.apply(id, { acceptAll: true });
    expect((await read(root, 'a.txt')).toString()).toBe(ORIGINAL.replace('two', 'two (user)'));
    expect((await read(root, 'b.txt')).toString()).toBe('B\n');
  });

  it('keeps a BOM, CRLF line ends and the untouched bytes exact', async () => {
    const original = '\uFEFFalpha\r\nbeta\r\ngamma\r\ndelta\r\n';
    const { root, service } = await setup({ 'w.txt': Buffer.from(original, 'utf8') });
    // The model answers with LF and without the BOM.
    const { id } = service.register({ changeset: changeset(['w.txt', original, 'ALPHA\nbeta\ngamma\nDELTA\n']), source: SOURCE, summary: '' });
    expect((await service.get(id)).files[0]?.hunks).toHaveLength(2);
    await service.decide(id, 'rejected', 'w.txt', 0);
    await service.decide(id, 'accepted', 'w.txt', 1);
    await service.apply(id);
    expect(await read(root, 'w.txt')).toEqual(Buffer.from('\uFEFFalpha\r\nbeta\r\ngamma\r\nDELTA\r\n', 'utf8'));
  });

  it('keeps the user’s edit of the proposed side and the decisions of hunks the edit did not touch', async () => {
    const { root, service } = await setup({ 'a.txt': ORIGINAL });
    const { id } = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: '' });
    await service.decide(id, 'rejected', 'a.txt', 0);
    const edited = await service.editProposed(id, 'a.txt', 'one\nTWO\nthree\nfour\nfive\nsix\nseven (edited)\n');
    expect(edited.files[0]?.hunks.map((h) => h.decision)).toEqual(['rejected', 'accepted']);
    await service.apply(id);
    expect((await read(root, 'a.txt')).toString()).toBe(`${ORIGINAL}seven (edited)\n`);
  });

  it('survives a restart: a pending review comes back with its decisions and can be applied or discarded', async () => {
    const { root, service, reopen } = await setup({ 'a.txt': ORIGINAL });
    const kept = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: 'kept' });
    const dropped = service.register({ changeset: changeset(['a.txt', ORIGINAL, 'other\n']), source: SOURCE, summary: 'dropped' });
    await service.decide(kept.id, 'accepted', 'a.txt', 1);
    await service.dispose();

    const restarted = reopen();
    const settled: string[] = [];
    restarted.onDidSettle(({ id, source, outcome }) => settled.push(`${id === kept.id ? 'kept' : 'dropped'}:${source.taskId}:${outcome.status}`));
    const listed = await restarted.list();
    expect(listed.map((r) => [r.summary, r.status, r.recovered]).sort()).toEqual([
      ['dropped', 'pending', true],
      ['kept', 'pending', true],
    ]);
    expect((await restarted.get(kept.id)).files[0]?.hunks.map((h) => h.decision)).toEqual(['pending', 'accepted']);
    const keptOutcome = restarted.whenSettled(kept.id);
    await restarted.discard(dropped.id);
    await restarted.apply(kept.id);
    expect((await keptOutcome).status).toBe('partial');
    expect((await restarted.whenSettled(dropped.id)).status).toBe('discarded');
    expect((await read(root, 'a.txt')).toString()).toBe(`${ORIGINAL}seven\n`);
    expect(settled).toEqual(['dropped:2.1:discarded', 'kept:2.1:partial']);
    // After another restart the discarded one is gone and the applied one can still be reverted.
    await restarted.dispose();
    const again = reopen();
    expect((await again.list()).map((r) => [r.summary, r.canRevert])).toEqual([['kept', true]]);
    await again.revert(kept.id);
    expect((await read(root, 'a.txt')).toString()).toBe(ORIGINAL);
    expect((await again.get(kept.id))).toMatchObject({ canRevert: false, reverted: true });
  });

  it('revert refuses to overwrite a file changed after the apply', async () => {
    const { root, service } = await setup({ 'a.txt': ORIGINAL });
    const { id } = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: '' });
    await service.apply(id, { acceptAll: true });
    await writeFile(path.join(root, 'a.txt'), 'later edit\n');
    const result = await service.revert(id);
    expect(result).toMatchObject({ reverted: false, conflicts: [{ path: 'a.txt', theirs: 'later edit\n', mine: ORIGINAL }] });
    expect((await read(root, 'a.txt')).toString()).toBe('later edit\n');
  });

  it('answers bad requests with clear errors and announces every change', async () => {
    const { service, events } = await setup({ 'a.txt': ORIGINAL });
    const { id } = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: '' });
    await expect(service.decide(id, 'accepted', 'a.txt', 7)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'a.txt has no hunk 8 (it has 2)' });
    await expect(service.decide(id, 'accepted', 'nope.txt')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(service.get('cs-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(() => service.register({ changeset: changeset(), source: { kind: 'robot' } as never, summary: '' })).toThrow(/Bad change source/);
    await service.decide(id, 'accepted');
    await service.apply(id);
    expect(events).toEqual(['pending', 'pending', 'applied']);
  });

  it('a saved review that cannot be read is moved aside, kept, and reported; the others still load', async () => {
    const { service, reopen, userData, root } = await setup({ 'a.txt': ORIGINAL });
    const { id } = service.register({ changeset: changeset(['a.txt', ORIGINAL, PROPOSED]), source: SOURCE, summary: 'ok' });
    await service.get(id);
    const store = ReviewStore.forWorkspace(userData, (await WorkspaceFs.open(root)).root);
    await writeFile(path.join(store.dir, 'cs-000000000000.json'), '{"version":1,"id":"cs-0000');
    const again = reopen();
    expect((await again.list()).map((r) => r.id)).toEqual([id]);
    expect(again.problems).toEqual([expect.stringContaining('(cs-000000000000.json) could not be read')]);
    expect((await readdir(store.dir)).some((n) => n.startsWith('cs-000000000000.json.corrupt-'))).toBe(true);
  });

  it('an empty changeset is settled at once as applied with no files', async () => {
    const { service } = await setup({});
    const { settled } = service.register({ changeset: changeset(['a.txt', 'same\n', 'same\n']), source: SOURCE, summary: '' });
    expect(await settled).toEqual({ status: 'applied', files: [] });
  });
});
