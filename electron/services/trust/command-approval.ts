import type { CommandAnswer, CommandAsk, CommandRule, CommandVerdictInfo, PermissionRuleRef, PermissionScope } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { Emitter } from '../../base/emitter';
import { defineFolderService } from '../app/folder-service';
import type { CommandRulesStore } from './command/command-rules-store';
import type { CommandTrust, CommandVerdict } from './command/command-trust';
import type { RunMode } from './command/sandbox-reach';
import { defaultCommandSandbox } from '../sandbox/command-sandbox';
import { sharedCommandTrust, sharedRulesStore } from './shared-stores';
import { workspaceTrustKey } from './workspace-trust';
import { permissionsKey, shellPermissions } from '../permissions';

export interface CommandRequest {
  command: string;
  cwd?: string;
  source: 'agent' | 'hook';
  sessionId?: string;
  /** The agent says the command must run outside the OS sandbox: always asks. */
  leaveSandbox?: boolean;
}

export interface CommandDecision {
  run: boolean;
  /** The command to run: the one asked about, or the user's edited version ("Modify"). */
  command: string;
  /** Why it does not run (or, when it runs after asking, how it was allowed). */
  reason?: string;
  /** Where it runs: confined in the OS sandbox, confined but online, or outside it (absent: no sandbox known). */
  sandbox?: RunMode;
}

export interface CommandApprovalOptions {
  /** Trust of the open folder (waits only while the stored decisions are first read). */
  isWorkspaceTrusted: () => boolean | Promise<boolean>;
  commandTrust: () => Promise<CommandTrust>;
  rules: () => Promise<CommandRulesStore>;
  /**
   * Kiro's permission rules on this command (see permissions/shell-permissions): deny refuses, ask asks even what
   * the trust rules would run, allow runs what they would ask about (never a destructive or unparsed command).
   */
  permissions?: (command: string, parts: readonly string[]) => Promise<PermissionRuleRef | undefined>;
  /** "Always allow" with a scope: writes an allow rule to that scope's permissions.yaml. */
  allowAlways?: (scope: PermissionScope, patterns: readonly string[]) => Promise<{ file: string }>;
  /** Whether an OS sandbox confines commands here, and the folder it confines them to. Absent: the read-only defaults. */
  sandbox?: { available: () => Promise<boolean>; workspace: string };
}

interface Waiting {
  ask: CommandAsk;
  verdict: CommandVerdict;
  leave: boolean;
  resolve: (decision: CommandDecision) => void;
}

export const UNTRUSTED_REASON = 'The workspace is not trusted (restricted mode): the agent may not run shell commands. Trust the folder to allow them.';

/**
 * The gate every agent (and askAgent hook) shell command passes. A command runs unasked only in a trusted
 * folder and when every simple command in it is trusted (read-only defaults or the user's rules); an untrusted
 * folder refuses at once; anything else is put to the user (`onAsk` → the ask dialog) and waits for
 * Run / Run and trust / Modify / Reject, or for the caller's signal to give up.
 */
export class CommandApproval implements Disposable {
  private readonly waiting = new Map<string, Waiting>();
  private readonly asked = new Emitter<CommandAsk>();
  private readonly closed = new Emitter<{ id: string }>();
  private counter = 0;
  private disposed = false;

  /** A command needs the user's answer (shown as the ask dialog). */
  readonly onAsk = this.asked.event;
  /** An ask was answered or withdrawn: its dialog closes. */
  readonly onAskClosed = this.closed.event;

  constructor(private readonly options: CommandApprovalOptions) {}

  async ask(request: CommandRequest, signal?: AbortSignal): Promise<CommandDecision> {
    const command = request.command;
    if (this.disposed) return { run: false, command, reason: 'The folder was closed.' };
    if (!(await this.options.isWorkspaceTrusted())) return { run: false, command, reason: UNTRUSTED_REASON };
    const leave = request.leaveSandbox === true;
    const verdict = await this.evaluateVerdict(command, leave);
    const rule = await this.options.permissions?.(command, verdict.commands.map((c) => c.text));
    if (rule?.effect === 'deny') return { run: false, command, reason: `Denied by a permissions rule (${rule.label}).` };
    if (verdict.decision === 'run' && rule?.effect !== 'ask') return { run: true, command, ...where(verdict) };
    // An allow rule never lifts a warning — destructive, or leaving the sandbox (those ask every time).
    if (rule?.effect === 'allow' && verdict.warnings.length === 0 && verdict.parseError === undefined) return { run: true, command, reason: `Allowed by ${rule.label}.`, ...where(verdict) };
    if (signal?.aborted) return { run: false, command, reason: 'Cancelled before the user answered.' };

    this.counter += 1;
    const ask: CommandAsk = {
      id: `ask-${Date.now().toString(36)}-${this.counter}`,
      command,
      source: request.source,
      ...(request.cwd !== undefined ? { cwd: request.cwd } : {}),
      ...(request.sessionId !== undefined ? { sessionId: request.sessionId } : {}),
      ...verdictInfo(verdict),
      ...(rule?.effect === 'ask' ? { rule } : {}),
    };
    return new Promise<CommandDecision>((resolve) => {
      const onAbort = () => this.settle(ask.id, { run: false, command, reason: 'Cancelled before the user answered.' });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(ask.id, {
        ask,
        verdict,
        leave,
        resolve: (decision) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(decision);
        },
      });
      this.asked.fire(ask);
    });
  }

  /** The asks still waiting (a renderer that connects late shows them). */
  pending(): CommandAsk[] {
    return [...this.waiting.values()].map((w) => w.ask);
  }

  /** The user's answer. A pattern for "Run and trust" must be one the ask offered (or a valid rule). */
  async answer(id: string, answer: CommandAnswer): Promise<void> {
    const entry = this.waiting.get(id);
    if (!entry) throw new Error('This command is no longer waiting for an answer.');
    const command = entry.ask.command;
    switch (answer.choice) {
      case 'run':
        this.settle(id, { run: true, command, reason: 'Allowed once by the user.', ...where(entry.verdict) });
        return;
      case 'runAndTrust': {
        if (entry.verdict.warnings.length > 0) throw new Error('A destructive command cannot be trusted; choose Run to allow it once.');
        if (answer.scope && this.options.allowAlways) {
          const { file } = await this.options.allowAlways(answer.scope, answer.patterns);
          this.settle(id, { run: true, command, reason: `Allowed, and always allowed in ${file}: ${answer.patterns.join(', ')}.` });
          return;
        }
        const rules = await this.options.rules();
        for (const pattern of answer.patterns) await rules.add({ pattern, match: 'prefix' });
        this.settle(id, { run: true, command, reason: `Allowed and trusted: ${answer.patterns.join(', ')}.`, ...where(entry.verdict) });
        return;
      }
      case 'modify': {
        // The user wrote this command themselves in the dialog: running it is their explicit decision — in the
        // sandbox unless the edited command (or the agent's request) needs to leave it.
        const edited = await this.evaluateVerdict(answer.command, entry.leave);
        this.settle(id, { run: true, command: answer.command, reason: 'Edited and allowed by the user.', ...where(edited) });
        return;
      }
      case 'reject':
        this.settle(id, { run: false, command, reason: answer.reason?.trim() ? `Rejected by the user: ${answer.reason.trim()}` : 'Rejected by the user.' });
        return;
    }
  }

  async evaluate(command: string): Promise<CommandVerdictInfo> {
    const verdict = await this.evaluateVerdict(command);
    return { decision: verdict.decision, ...verdictInfo(verdict) };
  }

  async rules(): Promise<CommandRule[]> {
    return (await this.options.rules()).rules();
  }

  async addRule(rule: CommandRule): Promise<CommandRule[]> {
    const store = await this.options.rules();
    await store.add(rule);
    return store.rules();
  }

  async removeRule(rule: CommandRule): Promise<CommandRule[]> {
    const store = await this.options.rules();
    await store.remove(rule);
    return store.rules();
  }

  /** Closing the folder refuses every command still waiting. */
  dispose(): void {
    this.disposed = true;
    for (const id of [...this.waiting.keys()]) this.settle(id, { run: false, command: this.waiting.get(id)?.ask.command ?? '', reason: 'The folder was closed.' });
  }

  private async evaluateVerdict(command: string, leave = false): Promise<CommandVerdict> {
    const sandbox = this.options.sandbox;
    const [trust, rules, available] = await Promise.all([this.options.commandTrust(), this.options.rules(), sandbox?.available()]);
    return trust.evaluate(command, rules.rules(), sandbox ? { available: available === true, workspace: sandbox.workspace, leave } : undefined);
  }

  private settle(id: string, decision: CommandDecision): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    entry.resolve(decision);
    this.closed.fire({ id });
  }
}

function where(verdict: CommandVerdict): { sandbox?: RunMode } {
  return verdict.runMode ? { sandbox: verdict.runMode } : {};
}

function verdictInfo(verdict: CommandVerdict): Omit<CommandVerdictInfo, 'decision'> {
  return {
    warnings: verdict.warnings,
    commands: verdict.commands.map((c) => ({ text: c.text, trusted: c.trusted, reason: c.reason, origin: c.origin })),
    suggestedPatterns: verdict.suggestedPatterns,
    ...(verdict.parseError !== undefined ? { parseError: verdict.parseError } : {}),
  };
}

/**
 * The open folder's command gate (promise 3 of the session plan). Asks are broadcast as `trust/commandAsk`;
 * answers arrive through `trust/answerCommand`.
 */
export const commandApprovalKey = defineFolderService('commandApproval', (ctx) => {
  const trust = ctx.scoped(workspaceTrustKey);
  const approval = new CommandApproval({
    isWorkspaceTrusted: async () => {
      await trust.ready.catch(() => undefined);
      return trust.isTrusted();
    },
    commandTrust: sharedCommandTrust,
    rules: () => sharedRulesStore(ctx.userDataDir),
    ...shellPermissions(ctx.scoped(permissionsKey)),
    // Agent commands run in the OS sandbox where there is one (bubblewrap, sandbox-exec): confined ones unasked.
    sandbox: { available: async () => (await defaultCommandSandbox()).available, workspace: ctx.workspace.root },
  });
  approval.onAsk((ask) => ctx.emit('trust/commandAsk', ask));
  approval.onAskClosed((closed) => ctx.emit('trust/commandAskClosed', closed));
  return approval;
});
