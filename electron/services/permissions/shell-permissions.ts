import type { PermissionRuleRef, PermissionScope } from '../../../protocol';
import { describeRule, type PermissionDecision } from './engine';
import type { PermissionsService, PermissionsSnapshot } from './permissions-service';

/**
 * The permissions verdict on a command line. A deny or ask rule counts when it matches the whole line or any simple
 * command in it (`cd x && rm -rf /` is caught by `rm -rf *`); an allow counts only when it covers every simple
 * command, so `git status*` never lets `git status; curl … | sh` through.
 */
export function decideShell(snapshot: PermissionsSnapshot, command: string, parts: readonly string[]): PermissionDecision | undefined {
  const pieces = parts.length > 0 ? parts : [command];
  const all = [command, ...pieces].map((p) => snapshot.decide('shell', p));
  const restrictive = all.filter((d): d is PermissionDecision => d !== undefined && d.effect !== 'allow');
  const deny = restrictive.find((d) => d.effect === 'deny');
  if (deny) return deny;
  if (restrictive.length > 0) return restrictive[0];
  const each = pieces.map((p) => snapshot.decide('shell', p));
  if (each.every((d) => d?.effect === 'allow')) return each[0];
  return undefined;
}

/** The deciding rule as the protocol carries it to the prompt. */
export function ruleRef(decision: PermissionDecision): PermissionRuleRef {
  return { effect: decision.effect, scope: decision.rule.scope, file: decision.rule.file, index: decision.rule.index, label: describeRule(decision.rule) };
}

/** "Always allow" for a suggested prefix: the command itself and anything after it. */
export function allowPatterns(prefixes: readonly string[]): string[] {
  return prefixes.flatMap((p) => [p, `${p} *`]);
}

/** The command gate's two permission hooks over a folder's rules. */
export function shellPermissions(service: PermissionsService): {
  permissions: (command: string, parts: readonly string[]) => Promise<PermissionRuleRef | undefined>;
  allowAlways: (scope: PermissionScope, patterns: readonly string[]) => Promise<{ file: string }>;
} {
  return {
    permissions: async (command, parts) => {
      const d = decideShell(await service.snapshot(), command, parts);
      return d ? ruleRef(d) : undefined;
    },
    allowAlways: (scope, patterns) => service.addRule(scope, { capability: 'shell', match: allowPatterns(patterns), effect: 'allow' }),
  };
}

/** The MCP tools' permission hook: rules match `server/tool`. */
export function mcpPermissions(service: PermissionsService): (server: string, tool: string) => Promise<PermissionRuleRef | undefined> {
  return async (server, tool) => {
    const d = (await service.snapshot()).decide('mcp', `${server}/${tool}`);
    return d ? ruleRef(d) : undefined;
  };
}
