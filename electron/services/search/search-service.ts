import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { KeelError, SearchQuery, type ParsedSearchQuery, type ReplacedFile, type ReplaceTarget, type SearchQuery as SearchQueryInput } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import type { WorkspaceFs } from '../workspace/workspace-fs';
import { replaceInText } from './replace-text';
import { ripgrepBinary } from './ripgrep-binary';
import { SearchRun, type SearchBatch } from './search-run';
import { buildRegExp } from './search-pattern';

/** A finished run nobody pulls from any more is dropped after this long (a closed page, a crashed renderer). */
const ABANDONED_MS = 60_000;

export interface SearchServiceOptions {
  /** Override the ripgrep binary (tests of the system rg); default: @vscode/ripgrep, else rg on PATH. */
  rgPath?: string;
}

/**
 * Workspace search: ripgrep runs in the main process, one run per query. A new query from the same owner (a
 * renderer connection, the agent) cancels that owner's previous run — typing never piles up processes.
 */
export class SearchService implements Disposable {
  private readonly runs = new Map<string, { run: SearchRun; owner: string; touched: number }>();
  private readonly latest = new Map<string, string>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly fs: WorkspaceFs,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.sweeper = setInterval(() => this.sweep(), ABANDONED_MS);
    this.sweeper.unref();
  }

  get root(): string {
    return this.fs.root;
  }

  /** Validates the query (bad regex → BAD_REQUEST, before anything is spawned) and starts ripgrep. */
  async start(input: SearchQueryInput, owner = 'default'): Promise<string> {
    const query = SearchQuery.parse(input);
    buildRegExp(query);
    const previous = this.latest.get(owner);
    if (previous) this.cancel(previous);
    const rg = this.options.rgPath ?? (await ripgrepBinary());
    const kiroIgnore = path.join(this.fs.root, '.kiroignore');
    const hasKiroIgnore = await access(kiroIgnore).then(() => true, () => false);
    const id = randomUUID();
    this.runs.set(id, { run: new SearchRun(rg, this.fs.root, query, hasKiroIgnore ? kiroIgnore : undefined), owner, touched: Date.now() });
    this.latest.set(owner, id);
    return id;
  }

  async next(id: string): Promise<SearchBatch> {
    const entry = this.runs.get(id);
    if (!entry) throw new KeelError('NOT_FOUND', 'This search has ended or was replaced by a newer one');
    entry.touched = Date.now();
    const batch = await entry.run.next();
    if (batch.done) this.forget(id);
    return batch;
  }

  cancel(id: string): void {
    this.runs.get(id)?.run.cancel();
  }

  /** Runs a query to its end and returns everything (the agent's grepSearch, tests). */
  async collect(input: SearchQueryInput, owner: string, signal?: AbortSignal): Promise<SearchBatch> {
    const id = await this.start(input, owner);
    const onAbort = () => this.cancel(id);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const files: SearchBatch['files'] = [];
      for (;;) {
        const batch = await this.next(id);
        files.push(...batch.files);
        if (batch.done) return { ...batch, files };
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The replaced text of one file (or of `content`, an editor's unsaved text) for the diff preview. */
  async preview(input: SearchQueryInput, replacement: string, target: ReplaceTarget, content?: string) {
    const query = SearchQuery.parse(input);
    const original = content ?? (await this.readText(target.path));
    const { text, count } = replaceInText(original, query, replacement, target.only);
    return { original, replaced: text, count };
  }

  /**
   * Replaces on disk, file by file, each write atomic and checked against the version just read (a file changed
   * in between fails alone rather than being clobbered). Returns the previous contents so the user can undo.
   */
  async replace(input: SearchQueryInput, replacement: string, targets: ReplaceTarget[]) {
    const query: ParsedSearchQuery = SearchQuery.parse(input);
    buildRegExp(query);
    const files: ReplacedFile[] = [];
    const failed: { path: string; message: string }[] = [];
    for (const target of targets) {
      try {
        const current = await this.fs.readFile(target.path);
        if (current.readOnly) throw new KeelError('BAD_REQUEST', current.notice ?? 'The file cannot be edited');
        const { text, count } = replaceInText(current.content, query, replacement, target.only);
        if (count === 0) continue;
        const { version } = await this.fs.writeFile(target.path, text, current.version);
        files.push({ path: target.path, replaced: count, previous: current.content, version });
      } catch (err) {
        failed.push({ path: target.path, message: err instanceof Error ? err.message : String(err) });
      }
    }
    return { files, failed };
  }

  dispose(): void {
    clearInterval(this.sweeper);
    for (const { run } of this.runs.values()) run.cancel();
    this.runs.clear();
    this.latest.clear();
  }

  private async readText(rel: string): Promise<string> {
    const file = await this.fs.readFile(rel);
    if (file.readOnly) throw new KeelError('BAD_REQUEST', file.notice ?? 'The file cannot be edited');
    return file.content;
  }

  private forget(id: string): void {
    const entry = this.runs.get(id);
    this.runs.delete(id);
    if (entry && this.latest.get(entry.owner) === id) this.latest.delete(entry.owner);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.runs) {
      if (now - entry.touched > ABANDONED_MS) {
        entry.run.cancel();
        this.forget(id);
      }
    }
  }
}
