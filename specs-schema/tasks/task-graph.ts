/**
 * The task dependency graph Kiro writes at the end of tasks.md: a fenced JSON block `{"waves": [...]}` under a heading
 * such as `## Task Dependency Graph` (the heading is localized, so the block is found by its content). Two shapes are
 * in real files: `{"id": 0, "tasks": [...]}` numbered from 0, and `{"wave": 1, "tasks": [...], "rationale": "..."}`
 * numbered from 1; an ASCII drawing may follow in another fence. Every task of a wave depends on all earlier waves.
 * The block's lines stay as written (the document keeps its lines), so this is a read-only view of them.
 */
import { diag, type Diagnostic } from '../diagnostics';
import type { SourceLine } from '../text/lines';
import { headingAbove, type Heading } from '../text/markdown-scan';

export interface TaskWave {
  /** The wave's number as written (`id` or `wave`); waves run in ascending order. */
  number: number;
  /** Task ids as written (`2.1`, `7`). */
  tasks: string[];
  rationale?: string;
}

export interface TaskGraph {
  /** Which key numbers the waves in this file. */
  shape: 'id' | 'wave';
  waves: TaskWave[];
  /** The heading above the block, when there is one. */
  heading?: Heading;
  /** First and last line of the fenced block (fence lines included). */
  startLine: number;
  endLine: number;
}

const FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*([\w-]*)[ \t]*$/;

/** The last fenced block whose JSON has a `waves` array; a broken one is reported, never guessed at. */
export function parseTaskGraph(lines: readonly SourceLine[], headings: readonly Heading[], diagnostics: Diagnostic[]): TaskGraph | undefined {
  let found: TaskGraph | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as SourceLine).text;
    const c = text.charCodeAt(text.search(/\S|$/));
    if (c !== 96 && c !== 126) continue;
    const open = FENCE.exec(text);
    if (!open) continue;
    const marker = open[1] as string;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`).test((lines[end] as SourceLine).text)) end++;
    const body = lines.slice(i + 1, end).map((l) => l.text).join('\n');
    if (/"waves"\s*:/.test(body)) {
      const graph = readGraph(body, i, Math.min(end, lines.length - 1), diagnostics);
      if (graph) {
        const heading = headingAbove(headings, i);
        if (heading) graph.heading = heading;
        found = graph;
      }
    }
    i = end;
  }
  return found;
}

function readGraph(body: string, startLine: number, endLine: number, diagnostics: Diagnostic[]): TaskGraph | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    diagnostics.push(diag('warning', 'tasks/graph-invalid', `The task dependency graph is not valid JSON (${err instanceof Error ? err.message : String(err)}); Run all keeps the document order.`, startLine, 0));
    return undefined;
  }
  const waves = (value as { waves?: unknown }).waves;
  if (!Array.isArray(waves)) return undefined;
  const out: TaskWave[] = [];
  let shape: TaskGraph['shape'] = 'id';
  for (const [k, w] of waves.entries()) {
    const rec = (w ?? {}) as Record<string, unknown>;
    const number = typeof rec.wave === 'number' ? rec.wave : typeof rec.id === 'number' ? rec.id : k;
    if (typeof rec.wave === 'number') shape = 'wave';
    const tasks = Array.isArray(rec.tasks) ? rec.tasks.filter((t): t is string | number => typeof t === 'string' || typeof t === 'number').map(String) : [];
    const wave: TaskWave = { number, tasks };
    if (typeof rec.rationale === 'string') wave.rationale = rec.rationale;
    out.push(wave);
  }
  // Stable: waves with the same number keep their order in the file.
  out.sort((a, b) => a.number - b.number);
  return { shape, waves: out, startLine, endLine };
}

/** 0-based position of the wave that lists `taskId`, or undefined when the graph does not name it. */
export function waveIndexOf(graph: TaskGraph, taskId: string): number | undefined {
  const k = graph.waves.findIndex((w) => w.tasks.includes(taskId));
  return k < 0 ? undefined : k;
}
