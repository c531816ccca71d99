/**
 * `tasks.meta.json`, which Kiro 1.0 keeps beside tasks.md: `pbtResults` (the last property-based-test result per task)
 * and `executionHistory` (every run of a task: `{executionId, chatSessionId, timestamp}`), both keyed by the task
 * line as written after its checkbox (`"1.1 Create project structure"`, `"1. Remove dead code"`, or the bare title
 * of an unnumbered task). The file is the document (jsonc-parser, like hooks), so it round-trips byte for byte and
 * Keel's one edit — appending a run — touches only the array it extends. Unknown keys are kept.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { asRecord, parseJsonDoc, setJsonValue, type JsonDoc } from '../json/json-doc';
import type { EditResult } from '../text/edits';
import type { SourceLine } from '../text/lines';
import type { Task, TasksDoc } from './parse-tasks';

export interface PbtResult {
  /** `passed`, `failed`, … as Kiro wrote it. */
  status: string;
  /** Milliseconds since the epoch. */
  lastRunTimestamp?: number;
  /** Kiro's description of the counterexample when the property failed. */
  failingExample?: string;
}

export interface TaskExecution {
  executionId: string;
  chatSessionId: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

export interface TasksMetaDoc {
  kind: 'tasks-meta';
  json: JsonDoc;
  pbtResults: Map<string, PbtResult>;
  executionHistory: Map<string, TaskExecution[]>;
  diagnostics: Diagnostic[];
}

export function parseTasksMeta(text: string): TasksMetaDoc {
  const json = parseJsonDoc(text);
  const doc: TasksMetaDoc = { kind: 'tasks-meta', json, pbtResults: new Map(), executionHistory: new Map(), diagnostics: [...json.diagnostics] };
  const root = asRecord(json.value);
  if (!root) {
    if (json.value !== undefined) doc.diagnostics.push(diag('warning', 'tasks-meta/not-object', 'tasks.meta.json should hold an object with pbtResults and executionHistory.', 0, 0));
    return doc;
  }
  for (const [key, value] of Object.entries(asRecord(root.pbtResults) ?? {})) {
    const r = asRecord(value);
    if (!r || typeof r.status !== 'string') continue;
    const result: PbtResult = { status: r.status };
    if (typeof r.lastRunTimestamp === 'number') result.lastRunTimestamp = r.lastRunTimestamp;
    if (typeof r.failingExample === 'string') result.failingExample = r.failingExample;
    doc.pbtResults.set(key, result);
  }
  for (const [key, value] of Object.entries(asRecord(root.executionHistory) ?? {})) {
    if (!Array.isArray(value)) continue;
    const runs = value.flatMap((v) => {
      const r = asRecord(v);
      return r && typeof r.timestamp === 'number' ? [{ executionId: String(r.executionId ?? ''), chatSessionId: String(r.chatSessionId ?? ''), timestamp: r.timestamp }] : [];
    });
    doc.executionHistory.set(key, runs);
  }
  return doc;
}

/** The key Kiro files a task under: its line after the checkbox (and optional mark), as written. */
export function taskMetaKey(doc: TasksDoc, task: Task): string {
  return (doc.lines[task.line] as SourceLine).text.slice(task.idColumn ?? task.titleColumn).trim();
}

/** The meta entries of `task`: by its exact key, else by its title alone (a renumbered task keeps its history). */
export function metaFor(meta: TasksMetaDoc, doc: TasksDoc, task: Task): { key: string; pbt?: PbtResult; runs: TaskExecution[] } {
  const exact = taskMetaKey(doc, task);
  const title = task.title.trim();
  const key = meta.executionHistory.has(exact) || meta.pbtResults.has(exact) ? exact : [...meta.executionHistory.keys(), ...meta.pbtResults.keys()].find((k) => k === title || k.endsWith(` ${title}`)) ?? exact;
  const pbt = meta.pbtResults.get(key);
  return { key, runs: meta.executionHistory.get(key) ?? [], ...(pbt ? { pbt } : {}) };
}

/**
 * Appends one run in Kiro's shape. An absent or empty file becomes `{"pbtResults": {}, "executionHistory": {…}}`
 * written as Kiro writes it (two-space indent, no final newline); otherwise only the task's array changes.
 */
export function appendTaskExecution(text: string | undefined, key: string, run: TaskExecution): EditResult {
  const entry = { executionId: run.executionId, chatSessionId: run.chatSessionId, timestamp: run.timestamp };
  if (text === undefined || text.trim() === '') {
    const created = JSON.stringify({ pbtResults: {}, executionHistory: { [key]: [entry] } }, null, 2);
    return { text: created, changes: [{ start: 0, end: text?.length ?? 0, text: created }], diagnostics: [] };
  }
  const meta = parseTasksMeta(text);
  const broken = meta.diagnostics.find((d) => d.severity === 'error');
  if (broken || !asRecord(meta.json.value)) {
    return { text, changes: [], diagnostics: [diag('error', 'tasks-meta/unreadable', `tasks.meta.json cannot be updated: ${broken?.message ?? 'it is not an object'}`, broken?.line ?? 0, broken?.column ?? 0)] };
  }
  const history = asRecord(asRecord(meta.json.value)?.executionHistory);
  const existing = history?.[key];
  if (Array.isArray(existing)) return setJsonValue(meta.json, ['executionHistory', key, -1], entry);
  if (history) return setJsonValue(meta.json, ['executionHistory', key], [entry]);
  return setJsonValue(meta.json, ['executionHistory'], { [key]: [entry] });
}
