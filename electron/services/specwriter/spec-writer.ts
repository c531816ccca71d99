/**
 * The spec writer of one open folder: creates a spec from the user's request and walks it through its phases —
 * the planner streams a document, the user approves it (as edited and saved) or refines it, and the next phase
 * builds on the approved ones. Documents are written to disk only when a phase ends (finished, stopped or failed),
 * so the editor never sees half a document as a change on disk; while writing, `specwriter/text` carries the text.
 */
import { randomUUID } from 'node:crypto';
import { KeelError, type SpecWriterState } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import type { EmitEvent } from '../app/folder-service';
import { configText } from '../specs/templates';
import { applyMove, currentPhase, initialState, isDone, phaseLabel, recoverInterrupted, refusal, type PhaseMove, type SpecType, type SpecWorkflow } from './phases';
import type { PhaseStore, SavedSpec } from './phase-store';
import { sha256 } from './phase-store';
import type { Planner } from './planner';
import { buildPhasePrompt } from './prompts';
import { validatePhase } from './validate';

/** What the writer needs from the workspace (the workspace service in the app, a map in tests). */
export interface SpecFiles {
  /** undefined when the file does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Atomic write, creating folders. */
  write(path: string, text: string): Promise<void>;
  exists(path: string): Promise<boolean>;
}

export interface SpecWriterDeps {
  files: SpecFiles;
  planner: Planner;
  store: PhaseStore;
  emit: EmitEvent;
  /** Minimum time between two `specwriter/text` events of one phase (the last text is always sent). */
  textIntervalMs?: number;
}

/** Appended to a stopped or failed document, so the file itself says it is unfinished (in Keel, Kiro or git). */
export const INCOMPLETE_MARK = '<!-- Keel: the planner stopped before finishing this document; it is incomplete. Refine to write it again, or complete it yourself. -->';

const SPECS_ROOT = '.kiro/specs';

export class SpecWriter {
  private readonly specs = new Map<string, SavedSpec>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private loaded: Promise<void> | undefined;
  private disposed = false;
  private readonly owned: Disposable[] = [];
  private readonly acting = new Set<string>();

  constructor(private readonly deps: SpecWriterDeps) {}

  async start(input: { name: string; type: SpecType; workflow: SpecWorkflow; prompt: string }): Promise<SpecWriterState> {
    await this.load();
    const dir = `${SPECS_ROOT}/${input.name}`;
    if (await this.deps.files.exists(dir)) throw new KeelError('EXISTS', `A spec named "${input.name}" already exists (${dir}).`);
    await this.deps.files.write(`${dir}/.config.kiro`, configText(randomUUID(), input.type, input.workflow));
    const saved: SavedSpec = { version: 1, state: initialState(dir, input.type, input.workflow, input.prompt.trim()), generated: {} };
    this.specs.set(dir, saved);
    return this.write(saved, 'write');
  }

  async list(): Promise<SpecWriterState[]> {
    await this.load();
    return [...this.specs.values()].map((s) => s.state);
  }

  approve(dir: string, force = false): Promise<SpecWriterState> {
    return this.exclusive(dir, () => this.approveNow(dir, force));
  }

  refine(dir: string, feedback: string, overwriteEdited = false): Promise<SpecWriterState> {
    return this.exclusive(dir, () => this.refineNow(dir, feedback, overwriteEdited));
  }

  /** One approve or refine per spec at a time (two windows, a double click): the second is refused, not doubled. */
  private async exclusive(dir: string, fn: () => Promise<SpecWriterState>): Promise<SpecWriterState> {
    if (this.acting.has(dir)) throw new KeelError('BAD_REQUEST', 'Another approve or refine of this spec is in progress.');
    this.acting.add(dir);
    try {
      return await fn();
    } finally {
      this.acting.delete(dir);
    }
  }

  private async approveNow(dir: string, force: boolean): Promise<SpecWriterState> {
    const saved = await this.get(dir);
    this.check(saved, 'approve');
    const phase = currentPhase(saved.state)!;
    const text = (await this.deps.files.read(phase.path)) ?? '';
    const problems = validatePhase({ kind: phase.kind, path: phase.path, text }, await this.others(saved, phase.path));
    const errors = problems.filter((p) => p.severity === 'error');
    const next = saved.state.phases[saved.state.current + 1];
    const nextText = next ? await this.deps.files.read(next.path) : undefined;
    const replaces = next && nextText !== undefined && nextText.trim() !== '' && saved.generated[next.kind] !== sha256(nextText);
    const asks = [
      ...(errors.length ? [`${phase.path} has ${errors.length} error${errors.length === 1 ? '' : 's'} (${errors[0]!.message})`] : []),
      ...(replaces ? [`the planner will replace ${next.path}, which has text it did not write`] : []),
    ];
    if (asks.length && !force) throw new KeelError('CONFLICT', `Approve anyway? ${asks.join('; ')}.`);
    saved.state = applyMove({ ...saved.state, phases: saved.state.phases.map((p) => (p === phase ? { ...p, problems } : p)) }, 'approve');
    if (isDone(saved.state)) {
      await this.persist(saved);
      return saved.state;
    }
    return this.write(saved, 'write');
  }

  private async refineNow(dir: string, feedback: string, overwriteEdited: boolean): Promise<SpecWriterState> {
    const saved = await this.get(dir);
    this.check(saved, 'refine');
    const phase = currentPhase(saved.state)!;
    const draft = (await this.deps.files.read(phase.path)) ?? '';
    const generated = saved.generated[phase.kind];
    const edited = draft.trim() !== '' && generated !== sha256(draft);
    if (edited && !overwriteEdited) {
      throw new KeelError('CONFLICT', `You edited ${phase.path} since the planner wrote it. Refine rewrites it from your version and your feedback; your text is replaced (Undo in the editor brings it back).`);
    }
    return this.write(saved, 'refine', { draft: draft.replace(INCOMPLETE_MARK, '').trimEnd() + '\n', feedback });
  }

  /** Stops the phase being written and waits until what was streamed is on disk. */
  async stop(dir: string): Promise<SpecWriterState> {
    const saved = await this.get(dir);
    const run = this.running.get(dir);
    if (!run) throw new KeelError('BAD_REQUEST', refusal(saved.state, 'stop') ?? 'Nothing is being written.');
    run.controller.abort();
    await run.done;
    return saved.state;
  }

  /** The folder's files changed: re-check the documents of specs being written (edited? new problems?). */
  async filesChanged(paths: readonly string[]): Promise<void> {
    await this.load();
    for (const saved of this.specs.values()) {
      if (!paths.some((p) => p.startsWith(saved.state.dir + '/')) || this.running.has(saved.state.dir)) continue;
      if (await this.refresh(saved)) this.deps.emit('specwriter/changed', saved.state);
    }
  }

  /** Disposed with the writer (its subscription to the folder's file changes). */
  own(d: Disposable): void {
    this.owned.push(d);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const d of this.owned.splice(0)) d.dispose();
    const runs = [...this.running.values()];
    for (const r of runs) r.controller.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  /** A move the state does not allow is BAD_REQUEST; CONFLICT is kept for the questions the UI asks the user. */
  private check(saved: SavedSpec, move: PhaseMove): void {
    if (this.running.has(saved.state.dir) && move !== 'stop') throw new KeelError('BAD_REQUEST', `The planner is still writing the ${phaseLabel(currentPhase(saved.state)!.kind)}; stop it first.`);
    const why = refusal(saved.state, move);
    if (why) throw new KeelError('BAD_REQUEST', why);
  }

  /** Starts writing the current phase; resolves once it is marked `writing` (the planner runs on). */
  private async write(saved: SavedSpec, move: 'write' | 'refine', refine?: { draft: string; feedback: string }): Promise<SpecWriterState> {
    const { state } = saved;
    const phase = currentPhase(state)!;
    const approved: { kind: typeof phase.kind; path: string; text: string }[] = [];
    for (const p of state.phases.filter((x) => x.status === 'approved')) approved.push({ kind: p.kind, path: p.path, text: (await this.deps.files.read(p.path)) ?? '' });
    const prompt = buildPhasePrompt({ kind: phase.kind, type: state.type, workflow: state.workflow, name: state.dir.slice(SPECS_ROOT.length + 1), request: state.prompt, approved, ...(refine ? { refine } : {}) });
    // A new document exists (empty) from the start, so the spec editor shows its tab while it is written.
    if ((await this.deps.files.read(phase.path)) === undefined) await this.deps.files.write(phase.path, '');
    saved.state = applyMove(state, move);
    await this.persist(saved);
    const controller = new AbortController();
    const entry = { controller, done: Promise.resolve() };
    entry.done = this.run(saved, prompt, controller.signal).finally(() => {
      if (this.running.get(state.dir) === entry) this.running.delete(state.dir);
    });
    this.running.set(state.dir, entry);
    return saved.state;
  }

  private async run(saved: SavedSpec, prompt: string, signal: AbortSignal): Promise<void> {
    const phase = currentPhase(saved.state)!;
    const interval = this.deps.textIntervalMs ?? 100;
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    let latest = '';
    const send = () => {
      pending = undefined;
      last = Date.now();
      this.deps.emit('specwriter/text', { dir: saved.state.dir, path: phase.path, text: latest });
    };
    let outcome: { move: 'finish' | 'stop' | 'fail'; text: string; error?: string };
    try {
      const result = await this.deps.planner.write({
        prompt,
        signal,
        onText: (text) => {
          latest = text;
          if (pending) return;
          const wait = interval - (Date.now() - last);
          if (wait <= 0) send();
          else pending = setTimeout(send, wait);
        },
      });
      const finished = result.stopReason === 'end_turn' || result.stopReason === 'max_tokens';
      if (finished && result.text.trim()) outcome = { move: 'finish', text: result.text };
      else if (result.stopReason === 'aborted') outcome = { move: 'stop', text: result.text };
      else outcome = { move: 'fail', text: result.text, error: result.error ?? (finished ? 'The planner answered without a document.' : `The planner stopped (${result.stopReason}).`) };
    } catch (e) {
      outcome = { move: 'fail', text: latest, error: (e as Error).message };
    }
    if (pending) clearTimeout(pending);
    // What the planner wrote goes to disk. A stop or failure keeps what was streamed, marked; with nothing
    // streamed the document stays as it was (a refined draft is not wiped by a Stop).
    const text = outcome.move === 'finish' ? outcome.text : outcome.text.trim() ? `${outcome.text.trimEnd()}\n\n${INCOMPLETE_MARK}\n` : undefined;
    if (text !== undefined && !this.disposed) {
      // The last text first, so an open editor already holds exactly what lands on disk (no conflict).
      this.deps.emit('specwriter/text', { dir: saved.state.dir, path: phase.path, text });
      await this.deps.files.write(phase.path, text);
      saved.generated[phase.kind] = sha256(text);
    }
    const ended = await this.checked(saved, applyMove(saved.state, outcome.move, outcome.error ? { error: outcome.error } : {}));
    // Not running any more from the moment the new state shows, so an Approve right after it is accepted.
    this.running.delete(saved.state.dir);
    saved.state = ended;
    await this.persist(saved);
  }

  /** Re-reads the current phase's document: problems and whether the user edited it. True when anything changed. */
  private async refresh(saved: SavedSpec): Promise<boolean> {
    const before = saved.state;
    const after = await this.checked(saved, before);
    if (after === before || saved.state !== before) return false;
    saved.state = after;
    return true;
  }

  /** `state` with the current phase's problems and edited flag as its document on disk says (same object if equal). */
  private async checked(saved: SavedSpec, state: SpecWriterState): Promise<SpecWriterState> {
    const phase = currentPhase(state);
    if (!phase || phase.status === 'pending' || phase.status === 'writing') return state;
    const text = (await this.deps.files.read(phase.path)) ?? '';
    const problems = validatePhase({ kind: phase.kind, path: phase.path, text }, await this.others(saved, phase.path));
    const edited = saved.generated[phase.kind] !== undefined && saved.generated[phase.kind] !== sha256(text);
    if (JSON.stringify(problems) === JSON.stringify(phase.problems) && edited === phase.edited) return state;
    return { ...state, phases: state.phases.map((p) => (p === phase ? { ...p, problems, edited } : p)) };
  }

  private async others(saved: SavedSpec, except: string): Promise<{ path: string; text: string }[]> {
    const paths = [`${saved.state.dir}/.config.kiro`, ...saved.state.phases.map((p) => p.path)].filter((p) => p !== except);
    const texts = await Promise.all(paths.map(async (path) => ({ path, text: await this.deps.files.read(path) })));
    return texts.filter((t): t is { path: string; text: string } => t.text !== undefined);
  }

  private async persist(saved: SavedSpec): Promise<void> {
    await this.deps.store.save(saved);
    this.deps.emit('specwriter/changed', saved.state);
  }

  private async get(dir: string): Promise<SavedSpec> {
    await this.load();
    const saved = this.specs.get(dir);
    if (!saved) throw new KeelError('NOT_FOUND', `The planner is not writing the spec in ${dir}.`);
    return saved;
  }

  /** Saved states, once; a phase left `writing` by a process that ended is `stopped` now. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      for (const s of await this.deps.store.list()) {
        if (this.specs.has(s.state.dir)) continue;
        const saved = { ...s, state: recoverInterrupted(s.state) };
        this.specs.set(s.state.dir, saved);
        // The documents may have been edited while Keel was closed: problems and `edited` as they are now.
        const refreshed = await this.refresh(saved).catch(() => false);
        if (refreshed || saved.state !== s.state) await this.deps.store.save(saved);
      }
    })();
    return this.loaded;
  }
}
