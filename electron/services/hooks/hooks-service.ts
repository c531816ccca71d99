import { KeelError, type FileChange, type HookRunInfo, type HooksState } from '../../../protocol';
import { createTwoFilesPatch } from 'diff';
import os from 'node:os';
import path from 'node:path';
import { createHookV1Text, editHook, editHookV1, parseHook, parseHookFile, TRIGGER_OF_EVENT, upgradeLegacyHook, type HookEvent } from '../../../specs-schema';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { defineFolderService } from '../app/folder-service';
import type { WorkspaceTrust } from '../trust/workspace-trust';
import { workspaceTrustKey } from '../trust/workspace-trust';
import { agentHostKey } from '../agent/agent-host';
import { agentHooksKey } from '../agent/agent-hooks';
import { agentTurnRunner } from './agent-turns';
import { fileOfHookId, loadHookFile } from './hook-loader';
import { patternMatcher } from './hook-match';
import type { CommandRunner } from './command-runner';
import type { AgentTurnRunner, HookRun } from './hook-types';
import { HooksEngine } from './hooks-engine';
import { RunLogFile, runLogPath } from './run-log-file';
import { hookCommandRunnerKey, hookTerminalChoicesKey } from './terminal-keys';

/** The slice of WorkspaceService the hooks need (tests pass a fake). */
export interface HooksWorkspace {
  readonly root: string;
  onDidChangeFiles(listener: (changes: readonly FileChange[]) => void): Disposable;
  onDidSave(listener: (path: string) => void): Disposable;
  startWatching(): Promise<void>;
  readonly index: { query(query: string, limit: number): Promise<{ matches: { path: string }[] }> };
  readonly fs: {
    readFile(rel: string): Promise<{ content: string; version: string }>;
    writeFile(rel: string, content: string, expectedVersion?: string): Promise<unknown>;
    createFile(rel: string, content: string): Promise<unknown>;
    delete(rel: string): Promise<void>;
  };
}

export interface HooksServiceOptions {
  workspace: HooksWorkspace;
  trust: WorkspaceTrust;
  onState?: (state: HooksState) => void;
  onRun?: (run: HookRunInfo) => void;
  agent?: AgentTurnRunner;
  /** Where the run log is kept across restarts (none: it lives in memory only). */
  runLogFile?: string;
  /** Runs hook commands (default: in the background); the folder's runner puts chosen hooks in a visible terminal. */
  runner?: CommandRunner;
  /** Which hooks the user chose to run in a visible terminal (a Keel setting in user data). */
  terminalChoices?: TerminalChoices;
  /** Engine timings for tests. */
  engine?: { debounceMs?: number; saveDebounceMs?: number };
  /** The user's own hooks folder (default `~/.kiro/hooks`; tests point it elsewhere). */
  userHooksDir?: string;
}

/** `~/.kiro/hooks` of the user running Keel (KEEL_USER_HOOKS_DIR overrides it, for tests and portable setups). */
export function defaultUserHooksDir(): string {
  return process.env.KEEL_USER_HOOKS_DIR ?? path.join(os.homedir(), '.kiro', 'hooks');
}

/** The slice of HookTerminalChoices the service needs. */
export interface TerminalChoices {
  hooksInTerminal(): Promise<string[]>;
  set(hookId: string, inTerminal: boolean): Promise<void>;
}

export const UNTRUSTED_HOOKS = 'Restricted mode: hooks do not run until you trust this folder.';

/**
 * The open folder's hooks: the engine fed by the editor's saves and the watcher, its hook list and run log for
 * the Hooks pane, and the pane's edits (enable toggle, form save) written so that what the user authored in Keel
 * stays approved. In an untrusted folder hooks are listed and editable but every run is refused (logged as
 * blocked with the reason).
 */
export class HooksService implements Disposable {
  readonly engine: Promise<HooksEngine>;
  private readonly disposables = new DisposableStore();

  constructor(private readonly options: HooksServiceOptions) {
    const { workspace, trust } = options;
    this.engine = HooksEngine.start({
      root: workspace.root,
      fileEvents: { onDidChange: (listener) => workspace.onDidChangeFiles(listener) },
      trust: {
        isWorkspaceTrusted: async () => {
          await trust.ready.catch(() => undefined);
          return trust.isTrusted();
        },
        isHookApproved: (file, content) => trust.isApprovedContent(file, content),
      },
      ...(options.agent ? { agent: options.agent } : {}),
      ...(options.runLogFile ? { runLogFile: new RunLogFile(options.runLogFile, workspace.root) } : {}),
      ...(options.runner ? { runner: options.runner } : {}),
      ...(options.userHooksDir ? { userHooksDir: options.userHooksDir } : {}),
      ...options.engine,
    });
    this.engine.catch((err: unknown) => console.error('Keel: the hooks engine could not start:', err));
    void this.engine.then((engine) => {
      if (this.disposables.isDisposed) return;
      this.disposables.add(workspace.onDidSave((file) => engine.notifySaved(file)));
      this.disposables.add(engine.onDidChangeHooks(() => this.announce()));
      this.disposables.add(engine.onDidUpdateRun((run) => options.onRun?.(runInfo(run))));
      this.disposables.add(trust.onDidChange(() => this.announce()));
      this.announce();
    }, () => undefined);
    // File hooks of a trusted folder need the watcher even before the explorer lists anything (which starts it
    // otherwise); an untrusted folder keeps the lazy start until it is trusted.
    const watchIfTrusted = () => void (trust.isTrusted() ? workspace.startWatching().catch(() => undefined) : undefined);
    void trust.ready.then(watchIfTrusted, () => undefined);
    this.disposables.add(trust.onDidChange(watchIfTrusted));
  }

  async state(): Promise<HooksState> {
    const engine = await this.engine;
    await this.options.trust.ready.catch(() => undefined);
    const hooks = await engine.hooks();
    const trusted = this.options.trust.isTrusted();
    const inTerminal = new Set(await this.options.terminalChoices?.hooksInTerminal().catch(() => []));
    return {
      hooks: hooks.map((h) => ({
        id: h.id,
        file: h.file,
        name: h.name,
        status: h.status,
        ...(h.format ? { format: h.format } : {}),
        scope: h.scope,
        ...(h.event ? { event: h.event, trigger: h.event === 'sessionStart' ? 'SessionStart' : TRIGGER_OF_EVENT[h.event as HookEvent] } : {}),
        ...(h.matcher !== undefined ? { matcher: h.matcher } : {}),
        ...(h.description !== undefined ? { description: h.description } : {}),
        ...(h.action ? { action: h.action } : {}),
        ...(h.reason ? { reason: h.reason } : {}),
        warnings: h.warnings,
        // In restricted mode nothing was ever approved: the folder's trust, not each file, is the question.
        needsApproval: trusted && h.needsApproval,
        ...(h.action === 'runCommand' && this.options.terminalChoices ? { inTerminal: inTerminal.has(h.id) } : {}),
      })),
      ...(trusted ? {} : { blocked: UNTRUSTED_HOOKS }),
    };
  }

  async runs(): Promise<HookRunInfo[]> {
    return (await this.engine).runs().map(runInfo);
  }

  async run(id: string): Promise<string> {
    const engine = await this.engine;
    try {
      return (await engine.trigger(id)).id;
    } catch (err) {
      throw new KeelError('BAD_REQUEST', err instanceof Error ? err.message : String(err));
    }
  }

  async cancel(runId: string): Promise<void> {
    (await this.engine).cancel(runId);
  }

  /**
   * Writes a hook from the form or the raw view. Refused unless it is a valid hook in today's format; the written
   * text is approved (the user authored it here), so it keeps running in a trusted folder.
   */
  async save(id: string, content: string, create: boolean): Promise<void> {
    const loaded = loadHookFile(id, content);
    const broken = loaded.find((h) => h.status === 'invalid' || h.status === 'unsupported');
    if (broken && 'reason' in broken) throw new KeelError('BAD_REQUEST', broken.reason);
    if (loaded.length === 0) throw new KeelError('BAD_REQUEST', 'The file holds no hooks.');
    await this.options.trust.approveOwnWrite(id, content);
    if (create) await this.options.workspace.fs.createFile(id, content);
    else await this.options.workspace.fs.writeFile(id, content);
  }

  /**
   * Flips `enabled` with a minimal edit (in a v1 file: of that one hook); an approved file stays approved, an
   * unreviewed one stays unreviewed.
   */
  async setEnabled(id: string, enabled: boolean): Promise<void> {
    const file = fileOfHookId(id);
    if (file.startsWith('~/')) throw new KeelError('BAD_REQUEST', `${file} is one of your own hooks (outside this folder); edit it there.`);
    const { content, version } = await this.options.workspace.fs.readFile(file);
    const index = file === id ? undefined : Number(id.slice(file.length + 1));
    const v1 = parseHookFile(content);
    if (!v1.json.value || typeof v1.json.value !== 'object') throw new KeelError('BAD_REQUEST', `${file} is not a hook object; fix it in the raw view first.`);
    const edit = v1.format === 'v1' ? editHookV1(v1, index ?? 0, ['enabled'], enabled) : editHook(parseHook(content), ['enabled'], enabled);
    if (edit.diagnostics.some((d) => d.severity === 'error')) {
      throw new KeelError('BAD_REQUEST', edit.diagnostics.map((d) => d.message).join(' '));
    }
    if (edit.text === content) return;
    const wasApproved = await this.options.trust.isApprovedContent(file, content);
    if (wasApproved) await this.options.trust.approveOwnWrite(file, edit.text);
    await this.options.workspace.fs.writeFile(file, edit.text, version);
  }

  /**
   * Kiro's "Upgrade" of a 0.x hook: the v1 file it becomes (next to it, `<name>.json`, or `<name>-v1.json` when
   * that is taken) and the diff from the old file. Nothing is written here: the view saves the new file and deletes
   * the old one only after the user confirms.
   */
  async upgradePreview(id: string): Promise<{ file: string; content: string; diff: string }> {
    const { content } = await this.options.workspace.fs.readFile(id);
    const doc = parseHookFile(content);
    const legacy = parseHook(content).hook;
    if (doc.format !== 'legacy' || !legacy) throw new KeelError('BAD_REQUEST', `${id} is not a valid 0.x (when/then) hook, so there is nothing to upgrade.`);
    const made = createHookV1Text([upgradeLegacyHook(legacy)]);
    if (made.diagnostics.length) throw new KeelError('BAD_REQUEST', made.diagnostics.map((d) => d.message).join(' '));
    const stem = id.replace(/(\.kiro\.hook|\.json)$/, '');
    const exists = (rel: string) => this.options.workspace.fs.readFile(rel).then(() => true, () => false);
    let file = `${stem}.json`;
    for (let n = 1; file === id || (await exists(file)); n++) file = `${stem}-v1${n > 1 ? `-${n}` : ''}.json`;
    const diff = createTwoFilesPatch(id, file, content, made.text, undefined, undefined, { context: 3 });
    return { file, content: made.text, diff };
  }

  /** Workspace files (the quick-open index: .gitignore honoured) that `patterns` select, sorted, at most `limit`. */
  async matchFiles(patterns: string[], limit: number): Promise<{ files: string[]; total: number }> {
    const isMatch = patternMatcher(patterns);
    const { matches } = await this.options.workspace.index.query('', Number.MAX_SAFE_INTEGER);
    const all = matches.map((m) => m.path).filter(isMatch).sort();
    return { files: all.slice(0, limit), total: all.length };
  }

  /** Runs a runCommand hook in a visible terminal or in the background from its next run on. */
  async setTerminal(id: string, inTerminal: boolean): Promise<void> {
    if (!this.options.terminalChoices) throw new KeelError('BAD_REQUEST', 'Hooks cannot run in a terminal here.');
    await this.options.terminalChoices.set(id, inTerminal);
    this.announce();
  }

  async delete(id: string): Promise<void> {
    await this.options.workspace.fs.delete(id);
  }

  async dispose(): Promise<void> {
    await this.disposables.dispose();
    const engine = await this.engine.catch(() => undefined);
    await engine?.dispose();
  }

  private announce(): void {
    if (!this.options.onState || this.disposables.isDisposed) return;
    void this.state().then(
      (s) => !this.disposables.isDisposed && this.options.onState?.(s),
      (err: unknown) => console.error('Keel: could not list the hooks:', err),
    );
  }
}

/** The protocol's copy of a run: tool input stays in the main process (it can be large and is not shown). */
export function runInfo(run: HookRun): HookRunInfo {
  const { tool, ...trigger } = run.trigger;
  return {
    ...run,
    trigger: { ...trigger, ...(tool ? { tool: { name: tool.name, ...(tool.category ? { category: tool.category } : {}) } } : {}) },
  };
}

export const hooksServiceKey = defineFolderService('hooks', (ctx) => {
  const lifecycle = ctx.scoped(agentHooksKey);
  const service = new HooksService({
    workspace: ctx.workspace,
    trust: ctx.scoped(workspaceTrustKey),
    onState: (state) => ctx.emit('hooks/changed', state),
    onRun: (run) => ctx.emit('hooks/run', run),
    // The agent host is created only when an askAgent hook first runs; its sessions are marked as the hook's own.
    agent: agentTurnRunner(
      () => ctx.scoped(agentHostKey),
      (sessionId) => lifecycle.markHookSession(sessionId),
    ),
    runLogFile: runLogPath(ctx.userDataDir, ctx.workspace.root),
    // Background by default; a visible terminal tab for the hooks the user chose (helper T's runner).
    runner: ctx.scoped(hookCommandRunnerKey),
    userHooksDir: defaultUserHooksDir(),
    terminalChoices: ctx.scoped(hookTerminalChoicesKey),
  });
  // The agent's prompts, tool calls and turn ends reach this folder's hooks.
  lifecycle.connect(service.engine);
  return service;
});
