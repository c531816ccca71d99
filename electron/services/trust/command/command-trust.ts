import { argumentsMayHideDanger, destructiveFindings } from './destructive';
import { extractCommands } from './extract-commands';
import { fileWrites, isReadOnlyByDefault } from './read-only-defaults';
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

  evaluate(command: string, rules: readonly CommandTrustRule[] = []): CommandVerdict {
    const compiled = rules
      .map((r) => compileRule(this.parser, r))
      .flatMap((r): CompiledRule[] => (r.ok ? [r.compiled] : []));
    const { commands, parseError } = extractCommands(this.parser, command);
    const findings = destructiveFindings(commands);
    const destructive = new Set(findings.map((f) => f.index));
    const judged = commands.map((cmd, i): JudgedCommand => ({ ...cmd, ...judge(cmd, compiled, destructive.has(i)) }));

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

function judge(cmd: SimpleCommand, rules: CompiledRule[], destructive: boolean): { trusted: boolean; reason: string } {
  if (cmd.untrustable) return { trusted: false, reason: cmd.untrustable };
  if (destructive) return { trusted: false, reason: 'destructive: always asks' };
  if (cmd.runsScriptOnly) return { trusted: true, reason: 'runs a script whose commands are checked one by one' };
  const rule = rules.find((r) => ruleMatches(r, cmd));
  if (rule && argumentsMayHideDanger(cmd)) {
    return { trusted: false, reason: 'arguments only known when it runs could make it destructive' };
  }
  if (rule) return { trusted: true, reason: `rule: ${rule.rule.pattern}${rule.rule.match === 'exact' ? ' (exact)' : ''}` };
  const writes = fileWrites(cmd);
  if (isReadOnlyByDefault(cmd)) {
    if (writes.length === 0) return { trusted: true, reason: 'read-only' };
    return { trusted: false, reason: `writes to ${writes.join(', ')}` };
  }
  return { trusted: false, reason: 'not trusted yet' };
}
