/** `keel spec check [dir] [--json]`: parse problems, EARS lint and traceability for a workspace — a CI gate. */
import { readFileSync, realpathSync } from 'node:fs';
import { checkFiles, type FileDiagnostic } from '../../specs-schema';
import { defaultUserDataDir } from '../../electron/services/app/user-data';
import { driftDiagnostics, findDrift } from '../../electron/services/git/drift';
import { GitRepo } from '../../electron/services/git/git-repo';
import { EXIT, UsageError, type Command } from '../command';
import { style } from '../style';
import { openWorkspace, type CliWorkspace } from '../workspace';

/**
 * Drift needs the task runner's history (Keel's user data) or a committed review file
 * (.kiro/keel/drift-reviewed.json); without either there is simply nothing to report.
 */
async function drift(ws: CliWorkspace, userDataDir: string): Promise<FileDiagnostic[]> {
  const specs = (await ws.specs()).map((s) => {
    const text = (p: string | undefined) => (p === undefined ? undefined : ws.readText(p));
    const tasks = text(s.files.tasks);
    const reqPath = s.files.requirements;
    const requirements = text(reqPath);
    return {
      dir: s.dir,
      ...(tasks !== undefined && s.files.tasks ? { tasks: { path: s.files.tasks, text: tasks } } : {}),
      ...(requirements !== undefined && reqPath ? { requirements: { path: reqPath, text: requirements } } : {}),
    };
  });
  const root = realpathSync(ws.root);
  // The CLI runs git as the user who typed the command would (a CI checkout is the user's own clone); the app
  // gates git on workspace trust instead.
  return driftDiagnostics(await findDrift({ root, userDataDir, specs, repo: await GitRepo.find(root) }));
}

export const specCheck: Command = {
  path: ['spec', 'check'],
  summary: 'Lint specs (EARS) and check traceability; exit 1 on errors',
  usage: 'spec check [dir] [--json] [--user-data-dir <dir>]',
  help: `[dir] is a workspace (the folder holding .kiro/), the current directory by default. Reports parse
problems, EARS lint on acceptance criteria and traceability (dangling refs, uncovered requirements, tasks citing
nothing, done parents with open sub-tasks, numbering gaps) and drift: a task done by Keel's task runner whose
files changed afterwards outside a task, or whose cited requirement was edited after it was done (warnings; needs
the runner's history from Keel's user data: $XDG_CONFIG_HOME/keel, ~/.config/keel or --user-data-dir). Drift
marked reviewed in the app is recorded in .kiro/keel/drift-reviewed.json (commit it): it stays cleared until a
reviewed file or requirement changes again, here as in the app — also on a machine without the runner's history.

Text output: <file>:<line>:<column> <severity> <message> [<code>], then a summary on stderr.
--json: one object per line: {"file", "line", "column", "endLine"?, "endColumn"?, "severity", "code", "message",
"fix"?} with 1-based lines and columns.
Exit code 1 when any diagnostic is an error; warnings and infos alone exit 0.`,
  options: { json: { type: 'boolean' }, 'user-data-dir': { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new UsageError('give at most one workspace directory');
    const ws = openWorkspace(positionals[0], io.cwd);
    const found = ws.files;
    const byRelative = new Map(found.map((f) => [f.relative, f.display]));
    const sources = found.map((f, i) => {
      if (i % 50 === 0) io.progress?.(`Reading ${i + 1}/${found.length} files…`);
      return { path: f.relative, text: readFileSync(f.absolute, 'utf8') };
    });
    io.progress?.(`Checking ${found.length} files…`);
    const diagnostics = checkFiles(sources);
    io.progress?.('Looking for drift…');
    const drifted = await drift(ws, (values['user-data-dir'] as string | undefined) ?? defaultUserDataDir());
    diagnostics.push(...drifted);
    io.progress?.(undefined);
    const s = style(io);
    const paint = { error: s.red, warning: s.yellow, info: s.cyan };
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of diagnostics) {
      counts[d.severity]++;
      const file = byRelative.get(d.file) ?? d.file;
      if (values.json) {
        const o: Record<string, unknown> = { file, line: d.line + 1, column: d.column + 1 };
        if (d.endLine !== undefined) o.endLine = d.endLine + 1;
        if (d.endColumn !== undefined) o.endColumn = d.endColumn + 1;
        Object.assign(o, { severity: d.severity, code: d.code, message: d.message });
        if (d.fix) o.fix = d.fix;
        io.out(JSON.stringify(o));
      } else io.out(`${s.bold(`${file}:${d.line + 1}:${d.column + 1}`)} ${paint[d.severity](d.severity)} ${d.message} ${s.dim(`[${d.code}]`)}`);
    }
    const summary = `${found.length} file(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info.`;
    io.err(counts.error ? s.red(summary) : summary);
    return counts.error ? EXIT.findings : EXIT.ok;
  },
};
