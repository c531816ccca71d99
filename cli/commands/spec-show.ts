/** `keel spec show <spec> [--json]`: one spec's requirements, design outline, task progress and problems. */
import { checkFiles, countTasks, parseBugfix, parseDesign, parseRequirements, parseTasks } from '../../specs-schema';
import { EXIT, UsageError, type Command } from '../command';
import { style } from '../style';
import { findSpec, openWorkspace } from '../workspace';

export const specShow: Command = {
  path: ['spec', 'show'],
  summary: "Show a spec's requirements, design outline, task progress and problems",
  usage: 'spec show <spec> [--workspace <dir>] [--json]',
  help: `<spec> is the spec's name below .kiro/specs/ (e.g. todo-priorities), or its folder.
--workspace, -w <dir>: the workspace (default: the current directory).

--json: one object {"name", "dir", "type", "workflow", "files",
"requirements": [{"id", "title", "story"?, "criteria": [{"id", "text"}]}],
"design": [<section heading>, …], "tasks": {"total", "open", "inProgress", "done", "optional"},
"problems": {"error", "warning", "info"}}. Run \`keel spec check\` to see the problems themselves.`,
  options: { json: { type: 'boolean' }, workspace: { type: 'string', short: 'w' } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give exactly one spec');
    const ws = openWorkspace(values.workspace as string | undefined, io.cwd);
    const spec = await findSpec(ws, positionals[0] as string);
    const text = (p: string | undefined) => (p === undefined ? undefined : ws.readText(p));
    const reqText = text(spec.files.requirements ?? spec.files.bugfix);
    const reqDoc = reqText === undefined ? undefined : spec.files.requirements ? parseRequirements(reqText) : parseBugfix(reqText);
    const requirements = (reqDoc?.requirements ?? []).map((r) => ({
      id: r.id,
      title: r.title,
      ...(r.story ? { story: r.story.text } : {}),
      criteria: r.criteria.map((c) => ({ id: c.id, text: c.text })),
    }));
    const designText = text(spec.files.design);
    const design = designText === undefined ? [] : parseDesign(designText).sections.map((s) => s.heading.text);
    const tasksText = text(spec.files.tasks);
    const tasks = tasksText === undefined ? { total: 0, open: 0, inProgress: 0, done: 0, optional: 0 } : countTasks(parseTasks(tasksText));
    const inSpec = ws.files.filter((f) => f.relative.startsWith(`${spec.dir}/`));
    const problems = { error: 0, warning: 0, info: 0 };
    for (const d of checkFiles(inSpec.map((f) => ({ path: f.relative, text: ws.readText(f.relative) ?? '' })))) problems[d.severity]++;

    if (values.json) {
      io.out(JSON.stringify({ name: spec.name, dir: spec.dir, type: spec.type, workflow: spec.workflow, files: spec.files, requirements, design, tasks, problems }));
      return EXIT.ok;
    }
    const s = style(io);
    io.out(`${s.bold(spec.name)}  ${spec.type}, ${spec.workflow}  ${s.dim(spec.dir)}`);
    io.out('');
    io.out(s.bold(`Requirements (${requirements.length})`));
    if (requirements.length === 0) io.out(s.dim('  none yet'));
    for (const r of requirements) io.out(`  ${s.bold(r.id)}  ${r.title}  ${s.dim(`${r.criteria.length} criteria`)}`);
    io.out('');
    io.out(s.bold(`Design (${design.length} sections)`));
    if (design.length === 0) io.out(s.dim('  none yet'));
    for (const heading of design) io.out(`  ${heading}`);
    io.out('');
    const progress = tasks.total ? `${tasks.done}/${tasks.total} done, ${tasks.inProgress} in progress, ${tasks.open} open` : 'none yet';
    io.out(`${s.bold('Tasks')}  ${tasks.total && tasks.done === tasks.total ? s.green(progress) : progress}`);
    const problemText = `${problems.error} error(s), ${problems.warning} warning(s), ${problems.info} info`;
    io.out(`${s.bold('Problems')}  ${problems.error ? s.red(problemText) : problems.warning ? s.yellow(problemText) : problemText}`);
    return EXIT.ok;
  },
};
