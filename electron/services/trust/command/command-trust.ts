import { argumentsMayHideDanger, destructiveFindings } from './destructive';
import { extractCommands } from './extract-commands';
import { fileWrites, isReadOnlyByDefault } from './read-only-defaults';
import { leaveReasons, modeFor, outsideClosedSet, type RunMode } from './sandbox-reach';
import { loadShellParser, type ShellParser } from './shell-parser';
import type { SimpleCommand } from './simple-command';
import { compileRule, ruleMatches, suggestPattern, type CommandTrustRule, type CompiledRule } from './trust-rules';

/** How one simple command was judged. */
export interface JudgedCommand extends SimpleCommand {
  trusted: boolean;
  /** Why: "read-only", `rule: git status`, or what stops it. */
  reason: string;
}

export interface CommandVerdict {
  /** 'run' only when every simple command is trusted and nothing is destructive or unparseable. */
  decision: 'run' | 'ask';
  /** Shown prominently in the ask dialog; non-empty means the command is destructive and always asks. */
  warnings: string[];
  commands: JudgedCommand[];
  /** The pattern "Run and trust" adds (for the first untrusted command), or null when trusting cannot help. */
  suggestedPattern: string | null;
  /** One pattern per distinct untrusted command: adding all of them lets this exact line run next time. */
  suggestedPatterns: string[];
  /** Set when the line could not be parsed. */
  parseError?: string;
  /** Where it runs (evaluated with a `sandbox` option): confined, confined with the network, or outside the sandbox. */
  runMode?: RunMode;
}

/**
 * The OS sandbox's part in the verdict. `available`: commands run confined, so any command runs unasked unless it
 * is destructive, unreadable or needs to leave the sandbox (asks every time, never trusted by a rule). Not
 * available: only the closed set and the user's own rules run unasked. Without this option: the read-only
 * defaults, as before the sandbox.
 */
export interface SandboxContext {
  available: boolean;
  /** The absolute workspace folder (a redirection outside it needs to leave the sandbox). */
  workspace?: string;
  /** The agent asked to run the command outside the sandbox. */
  leave?: boolean;
}

/**
 * Decides whether an agent's shell command may run without asking. Built on a real bash parser: the command is
 * split into every simple command it would run and each must be trusted by the read-only defaults or a user rule.
 */
export class CommandTrust {
  private constructor(private readonly parser: ShellParser) {}

  static async create(): Promise<CommandTrust> {
    return new CommandTrust(await loadShellParser());
  }

  /** Checks user rules up front so a bad pattern is reported when it is added, not silently ignored later. */
  validateRule(rule: CommandTrustRule): string | undefined {
    const result = compileRule(this.parser, rule);
    return result.ok ? undefined : result.error;
  }

  evaluate(command: string, rules: readonly CommandTrustRule[] = [], sandbox?: SandboxContext): CommandVerdict {
    const verdict = this.evaluateRules(command, rules, sandbox?.available === false);
    return sandbox?.available ? inSandbox(verdict, sandbox) : sandbox ? { ...verdict, runMode: 'none' } : verdict;
  }

  private evaluateRules(command: string, rules: readonly CommandTrustRule[], closedSet: boolean): CommandVerdict {
    const compiled = rules
      .map((r) => compileRule(this.parser, r))
      .flatMap((r): CompiledRule[] => (r.ok ? [r.compiled] : []));
    const { commands, parseError } = extractCommands(this.parser, command);
    const findings = destructiveFindings(commands);
    const destructive = new Set(findings.map((f) => f.index));
    const judged = commands.map((cmd, i): JudgedCommand => ({ ...cmd, ...judge(cmd, compiled, destructive.has(i), closedSet) }));

    const warnings = [...new Set(findings.map((f) => f.warning))];
    const untrusted = judged.filter((c) => !c.trusted);
    const patterns = [
      ...new Set(
        judged
          .filter((c, i) => !c.trusted && !destructive.has(i) && !c.untrustable)
          .map(suggestPattern)
          .filter((p): p is string => p !== null),
      ),
    ];
    const empty = commands.length === 0;
    const decision = !parseError && !empty && untrusted.length === 0 && warnings.length === 0 ? 'run' : 'ask';
    const trustable = !parseError && warnings.length === 0 && untrusted.every((c) => !c.untrustable);
    return {
      decision,
      warnings,
      commands: judged,
      suggestedPattern: trustable ? (patterns[0] ?? null) : null,
      suggestedPatterns: trustable ? patterns : [],
      ...(parseError ? { parseError } : empty ? { parseError: 'There is no command to run.' } : {}),
    };
  }
}

/**
 * With a sandbox: every command runs confined unless something needs a person — destructive or unreadable
 * (as before), or it needs to leave the sandbox, which asks every time (no trust pattern is offered).
 */
function inSandbox(verdict: CommandVerdict, sandbox: SandboxContext): CommandVerdict {
  const leave = leaveReasons(verdict.commands, sandbox.workspace);
  if (sandbox.leave) leave.push({ needs: 'outside', text: 'The agent asked to run it outside the sandbox.' });
  if (leave.length > 0) {
    return { ...verdict, decision: 'ask', warnings: [...verdict.warnings, ...leave.map((r) => `Leaves the sandbox: ${r.text}`)], suggestedPattern: null, suggestedPatterns: [], runMode: modeFor(leave) };
  }
  const blocked = verdict.parseError !== undefined || verdict.warnings.length > 0;
  const commands = verdict.commands.map((c) => (c.trusted || blocked ? c : { ...c, trusted: true, reason: `runs in the sandbox (${c.reason})` }));
  return { ...verdict, commands, decision: blocked ? 'ask' : 'run', runMode: 'confined' };
}

function judge(cmd: SimpleCommand, rules: CompiledRule[], destructive: boolean, closedSet: boolean): { trusted: boolean; reason: string } {
  if (cmd.untrustable) return { trusted: false, reason: cmd.untrustable };
  if (destructive) return { trusted: false, reason: 'destructive: always asks' };
  if (cmd.runsScriptOnly) return { trusted: true, reason: 'runs a script whose commands are checked one by one' };
  const rule = rules.find((r) => ruleMatches(r, cmd));
  if (rule && argumentsMayHideDanger(cmd)) {
    return { trusted: false, reason: 'arguments only known when it runs could make it destructive' };
  }
  if (rule) return { trusted: true, reason: `rule: ${rule.rule.pattern}${rule.rule.match === 'exact' ? ' (exact)' : ''}` };
  if (closedSet) {
    const why = outsideClosedSet(cmd);
    return why === undefined ? { trusted: true, reason: 'read-only (closed set)' } : { trusted: false, reason: why };
  }
  const writes = fileWrites(cmd);
  if (isReadOnlyByDefault(cmd)) {
    if (writes.length === 0) return { trusted: true, reason: 'read-only' };
    return { trusted: false, reason: `writes to ${writes.join(', ')}` };
  }
  return { trusted: false, reason: 'not trusted yet' };
}
