import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { journalRecordSchema, type JournalRecord } from './journal-records';

/**
 * Task runs as an append-only JSONL file in Keel's user data, never in the repository:
 * `<userData>/runs/<sha256(workspace root)[:16]>/tasks.jsonl`. Every record is on disk (datasync) before the
 * runner changes tasks.md, so after a crash the journal always knows about a checkbox Keel may have set.
 */
export class RunJournal {
  private queue: Promise<unknown> = Promise.resolve();
  private checkedTail = false;

  private constructor(readonly file: string) {}

  static forWorkspace(userDataDir: string, workspaceRoot: string): RunJournal {
    const hash = createHash('sha256').update(path.resolve(workspaceRoot)).digest('hex').slice(0, 16);
    return new RunJournal(path.join(userDataDir, 'runs', hash, 'tasks.jsonl'));
  }

  /** Appends and syncs; calls are written in order, one at a time, so lines never interleave. */
  append(record: JournalRecord): Promise<void> {
    const next = this.queue.then(() => this.write(`${JSON.stringify(journalRecordSchema.parse(record))}\n`));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Every readable record in order; a torn last line (a crash mid-write) is skipped and counted. */
  async read(): Promise<{ records: JournalRecord[]; skipped: number }> {
    await this.queue;
    return this.readNow();
  }

  /** Inside the queue (compaction) the queue must not be awaited: it is the caller. */
  private async readNow(): Promise<{ records: JournalRecord[]; skipped: number }> {
    const text = await readFile(this.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    const records: JournalRecord[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = journalRecordSchema.safeParse(JSON.parse(line));
        if (parsed.success) records.push(parsed.data);
        else skipped++;
      } catch {
        skipped++;
      }
    }
    return { records, skipped };
  }

  /**
   * Rewrites the journal as `compact(records)` when the file is larger than `maxBytes` (torn lines go too). The new
   * file replaces the old one atomically, in the append queue, so a crash leaves one or the other, never half.
   */
  compactIfLarger(maxBytes: number, compact: (records: JournalRecord[]) => JournalRecord[]): Promise<{ before: number; after: number } | undefined> {
    const next = this.queue.then(async () => {
      const size = await stat(this.file).then(
        (s) => s.size,
        () => 0,
      );
      if (size <= maxBytes) return undefined;
      const { records } = await this.readNow();
      const kept = compact(records);
      const text = kept.map((r) => `${JSON.stringify(r)}\n`).join('');
      await writeFileAtomic(this.file, text, { fsync: true });
      this.checkedTail = true;
      return { before: size, after: Buffer.byteLength(text) };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(line: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const handle = await open(this.file, 'a+');
    try {
      if (!this.checkedTail) {
        // A crash mid-line leaves no newline at the end; start on a fresh line so the torn one stays alone.
        const { size } = await handle.stat();
        if (size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) await handle.write('\n');
        }
        this.checkedTail = true;
      }
      await handle.write(line);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}
