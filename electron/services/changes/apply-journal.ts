import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * The plan of one multi-file apply, written (and fsynced) to Keel's user data before any file of the workspace is
 * touched, so a process killed at any point leaves enough behind to put every file back to its old bytes — or, once
 * the apply was committed, to finish it — on the next start (`recoverApplies`).
 */
export const JournalFile = z.object({
  abs: z.string(),
  temp: z.string().optional(),
  backup: z.string().optional(),
  /** sha256 of the bytes before / after; null = no file. */
  oldHash: z.string().nullable(),
  newHash: z.string().nullable(),
});
export const JournalRecord = z.object({
  version: z.literal(1),
  /** Who applied (e.g. `apply:cs-…`): asked at recovery whether its own state already counts it as done. */
  tag: z.string(),
  state: z.enum(['prepared', 'committed']),
  files: z.array(JournalFile),
  /** Folders this apply creates, outermost first (removed again on roll-back when empty). */
  createdDirs: z.array(z.string()),
});
export type JournalRecord = z.infer<typeof JournalRecord>;

export function hashOf(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : createHash('sha256').update(bytes).digest('hex');
}

export class ApplyJournal {
  private constructor(
    readonly file: string,
    private record: JournalRecord,
  ) {}

  static async begin(dir: string, record: JournalRecord): Promise<ApplyJournal> {
    await mkdir(dir, { recursive: true });
    const journal = new ApplyJournal(path.join(dir, `${Date.now()}-${randomBytes(4).toString('hex')}.json`), record);
    await journal.write();
    return journal;
  }

  async commit(): Promise<void> {
    this.record = { ...this.record, state: 'committed' };
    await this.write();
  }

  async end(): Promise<void> {
    await rm(this.file, { force: true });
  }

  /** temp + fsync + rename + fsync of the folder: the journal is either absent or whole, and it survives a crash. */
  private async write(): Promise<void> {
    const temp = `${this.file}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(this.record));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await syncDir(path.dirname(this.file));
  }
}

export interface RecoveredApply {
  tag: string;
  outcome: 'rolledBack' | 'finished';
  /** Files that held neither the old nor the new bytes (changed by someone else since): left as they are. */
  untouched: string[];
}

/**
 * Settles every journal left in `dir` by a killed apply. A committed one (or one whose owner says it is done) is
 * finished; any other is rolled back: each file holding its new bytes gets its old bytes back from the backup (or is
 * removed when it did not exist). Temp and backup files and created (empty) folders go; the journal goes last.
 * An unreadable journal is kept aside and reported in `problems`.
 */
export async function recoverApplies(
  dir: string,
  isCommitted: (tag: string) => Promise<boolean> = async () => false,
): Promise<{ recovered: RecoveredApply[]; problems: string[] }> {
  const recovered: RecoveredApply[] = [];
  const problems: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    if (name.endsWith('.json.tmp')) {
      await unlink(file).catch(() => undefined); // a journal never completed: nothing was touched yet
      continue;
    }
    if (!name.endsWith('.json')) continue;
    let record: JournalRecord;
    try {
      record = JournalRecord.parse(JSON.parse(await readFile(file, 'utf8')));
    } catch (err) {
      await rename(file, `${file}.corrupt`).catch(() => undefined);
      problems.push(`An interrupted change apply could not be read (${(err as Error).message}); kept as ${file}.corrupt.`);
      continue;
    }
    const finished = record.state === 'committed' || (await isCommitted(record.tag));
    const untouched = finished ? [] : await rollBack(record);
    for (const f of record.files) {
      for (const sidecar of [f.temp, f.backup]) if (sidecar) await unlink(sidecar).catch(() => undefined);
    }
    if (!finished) for (const d of [...record.createdDirs].reverse()) await rmdir(d).catch(() => undefined);
    await unlink(file);
    recovered.push({ tag: record.tag, outcome: finished ? 'finished' : 'rolledBack', untouched });
  }
  return { recovered, problems };
}

async function rollBack(record: JournalRecord): Promise<string[]> {
  const untouched: string[] = [];
  for (const f of record.files) {
    const now = hashOf(await readFile(f.abs).catch(() => null));
    if (now === f.oldHash) continue;
    if (now !== f.newHash) {
      untouched.push(f.abs);
      continue;
    }
    if (f.oldHash === null) await unlink(f.abs);
    else if (f.backup) await rename(f.backup, f.abs);
    else untouched.push(f.abs);
  }
  return untouched;
}

export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync; there the rename is as durable as the platform makes it.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
