/**
 * Where a spec's phase state lives: Keel's user data, per workspace, one JSON file per spec folder
 * (`<userData>/specwriter/<workspace hash>/<spec hash>.json`). Not in `.config.kiro`: Kiro's own file has no
 * approval fields, and a spec shared through git should not carry one user's review progress. Besides the state it
 * keeps a hash of each document as the planner wrote it, so an edit by the user is noticed even after a restart.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { SpecPhaseKind, SpecWriterState } from '../../../protocol';

const Saved = z.object({
  version: z.literal(1),
  state: SpecWriterState,
  /** sha256 of each document's text as the planner last wrote it. */
  generated: z.partialRecord(SpecPhaseKind, z.string()),
});
export type SavedSpec = z.infer<typeof Saved>;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface PhaseStore {
  load(dir: string): Promise<SavedSpec | undefined>;
  list(): Promise<SavedSpec[]>;
  save(saved: SavedSpec): Promise<void>;
}

export class JsonPhaseStore implements PhaseStore {
  private readonly folder: string;

  constructor(userDataDir: string, workspaceRoot: string) {
    this.folder = join(userDataDir, 'specwriter', sha256(workspaceRoot).slice(0, 16));
  }

  private file(dir: string): string {
    return join(this.folder, `${sha256(dir).slice(0, 16)}.json`);
  }

  async load(dir: string): Promise<SavedSpec | undefined> {
    return this.read(this.file(dir));
  }

  async list(): Promise<SavedSpec[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const all = await Promise.all(names.filter((n) => n.endsWith('.json')).map((n) => this.read(join(this.folder, n))));
    return all.filter((s): s is SavedSpec => s !== undefined);
  }

  async save(saved: SavedSpec): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFileAtomic(this.file(saved.state.dir), JSON.stringify(saved, null, 2) + '\n', { encoding: 'utf8' });
  }

  /** A missing or unreadable file is no state: the spec's documents on disk are untouched either way. */
  private async read(file: string): Promise<SavedSpec | undefined> {
    try {
      const parsed = Saved.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}

/** For tests. */
export class MemoryPhaseStore implements PhaseStore {
  readonly saved = new Map<string, SavedSpec>();
  async load(dir: string): Promise<SavedSpec | undefined> {
    const s = this.saved.get(dir);
    return s && structuredClone(s);
  }
  async list(): Promise<SavedSpec[]> {
    return [...this.saved.values()].map((s) => structuredClone(s));
  }
  async save(saved: SavedSpec): Promise<void> {
    this.saved.set(saved.state.dir, structuredClone(saved));
  }
}
