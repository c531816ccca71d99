/** `keel hooks list`: every hook of the workspace and of `~/.kiro/hooks/`, one line each, in either format. */
import type { LoadedHook } from '../../electron/services/hooks/hook-loader';
import { EXIT, UsageError, type Command } from '../command';
import { style } from '../style';
import { openWorkspace } from '../workspace';
import { cliHooks } from './hooks-common';

/** The JSON line for one hook; 0.x events are named by the v1 trigger they became. */
function hookLine(h: LoadedHook): Record<string, unknown> {
  if (!('entry' in h)) return { file: h.file, name: h.name, ...(h.format ? { format: h.format } : {}), error: h.reason };
  const e = h.entry;
  const matcher = e.matcher ?? (e.patterns ?? e.toolTypes)?.join(', ') ?? null;
  return { file: h.file, name: h.name, format: e.format, trigger: e.trigger, matcher, action: e.action.type, enabled: e.enabled };
}

export const hooksList: Command = {
  path: ['hooks', 'list'],
  summary: 'List the hooks of the workspace and of ~/.kiro/hooks (Kiro 1.0 v1 files and 0.x hooks)',
  usage: 'hooks list [--workspace <dir>] [--json]',
  help: `Hook files are read by content: .kiro/hooks/*.json and *.kiro.hook, then ~/.kiro/hooks/ (KEEL_USER_HOOKS_DIR or HOME decides).
A v1 file ({"version":"v1","hooks":[…]}) gives one line per hook; a 0.x when/then hook one line, its event
named by the v1 trigger it became (fileEdited → PostFileSave, userTriggered → Manual, …).
--workspace, -w <dir>: the workspace (default: the current directory).
--json: one object per line: {"file","name","format":"v1"|"legacy","trigger","matcher","action":"command"|"agent",
"enabled"} — matcher is the v1 regular expression, or a 0.x hook's patterns/toolTypes joined with ", ", or null;
a file (or a hook of a v1 file) that cannot be used gives {"file","name","error"} instead, and a file that cannot
be read at all {"file","error"}.

Exit codes: 0 all hooks are usable, 1 some hook file has an error, 2 usage.`,
  options: { json: { type: 'boolean' }, workspace: { type: 'string', short: 'w' } },
  run({ values, positionals }, io) {
    if (positionals.length) throw new UsageError('hooks list takes no arguments');
    const ws = openWorkspace(values.workspace as string | undefined, io.cwd);
    const { hooks, unreadable } = cliHooks(ws);
    const s = style(io);
    for (const h of hooks) {
      const line = hookLine(h);
      if (values.json) io.out(JSON.stringify(line));
      else if ('error' in line) io.out(`${s.red('✗')} ${h.name}  ${s.dim(h.file)}  ${s.red(String(line.error))}`);
      else io.out(`${line.enabled ? s.green('●') : s.dim('○')} ${h.name}  ${s.dim(`${line.trigger}${line.matcher ? ` ${line.matcher}` : ''} → ${line.action}  [${line.format}]  ${h.file}`)}`);
    }
    for (const u of unreadable) io.out(values.json ? JSON.stringify(u) : `${s.red('✗')} ${u.file}  ${s.red(u.error)}`);
    if (!values.json && hooks.length === 0 && unreadable.length === 0) io.err('No hooks (.kiro/hooks/ and ~/.kiro/hooks/ hold none).');
    return unreadable.length || hooks.some((h) => !('entry' in h)) ? EXIT.findings : EXIT.ok;
  },
};
