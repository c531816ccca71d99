import { spawn, type ChildProcess } from 'node:child_process';
import type { FileMatches, ParsedSearchQuery, SearchSummary } from '../../../protocol';
import { RgJsonParser, type FileOutcome } from './rg-json';
import { ripgrepArgs } from './search-pattern';

export interface SearchBatch {
  files: FileMatches[];
  done: boolean;
  summary: SearchSummary;
}

/** At most this many files per batch, so one `search/next` reply stays small enough to draw in a frame. */
const MAX_FILES_PER_BATCH = 500;
/**
 * After the first batch (sent as soon as one file matches), a pull waits up to this long for more files to gather:
 * hundreds of tiny batches would cost the renderer a round trip and a redraw each (17 s for 10,000 results, measured).
 */
const GATHER_MS = 80;

/**
 * One ripgrep process for one query. Its output is parsed as it streams, grouped by file and queued; the caller
 * pulls batches with next(). Reaching the cap or cancel() kills the process at once.
 */
export class SearchRun {
  private readonly child: ChildProcess;
  private readonly queue: FileMatches[] = [];
  private readonly summary: SearchSummary = {
    matches: 0,
    files: 0,
    limitHit: false,
    binarySkipped: 0,
    hugeLinesSkipped: 0,
    cancelled: false,
  };
  private finished = false;
  private sawFile = false;
  private stderr = '';
  private waiters: (() => void)[] = [];
  private pulled = false;
  private fullOrDone: (() => void) | undefined;

  constructor(rgPath: string, root: string, private readonly query: ParsedSearchQuery, kiroIgnore?: string) {
    const parser = new RgJsonParser((outcome) => this.take(outcome));
    this.child = spawn(rgPath, ripgrepArgs(query, { kiroIgnore }), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (!this.finished) parser.push(chunk);
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (this.stderr.length < 4000) this.stderr += chunk;
    });
    this.child.on('error', (err) => this.finish(`Cannot run ripgrep: ${err.message}`));
    this.child.on('close', (code) => {
      // 0 = matches, 1 = none, 2 = an error. With some results an error is a per-file one (permission denied):
      // the results stand. Without any, it is the query itself (ripgrep's regex parser) and the user must see it.
      const failed = code === 2 && !this.sawFile && !this.summary.cancelled && !this.summary.limitHit;
      this.finish(failed ? describeRgError(this.stderr) : undefined);
    });
  }

  get done(): boolean {
    return this.finished && this.queue.length === 0;
  }

  /** Resolves with the files found since the last call, waiting until there is at least one or the run ends. */
  async next(): Promise<SearchBatch> {
    if (this.queue.length === 0 && !this.finished) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.pulled && !this.finished && this.queue.length < MAX_FILES_PER_BATCH) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GATHER_MS);
        this.fullOrDone = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.fullOrDone = undefined;
    }
    this.pulled = true;
    const files = this.queue.splice(0, MAX_FILES_PER_BATCH);
    return { files, done: this.done, summary: { ...this.summary } };
  }

  cancel(): void {
    if (this.finished) return;
    this.summary.cancelled = true;
    this.child.kill();
    this.finish();
  }

  private take(outcome: FileOutcome): void {
    this.sawFile = true;
    if (outcome.kind === 'binary') {
      this.summary.binarySkipped++;
      return;
    }
    this.summary.hugeLinesSkipped += outcome.hugeLinesSkipped;
    if (outcome.kind === 'none') return;
    let { file, count } = outcome;
    const room = this.query.maxResults - this.summary.matches;
    if (count > room) {
      file = { path: file.path, lines: trimToCount(file, room) };
      count = room;
      this.summary.limitHit = true;
    }
    if (count > 0) {
      this.queue.push(file);
      this.summary.files++;
      this.summary.matches += count;
    }
    if (this.summary.matches >= this.query.maxResults) {
      // Exactly at the cap we cannot know whether more exist; ripgrep was still going, so assume so.
      this.summary.limitHit = true;
      this.child.kill();
      this.finish();
    }
    this.wake();
  }

  private finish(error?: string): void {
    if (this.finished) return;
    this.finished = true;
    if (error) this.summary.error = error;
    this.wake();
  }

  private wake(): void {
    if (this.fullOrDone && (this.finished || this.queue.length >= MAX_FILES_PER_BATCH)) this.fullOrDone();
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

function trimToCount(file: FileMatches, room: number): FileMatches['lines'] {
  const lines: FileMatches['lines'] = [];
  for (const line of file.lines) {
    if (room <= 0) break;
    const ranges = line.ranges.slice(0, room);
    room -= ranges.length;
    lines.push({ ...line, ranges });
  }
  return lines;
}

function describeRgError(stderr: string): string {
  const text = stderr.trim();
  if (!text) return 'ripgrep failed';
  // "rg: regex parse error:\n    (?:a()\n    ^\nerror: unclosed group" → keep the reason, which is what the user can act on.
  const reason = /error: (.+)$/m.exec(text)?.[1];
  if (/regex parse error/.test(text) && reason) return `Invalid regular expression: ${reason}`;
  return text.split('\n').slice(0, 3).join(' ').replace(/^rg: /, '');
}
