/** `keel spec stats <file|dir>... --json`: counts per Kiro file, one JSON object per line. */
import { readFileSync } from 'node:fs';
import { fileStats } from '../../specs-schema';
import { EXIT, UsageError, type Command } from '../command';
import { collectFiles } from '../files';

export const specStats: Command = {
  path: ['spec', 'stats'],
  summary: 'Count requirements, criteria, tasks and hook events per Kiro file',
  usage: 'spec stats <file|dir>... [--json]',
  help: `Directories are searched for files inside .kiro/ folders and AGENTS.md.

With --json, prints one object per file and line:
  {"file": "<path>", "kind": "requirements|design|tasks|bugfix|steering|hook|mcp|config|agents|other",
   "requirements": n, "criteria": n,
   "tasks": {"total": n, "open": n, "inProgress": n, "done": n, "optional": n}, "hookEvent": "<when.type>"}
Each field is present where it applies; tasks count every checkbox item outside code fences (sub-tasks included).
Without --json, prints one readable line per file.`,
  options: { json: { type: 'boolean' } },
  run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one file or directory');
    for (const f of collectFiles(positionals, io.cwd)) {
      const stats = { ...fileStats(f.relative, readFileSync(f.absolute, 'utf8')), file: f.display };
      if (values.json) io.out(JSON.stringify(stats));
      else {
        const parts = [`${stats.file}  ${stats.kind}`];
        if (stats.requirements !== undefined) parts.push(`${stats.requirements} requirements, ${stats.criteria} criteria`);
        if (stats.tasks) parts.push(`${stats.tasks.total} tasks (${stats.tasks.done} done, ${stats.tasks.inProgress} in progress, ${stats.tasks.open} open, ${stats.tasks.optional} optional)`);
        if (stats.hookEvent) parts.push(`on ${stats.hookEvent}`);
        io.out(parts.join('  '));
      }
    }
    return EXIT.ok;
  },
};
