import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { HookRunInfo } from '../../../protocol';
import { JsonStateFile } from '../trust/json-state-file';
import type { HookRun } from './hook-types';

/** Runs kept on disk per folder (the newest); the Hooks pane shows them again after a restart. */
export const PERSISTED_RUNS = 200;

const FileSchema = z.object({ version: z.literal(1), folder: z.string(), runs: z.array(HookRunInfo) });
type FileShape = z.infer<typeof FileSchema>;

/** Where a folder's run log is kept: `<userData>/hooks/runs/<hash of the folder>.json`. */
export function runLogPath(userDataDir: string, folder: string): string {
  return path.join(userDataDir, 'hooks', 'runs', `${createHash('sha256').update(folder).digest('hex').slice(0, 24)}.json`);
}

/**
 * The run log of one folder on disk, so it survives a restart. Saves are coalesced without timers: while one
 * write is under way, later changes only mark the log dirty and the newest list is written once it ends. Tool
 * inputs stay out (they can be large and may hold what the agent read); runs that were still queued or running
 * when Keel stopped come back as cancelled, with why.
 */
export class RunLogFile {
  private readonly file: JsonStateFile<FileShape>;
  private writing: Promise<void> | undefined;
  private next: HookRun[] | undefined;

  constructor(
    file: string,
    private readonly folder: string,
    private readonly limit = PERSISTED_RUNS,
  ) {
    this.file = new JsonStateFile(file, FileSchema, () => ({ version: 1 as const, folder, runs: [] }));
  }

  async load(): Promise<HookRun[]> {
    const { value, problem } = await this.file.load();
    if (problem) console.warn(`Keel: ${problem}`);
    if (value.folder !== this.folder) return [];
    // Written by this class from HookRuns: the event names are the engine's own.
    const runs = value.runs as HookRun[];
    return runs.map((run): HookRun =>
      run.status === 'queued' || run.status === 'running'
        ? { ...run, status: 'cancelled', reason: 'Keel was closed before this run ended.', endedAt: run.endedAt ?? run.startedAt ?? run.queuedAt }
        : run,
    );
  }

  /** Asks for `runs` (oldest first) to be written; resolves when what was asked so far is on disk. */
  save(runs: readonly HookRun[]): Promise<void> {
    this.next = runs.slice(-this.limit).map(stripInput);
    this.writing ??= this.drain().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  /** Resolves when every requested save has been written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const runs = this.next;
      this.next = undefined;
      await this.file.save({ version: 1, folder: this.folder, runs }).catch((err: unknown) => console.error('Keel: could not save the hook run log:', err));
    }
  }
}

function stripInput(run: HookRun): HookRun {
  const { tool, ...trigger } = run.trigger;
  return { ...run, trigger: { ...trigger, ...(tool ? { tool: { name: tool.name, ...(tool.category ? { category: tool.category } : {}) } } : {}) } };
}
