import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';

export interface LoadedState<T> {
  value: T;
  /** Set when the file existed but could not be read: it was moved aside (never deleted) and defaults are used. */
  problem?: string;
}

/**
 * One JSON file of Keel's own state in the user data dir. Writes are atomic (temp file, fsync, rename) and
 * serialized, so two quick decisions never interleave. A file that fails validation is renamed to
 * `<name>.corrupt-<time>` rather than overwritten: a broken trust file fails closed (nothing trusted) and the
 * old contents stay on disk for the user.
 */
export class JsonStateFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly defaults: () => T,
  ) {}

  async load(): Promise<LoadedState<T>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { value: this.defaults() };
      throw err;
    }
    let problem: string;
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return { value: parsed.data };
      problem = parsed.error.issues[0]?.message ?? 'invalid content';
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    const aside = `${this.file}.corrupt-${Date.now()}`;
    await rename(this.file, aside);
    return { value: this.defaults(), problem: `${path.basename(this.file)} could not be read (${problem}); it was kept as ${aside}.` };
  }

  save(value: T): Promise<void> {
    const text = JSON.stringify(value, null, 2) + '\n';
    const run = this.queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, text, { fsync: true });
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
