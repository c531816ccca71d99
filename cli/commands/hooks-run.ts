/** `keel hooks run <name>`: runs one hook's command action in this process, as the app's hooks engine would. */
import { executeAction } from '../../electron/services/hooks/hook-actions';
import { ChildProcessRunner } from '../../electron/services/hooks/command-runner';
import { hookSandbox } from '../../electron/services/sandbox/launcher';
import type { LoadedHook } from '../../electron/services/hooks/hook-loader';
import { EXIT, UsageError, type Command, type CommandIO } from '../command';
import { style } from '../style';
import { openWorkspace } from '../workspace';
import { cliHooks } from './hooks-common';

/** By name (case-insensitive), file name without `.kiro.hook` / `.json`, path, or id (`<file>#<n>` in a v1 file). */
function pick(hooks: LoadedHook[], wanted: string): LoadedHook {
  const w = wanted.toLowerCase().replace(/^\.\//, '');
  const base = (file: string) => file.slice(file.lastIndexOf('/') + 1).replace(/(\.kiro\.hook|\.json)$/, '').toLowerCase();
  const byName = hooks.filter((h) => h.name.toLowerCase() === w || h.id.toLowerCase() === w);
  const found = byName.length ? byName : hooks.filter((h) => base(h.file) === w || h.file.toLowerCase() === w);
  if (found.length === 1) return found[0] as LoadedHook;
  if (found.length > 1) throw new UsageError(`"${wanted}" names several hooks: ${found.map((h) => h.id).join(', ')}; give one of these`);
  const names = hooks.map((h) => `"${h.name}"`).join(', ');
  throw new UsageError(`No hook "${wanted}"${hooks.length ? ` (hooks: ${names})` : ' (.kiro/hooks/ has no hooks)'}`);
}

/** Output arrives in chunks; the CLI's streams take lines. */
function lineWriter(io: CommandIO): { write: (chunk: string) => void; flush: () => void } {
  let rest = '';
  return {
    write(chunk) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) io.out(line.replace(/\r$/, ''));
    },
    flush() {
      if (rest) io.out(rest);
      rest = '';
    },
  };
}

export const hooksRun: Command = {
  path: ['hooks', 'run'],
  summary: "Run a hook's command now (command hooks, either format)",
  usage: 'hooks run <name> [--workspace <dir>] [--file <path>]... [--json]',
  help: `<name> is the hook's "name", its file name without .kiro.hook or .json, its path, or its id (<file>#<n>
for the n-th hook of a v1 file, from 0). Hooks come from .kiro/hooks/ and ~/.kiro/hooks/, in either format.
A v1 command also gets Kiro's JSON payload on stdin (hook_event_name, cwd, file_path…), KIRO_FILE_PATH and
{filePath} for the first --file.
--workspace, -w <dir>: the workspace (default: the current directory); the command runs there.
--file, -f <path>: a changed file to report to the command (KEEL_CHANGED_FILES), repeatable.

The command runs through the shell with the hook's timeout (60 s when the hook sets none) and sees
KEEL_HOOK_NAME, KEEL_HOOK_EVENT and KEEL_CHANGED_FILES, as in the app. A disabled hook runs too (you asked for it).
Its output streams to stdout; the outcome goes to stderr.
--json: no streaming; one object {"hook", "file", "action", "command", "status":
"succeeded|failed|timedOut|cancelled", "exitCode", "durationMs", "output", "reason"?}.

Exit codes: 0 the command succeeded, 1 it failed, timed out or the hook file is invalid, 2 usage (no such hook),
3 an agent (askAgent) hook: it needs Keel's agent (a model connection), which the CLI does not start — run it from the
Hooks view in the app. 130 when interrupted (Ctrl+C).`,
  options: { json: { type: 'boolean' }, workspace: { type: 'string', short: 'w' }, file: { type: 'string', short: 'f', multiple: true } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one hook name');
    const ws = openWorkspace(values.workspace as string | undefined, io.cwd);
    const loaded = pick(cliHooks(ws).hooks, positionals[0] as string);
    const s = style(io);
    if (!('entry' in loaded)) {
      io.err(s.red(`Hook "${loaded.name}" (${loaded.file}) cannot run: ${loaded.reason}`));
      return EXIT.findings;
    }
    const hook = loaded.entry;
    const then = hook.action;
    if (then.type !== 'command') {
      io.err(`Hook "${hook.name}" asks the agent (askAgent); the CLI has no agent connection. Run it from the Hooks view in Keel.`);
      return EXIT.unavailable;
    }
    const files = (values.file as string[] | undefined) ?? [];
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const writer = lineWriter(io);
    if (!values.json) io.err(s.dim(`$ ${then.command}`));
    const started = Date.now();
    try {
      const result = await executeAction(hook, { event: loaded.event, ...(files.length ? { files } : {}) }, {
        root: ws.root,
        env: process.env,
        runner: new ChildProcessRunner(hookSandbox(ws.root)),
        signal: controller.signal,
        onStart: () => undefined,
        onOutput: (chunk) => (values.json ? undefined : writer.write(chunk)),
      });
      writer.flush();
      const durationMs = Date.now() - started;
      if (values.json) {
        io.out(JSON.stringify({ hook: hook.name, file: loaded.file, action: 'runCommand', command: then.command, status: result.status, exitCode: result.exitCode ?? null, durationMs, output: result.output, ...(result.reason ? { reason: result.reason } : {}) }));
      } else if (result.status === 'succeeded') io.err(s.green(`Hook "${hook.name}" succeeded in ${(durationMs / 1000).toFixed(1)} s.`));
      else io.err(s.red(`Hook "${hook.name}" ${result.status === 'timedOut' ? 'timed out' : result.status}: ${result.reason ?? ''}`.trim()));
      if (result.status === 'cancelled') return 130;
      return result.status === 'succeeded' ? EXIT.ok : EXIT.findings;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
