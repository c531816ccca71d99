import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sessionRecordSchema, type SessionRecord, type SessionStore, type SessionSummary } from '../session/records';
import { isInside } from './confine';

const ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * Sessions as append-only JSONL files: `<userData>/sessions/<workspace hash>/<session id>.jsonl`. Keel's state
 * never goes inside the user's repository, so a user-data dir inside the workspace is refused.
 */
export class JsonlSessionStore implements SessionStore {
  private readonly queues = new Map<string, Promise<void>>();

  private constructor(readonly dir: string) {}

  static async open(userDataDir: string, workspaceRoot: string): Promise<JsonlSessionStore> {
    const root = await realpath(workspaceRoot);
    await mkdir(userDataDir, { recursive: true });
    const data = await realpath(userDataDir);
    if (isInside(root, data)) throw new Error(`The user data directory ${userDataDir} is inside the workspace; sessions must not be written into the repository.`);
    const dir = join(data, 'sessions', createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16));
    await mkdir(dir, { recursive: true });
    return new JsonlSessionStore(dir);
  }

  append(sessionId: string, records: SessionRecord[]): Promise<void> {
    const file = this.file(sessionId);
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
    // One write at a time per file, in call order, so lines never interleave. No fsync here: a process crash
    // keeps what the OS already has; `sync` at the end of each turn covers a machine crash.
    return this.enqueue(sessionId, () => appendFile(file, text, 'utf8'));
  }

  sync(sessionId: string): Promise<void> {
    const file = this.file(sessionId);
    return this.enqueue(sessionId, async () => {
      const h = await open(file, 'r').catch(() => undefined);
      if (!h) return;
      try {
        await h.datasync();
      } finally {
        await h.close();
      }
    });
  }

  private enqueue(sessionId: string, work: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(sessionId) ?? Promise.resolve()).then(work);
    this.queues.set(sessionId, next.catch(() => undefined));
    return next;
  }

  async load(sessionId: string): Promise<{ records: SessionRecord[]; skipped: number }> {
    const text = await readFile(this.file(sessionId), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') throw new Error(`No saved session "${sessionId}".`);
      throw e;
    });
    const records: SessionRecord[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const r = sessionRecordSchema.safeParse(JSON.parse(line));
        if (r.success) records.push(r.data);
        else skipped++;
      } catch {
        skipped++;
      }
    }
    return { records, skipped };
  }

  async list(): Promise<SessionSummary[]> {
    const out: SessionSummary[] = [];
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.jsonl')) continue;
      const { records } = await this.load(name.slice(0, -'.jsonl'.length)).catch(() => ({ records: [] as SessionRecord[] }));
      const meta = records.find((r) => r.type === 'meta');
      if (meta?.type !== 'meta') continue;
      const mode = records.reduce<typeof meta.mode>((m, r) => (r.type === 'mode' ? r.mode : m), meta.mode);
      const title = records.reduce<string | undefined>((t, r) => (r.type === 'title' ? r.title : t), meta.title);
      out.push({ id: meta.id, createdAt: meta.createdAt, title, role: meta.role, mode });
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private file(sessionId: string): string {
    if (!ID.test(sessionId)) throw new Error(`Invalid session id: ${JSON.stringify(sessionId)}`);
    return join(this.dir, `${sessionId}.jsonl`);
  }
}
