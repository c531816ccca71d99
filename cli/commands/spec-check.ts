/** `keel spec check <dir> [--json]`: parse problems, EARS lint and traceability for a workspace. */
import { readFileSync } from 'node:fs';
import { checkFiles } from '../../specs-schema';
import { EXIT, UsageError, type Command } from '../command';
import { collectFiles } from '../files';

export const specCheck: Command = {
  path: ['spec', 'check'],
  summary: 'Lint specs (EARS) and check traceability; exit 1 on errors',
  usage: 'spec check <dir> [--json]',
  help: `<dir> is a workspace (the folder holding .kiro/). Reports parse problems, EARS lint on acceptance criteria
and traceability (dangling refs, uncovered requirements, tasks citing nothing, done parents with open sub-tasks,
numbering gaps).

Text output: <file>:<line>:<column> <severity> <message> [<code>]
--json: one object per line: {"file", "line", "column", "endLine"?, "endColumn"?, "severity", "code", "message",
"fix"?} with 1-based lines and columns.
Exit code 1 when any diagnostic is an error; warnings and infos alone exit 0.`,
  options: { json: { type: 'boolean' } },
  run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one workspace directory');
    const dir = positionals[0] as string;
    const found = collectFiles([dir], io.cwd);
    const byRelative = new Map(found.map((f) => [f.relative, f.display]));
    const diagnostics = checkFiles(found.map((f) => ({ path: f.relative, text: readFileSync(f.absolute, 'utf8') })));
    let errors = 0;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of diagnostics) {
      counts[d.severity]++;
      if (d.severity === 'error') errors++;
      const file = byRelative.get(d.file) ?? d.file;
      if (values.json) {
        const o: Record<string, unknown> = { file, line: d.line + 1, column: d.column + 1 };
        if (d.endLine !== undefined) o.endLine = d.endLine + 1;
        if (d.endColumn !== undefined) o.endColumn = d.endColumn + 1;
        Object.assign(o, { severity: d.severity, code: d.code, message: d.message });
        if (d.fix) o.fix = d.fix;
        io.out(JSON.stringify(o));
      } else io.out(`${file}:${d.line + 1}:${d.column + 1} ${d.severity} ${d.message} [${d.code}]`);
    }
    io.err(`${found.length} file(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info.`);
    return errors ? EXIT.findings : EXIT.ok;
  },
};
