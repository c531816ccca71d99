/** `keel spec list [dir] [--json]`: the specs of a workspace with type and task progress. */
import { EXIT, UsageError, type Command } from '../command';
import { style } from '../style';
import { openWorkspace } from '../workspace';

export const specList: Command = {
  path: ['spec', 'list'],
  summary: 'List the specs of a workspace with their type and task progress',
  usage: 'spec list [dir] [--json]',
  help: `[dir] is the workspace (the folder holding .kiro/), the current directory by default.

Text output: one line per spec: <name>  <type>  <done>/<total> tasks  <folder>
--json: one object per spec and line: {"name", "dir", "type": "feature|bugfix",
"workflow": "requirements-first|design-first", "files": {"requirements"?, "design"?, "tasks"?, "bugfix"?, "config"?},
"tasks": {"done", "total"}}.`,
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length > 1) throw new UsageError('give at most one workspace directory');
    const ws = openWorkspace(positionals[0], io.cwd);
    const specs = await ws.specs();
    if (values.json) {
      for (const s of specs) io.out(JSON.stringify(s));
      return EXIT.ok;
    }
    const s = style(io);
    if (specs.length === 0) {
      io.err(`No specs in ${ws.display} (specs live in .kiro/specs/<name>/).`);
      return EXIT.ok;
    }
    const width = Math.max(...specs.map((x) => x.name.length));
    for (const spec of specs) {
      const { done, total } = spec.tasks;
      const progress = total === 0 ? s.dim('no tasks') : `${done}/${total} tasks`;
      const coloured = total > 0 && done === total ? s.green(progress) : progress;
      io.out(`${s.bold(spec.name.padEnd(width))}  ${spec.type.padEnd(7)}  ${coloured}  ${s.dim(spec.dir)}`);
    }
    return EXIT.ok;
  },
};
