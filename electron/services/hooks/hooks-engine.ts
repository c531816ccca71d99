import type { FileChange } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { ChildProcessRunner, type CommandRunner } from './command-runner';
import { executeAction } from './hook-actions';
import type { LoadedHook, ValidHook } from './hook-loader';
import { matchesTool, matchingFiles } from './hook-match';
import { HookRegistry } from './hook-registry';
import type { AgentTurnRunner, EngineEvent, FileEvents, HookRun, HookTrigger, HookTrust, TaskInfo, ToolGate, ToolUse } from './hook-types';
import { LoopGuard } from './loop-guard';
import { RunLog } from './run-log';
import type { RunLogFile } from './run-log-file';
import { RunQueue } from './run-queue';
import { SaveEchoFilter } from './save-echo';

export interface HooksEngineOptions {
  /** The workspace folder (absolute). */
  root: string;
  fileEvents: FileEvents;
  trust: HookTrust;
  runner?: CommandRunner;
  agent?: AgentTurnRunner;
  /**
   * Quiet time after the last matching watcher event (files created/deleted) before the hook runs (default
   * 150 ms): the watcher delivers a `git checkout` as several batches ~50 ms apart, which must give one run.
   */
  debounceMs?: number;
  /** The same for saves (default 50 ms): a save is one deliberate act; the window only merges "Save All". */
  saveDebounceMs?: number;
  /** A steady stream of events still runs the hook at least this often (default 2 s). */
  maxWaitMs?: number;
  /** Runs at once across all hooks (default 2). */
  maxConcurrent?: number;
  /** How long after a run ends file changes are still taken as its own doing (default 1 s). */
  selfChangeGraceMs?: number;
  /** Base environment for hook commands (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Keeps the run log on disk: loaded at start, saved on every change (the Hooks pane shows it after a restart). */
  runLogFile?: RunLogFile;
  /** The user's own hooks folder (`~/.kiro/hooks`), absolute; none: workspace hooks only. */
  userHooksDir?: string;
}

function session(options: AgentEventOptions): { sessionId?: string } {
  return options.sessionId !== undefined ? { sessionId: options.sessionId } : {};
}

export interface HookInfo {
  id: string;
  file: string;
  name: string;
  status: LoadedHook['status'];
  format?: 'v1' | 'legacy';
  scope: 'workspace' | 'user';
  event?: EngineEvent;
  action?: 'runCommand' | 'askAgent';
  /** v1 matcher or 0.x patterns/toolTypes, as written (for lists). */
  matcher?: string;
  description?: string;
  /** invalid / unsupported: why. */
  reason?: string;
  warnings: string[];
  /** The file changed since the user approved it (or never was): it will not run until approved. */
  needsApproval: boolean;
}

/** For events from the agent. */
export interface AgentEventOptions {
  /** Skips askAgent hooks (an askAgent hook's own turn must not start more turns). */
  commandsOnly?: boolean;
  /**
   * The event comes from inside a running hook (its agent turn), which already holds a concurrency slot: these runs
   * do not wait for one, or two such hooks holding both slots would wait on each other forever.
   */
  nested?: boolean;
  /** The agent session the event comes from (a v1 command reads it as `session_id`). */
  sessionId?: string;
}

function agentFilter(options: AgentEventOptions): (h: ValidHook) => boolean {
  return options.commandsOnly ? (h) => h.entry.action.type === 'command' : () => true;
}

/** The run log's (and the contract's) name for a hook's action. */
export function actionKind(h: ValidHook): 'runCommand' | 'askAgent' {
  return h.entry.action.type === 'command' ? 'runCommand' : 'askAgent';
}

interface Pending {
  files: Set<string>;
  chain: Set<string>;
  timer?: NodeJS.Timeout;
  firstAt: number;
}

/** Watcher changes → hook events; `changed` is an edit by another program, git or the agent (saves come via notifySaved). */
const FILE_EVENT_OF: Record<FileChange['type'], EngineEvent> = { created: 'fileCreated', changed: 'fileEdited', deleted: 'fileDeleted' };

/**
 * Runs the workspace's Kiro hooks. File hooks are debounced per hook and coalesced (a checkout touching 1,000
 * files gives one run with the whole list); other events run at once. At most `maxConcurrent` runs go at a
 * time, one per file hook. Nothing runs in an untrusted workspace or from a hook file changed since approval —
 * such runs are logged as `blocked` with the reason. File changes made while a hook runs (and just after) are
 * taken as that hook's own doing and never retrigger it, nor any hook that they set off in turn.
 */
export class HooksEngine implements Disposable {
  readonly log = new RunLog();
  private readonly registry: HookRegistry;
  private readonly disposables = new DisposableStore();
  private readonly pending = new Map<string, Pending>();
  private readonly busy = new Set<string>();
  private readonly controllers = new Map<string, AbortController>();
  /** preToolUse runs whose hook asked to block, with the reason; read (and dropped) by preToolUse. */
  private readonly blockReasons = new Map<string, string>();
  private readonly queue: RunQueue;
  private readonly loops: LoopGuard;
  private readonly runner: CommandRunner;
  private readonly echoes: SaveEchoFilter;
  private disposed = false;

  private constructor(private readonly options: HooksEngineOptions) {
    this.registry = new HookRegistry(options.root, options.userHooksDir);
    this.queue = new RunQueue(options.maxConcurrent ?? 2);
    this.loops = new LoopGuard(options.selfChangeGraceMs ?? 1000);
    this.runner = options.runner ?? new ChildProcessRunner();
    this.echoes = new SaveEchoFilter(options.root);
  }

  static async start(options: HooksEngineOptions): Promise<HooksEngine> {
    const engine = new HooksEngine(options);
    const file = options.runLogFile;
    if (file) {
      engine.log.seed(await file.load().catch(() => []));
      engine.disposables.add(engine.log.onDidUpdate(() => void file.save(engine.log.list())));
    }
    await engine.registry.loadAll();
    engine.disposables.add(options.fileEvents.onDidChange((changes) => void engine.onFileChanges(changes)));
    return engine;
  }

  onDidChangeHooks(listener: () => void): Disposable {
    return this.registry.onDidChange(() => listener());
  }

  onDidUpdateRun(listener: (run: HookRun) => void): Disposable {
    return this.log.onDidUpdate(listener);
  }

  async hooks(): Promise<HookInfo[]> {
    const out: HookInfo[] = [];
    for (const h of this.registry.list()) {
      const base = { id: h.id, file: h.file, name: h.name, status: h.status, scope: h.scope, ...(h.format ? { format: h.format } : {}), needsApproval: !(await this.isApproved(h)) };
      if ('entry' in h) {
        const matcher = h.entry.matcher ?? (h.entry.patterns ?? h.entry.toolTypes)?.join(', ');
        out.push({ ...base, event: h.event, action: actionKind(h), ...(matcher !== undefined ? { matcher } : {}), ...(h.entry.description !== undefined ? { description: h.entry.description } : {}), warnings: h.warnings });
      } else {
        out.push({ ...base, reason: h.reason, warnings: [] });
      }
    }
    return out;
  }

  runs(): HookRun[] {
    return this.log.list();
  }

  /** The editor saved `file` (workspace-relative). Saves made by the agent count as its hook's own changes. */
  notifySaved(file: string, source: 'user' | 'agent' = 'user'): void {
    this.echoes.recordSave(file);
    const chain = source === 'agent' ? this.loops.currentChain() : new Set<string>();
    this.dispatchFiles('fileEdited', [file], chain, this.options.saveDebounceMs ?? 50);
  }

  /** Runs a userTriggered hook now (the Hooks pane's button, the command palette). */
  async trigger(hookId: string): Promise<HookRun> {
    const hook = this.registry.get(hookId);
    if (!hook) throw new Error(`No hook ${hookId}.`);
    if (hook.status !== 'ready') throw new Error(`Hook "${hook.name}" cannot run: it is ${hook.status}.`);
    if (hook.event !== 'userTriggered') throw new Error(`Hook "${hook.name}" runs on ${hook.entry.trigger}, not by hand.`);
    return this.startRun(hook, { event: 'userTriggered' }, new Set());
  }

  /** promptSubmit hooks; their runs (with output) once all ended — the agent adds what they say to the prompt. */
  promptSubmitted(prompt: string, options: AgentEventOptions = {}): Promise<HookRun[]> {
    return this.runMatching({ event: 'promptSubmit', prompt, ...session(options) }, agentFilter(options), options.nested);
  }

  /** SessionStart hooks (v1 only): at a chat session's first prompt; what they say joins that prompt. */
  sessionStarted(options: AgentEventOptions = {}): Promise<HookRun[]> {
    return this.runMatching({ event: 'sessionStart', ...session(options) }, agentFilter(options), options.nested);
  }

  agentStopped(options: AgentEventOptions = {}): Promise<HookRun[]> {
    return this.runMatching({ event: 'agentStop', ...session(options) }, agentFilter(options), options.nested);
  }

  taskExecution(phase: 'pre' | 'post', task: TaskInfo): Promise<HookRun[]> {
    return this.runMatching({ event: phase === 'pre' ? 'preTaskExecution' : 'postTaskExecution', task });
  }

  /** Runs the preTaskExecution hooks; one that blocks (a v1 command's exit 2) stops the task with its reason. */
  async preTaskGate(task: TaskInfo): Promise<ToolGate> {
    return this.gate(await this.runMatching({ event: 'preTaskExecution', task }));
  }

  /** Runs the matching preToolUse hooks; any that fails (or whose agent says block) stops the tool call. */
  async preToolUse(tool: ToolUse, options: AgentEventOptions = {}): Promise<ToolGate> {
    const only = agentFilter(options);
    const runs = await this.runMatching({ event: 'preToolUse', tool, ...session(options) }, (h) => matchesTool(h.entry, tool) && only(h), options.nested);
    return this.gate(runs);
  }

  /**
   * Whether pre-hooks' runs let the call go ahead: a run blocks when its action said so — a 0.x command that
   * failed or timed out, a v1 command that exited 2, an agent hook whose turn said block.
   */
  private gate(runs: HookRun[]): ToolGate {
    const blocking = runs.find((r) => this.blockReasons.has(r.id));
    const reason = blocking ? (this.blockReasons.get(blocking.id) ?? `"${blocking.hookName}" refused the call.`) : undefined;
    for (const r of runs) this.blockReasons.delete(r.id);
    return reason === undefined ? { allowed: true, runs } : { allowed: false, reason, runs };
  }

  postToolUse(tool: ToolUse, options: AgentEventOptions = {}): Promise<HookRun[]> {
    const only = agentFilter(options);
    return this.runMatching({ event: 'postToolUse', tool, ...session(options) }, (h) => matchesTool(h.entry, tool) && only(h), options.nested);
  }

  cancel(runId: string): void {
    this.controllers.get(runId)?.abort();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    this.pending.clear();
    for (const c of this.controllers.values()) c.abort();
    this.registry.dispose();
    await this.disposables.dispose();
    await this.options.runLogFile?.flush();
  }

  private async onFileChanges(changes: readonly FileChange[]): Promise<void> {
    const chain = this.loops.currentChain();
    await this.registry.applyChanges(changes);
    // The watcher also reports the editor's own saves, which notifySaved already dispatched.
    const echo = await Promise.all(changes.map((c) => (c.type !== 'deleted' && !c.isDirectory ? this.echoes.isEcho(c.path) : false)));
    const fresh = changes.filter((_, i) => !echo[i]);
    for (const [type, event] of Object.entries(FILE_EVENT_OF) as [FileChange['type'], EngineEvent][]) {
      const files = fresh.filter((c) => c.type === type && !c.isDirectory).map((c) => c.path);
      if (files.length) this.dispatchFiles(event, files, chain, this.options.debounceMs ?? 150);
    }
  }

  private dispatchFiles(event: EngineEvent, files: string[], chain: Set<string>, debounceMs: number): void {
    if (this.disposed) return;
    for (const hook of this.registry.list()) {
      if (hook.status !== 'ready' || hook.event !== event || chain.has(hook.id)) continue;
      const matched = matchingFiles(hook.entry, files);
      if (matched.length === 0) continue;
      const now = Date.now();
      const p = this.pending.get(hook.id) ?? { files: new Set<string>(), chain: new Set<string>(), firstAt: now };
      for (const f of matched) p.files.add(f);
      for (const c of chain) p.chain.add(c);
      this.pending.set(hook.id, p);
      if (p.timer) clearTimeout(p.timer);
      const wait = Math.max(0, Math.min(debounceMs, p.firstAt + (this.options.maxWaitMs ?? 2000) - now));
      p.timer = setTimeout(() => this.flush(hook.id, event), wait);
    }
  }

  /** Debounce over: run with everything gathered, or wait for the hook's current run and go right after it. */
  private flush(hookId: string, event: EngineEvent): void {
    const p = this.pending.get(hookId);
    if (!p || this.disposed) return;
    if (p.timer) clearTimeout(p.timer);
    p.timer = undefined;
    if (this.busy.has(hookId)) return; // picked up when the running one ends
    this.pending.delete(hookId);
    const hook = this.registry.get(hookId);
    if (!hook || hook.status !== 'ready') return;
    this.busy.add(hookId);
    void this.startRun(hook, { event, files: [...p.files].sort() }, p.chain).finally(() => {
      this.busy.delete(hookId);
      if (this.pending.has(hookId)) this.flush(hookId, event);
    });
  }

  private async runMatching(trigger: HookTrigger, filter: (h: ValidHook) => boolean = () => true, nested = false): Promise<HookRun[]> {
    const hooks = this.registry
      .list()
      .filter((h): h is ValidHook => h.status === 'ready' && h.event === trigger.event && filter(h));
    const chain = this.loops.currentChain();
    return Promise.all(hooks.map((h) => this.startRun(h, trigger, chain, nested)));
  }

  private async startRun(hook: ValidHook, trigger: HookTrigger, chain: Set<string>, nested = false): Promise<HookRun> {
    const run = this.log.add({
      id: this.log.nextId(),
      hookId: hook.id,
      hookName: hook.name,
      action: actionKind(hook),
      trigger,
      status: 'queued',
      queuedAt: Date.now(),
      output: '',
    });
    const refusal = await this.refusal(hook);
    if (refusal) return this.log.update(run.id, { status: 'blocked', reason: refusal, endedAt: Date.now() }) ?? run;

    const controller = new AbortController();
    this.controllers.set(run.id, controller);
    try {
      const slot = <T>(job: () => Promise<T>): Promise<T> => (nested ? job() : this.queue.run(job));
      return await slot(async () => {
        if (controller.signal.aborted) return this.log.update(run.id, { status: 'cancelled', reason: 'Cancelled before it started.', endedAt: Date.now() }) ?? run;
        // Trust may have been withdrawn while the run waited for a slot.
        const late = await this.refusal(hook);
        if (late) return this.log.update(run.id, { status: 'blocked', reason: late, endedAt: Date.now() }) ?? run;
        const attribution = this.loops.begin(new Set([...chain, hook.id]));
        let output = '';
        try {
          const result = await executeAction(hook.entry, trigger, {
            root: this.options.root,
            hookId: hook.id,
            env: this.options.env ?? process.env,
            runner: this.runner,
            ...(this.options.agent ? { agent: this.options.agent } : {}),
            signal: controller.signal,
            onStart: () => void this.log.update(run.id, { status: 'running', startedAt: Date.now() }),
            onOutput: (chunk) => {
              output += chunk;
            },
          });
          const endedAt = Date.now();
          const startedAt = this.log.get(run.id)?.startedAt ?? endedAt;
          if (result.block !== undefined && (trigger.event === 'preToolUse' || trigger.event === 'preTaskExecution')) this.blockReasons.set(run.id, result.block);
          return (
            this.log.update(run.id, {
              status: result.status,
              endedAt,
              durationMs: endedAt - startedAt,
              output: result.output || output,
              ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}),
              ...(result.reason !== undefined ? { reason: result.reason } : {}),
            }) ?? run
          );
        } finally {
          attribution.end();
        }
      });
    } finally {
      this.controllers.delete(run.id);
    }
  }

  /** Why this hook may not run now, or undefined when it may. */
  private async refusal(hook: LoadedHook): Promise<string | undefined> {
    if (!(await this.options.trust.isWorkspaceTrusted())) return 'The workspace is not trusted: hooks do not run until you trust it.';
    if (!(await this.isApproved(hook))) {
      return `${hook.file} changed since you approved it: review and approve it to let it run.`;
    }
    return undefined;
  }

  /**
   * User-level hooks (`~/.kiro/hooks/`) are the user's own files on this machine, not something a repository
   * brings: like VS Code's user settings they need no per-file approval — but workspace trust still gates them.
   */
  private isApproved(hook: LoadedHook): Promise<boolean> {
    return hook.scope === 'user' ? Promise.resolve(true) : this.options.trust.isHookApproved(hook.file, hook.content);
  }
}
