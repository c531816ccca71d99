import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ReviewState } from './review-state';

const ID = /^cs-[0-9a-f]{12}$/;

export function isReviewId(id: string): boolean {
  return ID.test(id);
}

/**
 * Reviews of one workspace as JSON files in `<userData>/changes/<sha256(root)[:16]>/<id>.json`, so a changeset
 * still pending when Keel was killed is there after the restart, and an applied one can still be reverted.
 * Writes are atomic and serialized per review; an unreadable file is moved aside (never deleted) and reported.
 */
export class ReviewStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  static forWorkspace(userDataDir: string, root: string): ReviewStore {
    const key = createHash('sha256').update(root).digest('hex').slice(0, 16);
    return new ReviewStore(path.join(userDataDir, 'changes', key));
  }

  async loadAll(): Promise<{ states: ReviewState[]; problems: string[] }> {
    const states: ReviewState[] = [];
    const problems: string[] = [];
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return { states, problems };
    }
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const file = path.join(this.dir, name);
      try {
        const parsed = ReviewState.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (parsed.success && isReviewId(parsed.data.id)) {
          states.push(parsed.data);
          continue;
        }
        throw new Error(parsed.error?.issues[0]?.message ?? 'bad id');
      } catch (err) {
        const aside = `${file}.corrupt-${Date.now()}`;
        await rename(file, aside).catch(() => undefined);
        problems.push(`A saved change review (${name}) could not be read (${(err as Error).message}); kept as ${aside}.`);
      }
    }
    return { states, problems };
  }

  save(state: ReviewState): Promise<void> {
    const text = JSON.stringify(state);
    return this.serialized(state.id, async () => {
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.fileOf(state.id), text, { fsync: true });
    });
  }

  remove(id: string): Promise<void> {
    return this.serialized(id, () => rm(this.fileOf(id), { force: true }));
  }

  private fileOf(id: string): string {
    if (!isReviewId(id)) throw new Error(`Not a change review id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.json`);
  }

  private serialized(id: string, task: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(id) ?? Promise.resolve()).catch(() => undefined).then(task);
    this.queues.set(id, next);
    void next
      .finally(() => {
        if (this.queues.get(id) === next) this.queues.delete(id);
      })
      .catch(() => undefined);
    return next;
  }
}
