/** `keel task list <spec> [--json]`: a spec's tasks as a tree with their states and requirement refs. */
import { parseTasks, type Task } from '../../specs-schema';
import { EXIT, UsageError, type Command } from '../command';
import { stateMark, style } from '../style';
import { findSpec, openWorkspace } from '../workspace';

export interface TaskJson {
  id?: string;
  title: string;
  state: Task['state'];
  optional: boolean;
  depth: number;
  /** 1-based line in tasks.md. */
  line: number;
  requirements: string[];
}

export function taskJson(t: Task): TaskJson {
  const json: TaskJson = {
    title: t.title,
    state: t.state,
    optional: t.optional,
    depth: t.depth,
    line: t.line + 1,
    requirements: t.refs.filter((list) => list.kind === 'requirements').flatMap((list) => list.items.map((i) => i.raw)),
  };
  return t.id === undefined ? json : { id: t.id, ...json };
}

export const taskList: Command = {
  path: ['task', 'list'],
  summary: "List a spec's tasks with their state",
  usage: 'task list <spec> [--workspace <dir>] [--json]',
  help: `<spec> is the spec's name below .kiro/specs/ (e.g. todo-priorities), or its folder.
--workspace, -w <dir>: the workspace (default: the current directory).

Text output: the task tree as in tasks.md: [ ] open, [-] in progress, [x] done, * optional, then the
requirements each task cites, and a progress line on stderr.
--json: one object {"spec", "file", "tasks": [{"id"?, "title", "state": "open|inProgress|done|skipped|unknown",
"optional", "depth", "line", "requirements": ["1.1", …]}, …]} with every task (sub-tasks included) in
document order; "line" is 1-based.`,
  options: { json: { type: 'boolean' }, workspace: { type: 'string', short: 'w' } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one spec');
    const ws = openWorkspace(values.workspace as string | undefined, io.cwd);
    const spec = await findSpec(ws, positionals[0] as string);
    const file = spec.files.tasks;
    const text = file ? ws.readText(file) : undefined;
    if (!file || text === undefined) {
      if (values.json) io.out(JSON.stringify({ spec: spec.name, tasks: [] }));
      else io.err(`Spec ${spec.name} has no tasks.md yet.`);
      return EXIT.ok;
    }
    const doc = parseTasks(text);
    if (values.json) {
      io.out(JSON.stringify({ spec: spec.name, file, tasks: doc.all.map(taskJson) }));
      return EXIT.ok;
    }
    const s = style(io);
    for (const t of doc.all) {
      const refs = taskJson(t).requirements;
      const id = t.id ? `${s.bold(t.id)} ` : '';
      const title = t.state === 'done' ? s.dim(t.title) : t.title;
      io.out(`${'  '.repeat(t.depth)}${stateMark(s, t.state)}${t.optional ? s.dim('*') : ' '} ${id}${title}${refs.length ? s.cyan(`  (${refs.join(', ')})`) : ''}`);
    }
    const done = doc.all.filter((t) => t.state === 'done').length;
    io.err(`${done}/${doc.all.length} tasks done in ${file}`);
    return EXIT.ok;
  },
};
