/**
 * Checks every spec that has a document open (in a spec tab or a plain editor tab) and reports the results where
 * the user looks: as markers on the documents' models (the raw Markdown view, tasks.md in a plain editor) and in the
 * Problems panel. Documents that are not open are read from disk so traceability sees the whole spec; those reads
 * are refreshed by the watcher. Loaded lazily with the first open spec document, so specs-schema stays out of the
 * start-up chunk.
 */
import type { Client, SpecSummary } from '../../../protocol';
import type { Diagnostic } from '../../../specs-schema';
import type { Services } from '../app/services';
import { useDocuments } from '../state/documents';
import { useProblems, type Problem } from '../problems/problemsStore';
import { checkSpec, type SpecTexts } from './specDiagnostics';
import { setSpecMarkers } from './specMarkers';
import { startSpecsList, useSpecs } from './specsStore';

export const PROBLEMS_SOURCE = 'specs';

/** specs-schema's 0-based diagnostic as the Problems panel's 1-based problem. */
export function toProblem(d: Diagnostic): Problem {
  const p: Problem = { severity: d.severity, message: d.message, line: d.line + 1, column: d.column + 1, code: d.code };
  if (d.endLine !== undefined || d.endColumn !== undefined) p.endLine = (d.endLine ?? d.line) + 1;
  if (d.endColumn !== undefined) p.endColumn = d.endColumn + 1;
  return p;
}

export function specPaths(spec: SpecSummary): string[] {
  const f = spec.files;
  return [f.requirements ?? f.bugfix, f.design, f.tasks].filter((p): p is string => !!p);
}

let started = false;

export function startSpecChecks({ client, documents }: Pick<Services, 'client' | 'documents'>): void {
  if (started) return;
  started = true;
  void startSpecsList(client);
  const disk = new Map<string, string | null>(); // text on disk of spec files not open; null while being read
  const watched = new Map<string, { buffer: unknown; off: () => void }>();
  let reported = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Typing re-checks after a short pause; the panes compute their own inline problems at once.
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(run, 120);
  };

  const textOf = (path: string): string | undefined => {
    const meta = useDocuments.getState().docs[path];
    if (meta?.status === 'ready') return documents.buffer(path)?.getText();
    const cached = disk.get(path);
    if (cached !== undefined) return cached ?? undefined;
    disk.set(path, null);
    void readDisk(client, path).then((text) => {
      if (disk.get(path) !== null) return; // invalidated meanwhile: the next run reads again
      disk.set(path, text ?? '');
      schedule();
    });
    return undefined;
  };

  function run() {
    timer = undefined;
    const docs = useDocuments.getState().docs;
    const active = useSpecs.getState().specs.filter((s) => specPaths(s).some((p) => docs[p]?.status === 'ready'));
    const now = new Set<string>();
    const results: Map<string, Diagnostic[]>[] = [];
    for (const spec of active) {
      const texts: SpecTexts = {};
      const req = spec.files.requirements ?? spec.files.bugfix;
      const r = req && textOf(req);
      const d = spec.files.design && textOf(spec.files.design);
      const t = spec.files.tasks && textOf(spec.files.tasks);
      if (req && r !== undefined) texts.requirements = { path: req, text: r };
      if (spec.files.design && d !== undefined) texts.design = { path: spec.files.design, text: d };
      if (spec.files.tasks && t !== undefined) texts.tasks = { path: spec.files.tasks, text: t };
      const { byPath } = checkSpec(texts);
      for (const path of specPaths(spec)) {
        now.add(path);
        useProblems.getState().setProblems(PROBLEMS_SOURCE, path, (byPath.get(path) ?? []).map(toProblem));
        if (!byPath.has(path)) byPath.set(path, []);
      }
      results.push(byPath);
    }
    for (const path of reported) if (!now.has(path)) useProblems.getState().setProblems(PROBLEMS_SOURCE, path, []);
    reported = now;
    for (const byPath of results) void setSpecMarkers(byPath).catch(() => {});
    syncBuffers(now);
  }

  /** Listens to the buffers of the spec documents that are open, so each edit re-checks. */
  function syncBuffers(paths: ReadonlySet<string>) {
    const docs = useDocuments.getState().docs;
    for (const [path, w] of watched) {
      const buffer = docs[path]?.status === 'ready' ? documents.buffer(path) : undefined;
      if (!paths.has(path) || buffer !== w.buffer) {
        w.off();
        watched.delete(path);
      }
    }
    for (const path of paths) {
      if (watched.has(path) || docs[path]?.status !== 'ready') continue;
      const buffer = documents.buffer(path);
      if (buffer) watched.set(path, { buffer, off: buffer.onDidChange(schedule) });
    }
  }

  useSpecs.subscribe(schedule);
  let statuses = '';
  useDocuments.subscribe((s) => {
    // Only a document opening, loading or closing matters here (dirty flags change on every keystroke).
    const next = Object.values(s.docs).map((d) => `${d.path}:${d.status}`).join('|');
    if (next !== statuses) {
      statuses = next;
      schedule();
    }
  });
  client.on('workspace/changed', ({ changes }) => {
    let hit = false;
    for (const c of changes) if (disk.delete(c.path)) hit = true;
    if (hit) schedule();
  });
  schedule();
}

async function readDisk(client: Client, path: string): Promise<string | undefined> {
  try {
    return (await client.request('workspace/readFile', { path })).content.replace(/^\uFEFF/, '');
  } catch {
    return undefined; // deleted or unreadable: checked as absent
  }
}
