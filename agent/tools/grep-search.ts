import { z } from 'zod';
import { grepWithJs } from './grep-js';
import { defineTool, ok, ToolError } from './tool';

const MAX_RESULTS = 200;

export const grepSearchTool = defineTool({
  name: 'grepSearch',
  description:
    'Search file contents with a regular expression (Rust/JS syntax). Optional includePattern / excludePattern are globs like "*.ts" or "src/**". Returns path:line: text.',
  input: z.object({
    query: z.string().min(1),
    includePattern: z.string().optional(),
    excludePattern: z.string().optional(),
    caseSensitive: z.boolean().default(false),
  }),
  async run({ query, includePattern, excludePattern, caseSensitive }, ctx) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(query, caseSensitive ? '' : 'i');
    } catch (e) {
      throw new ToolError(`Invalid regular expression: ${(e as Error).message}`);
    }
    // Ask for a few more than we show: secret files are dropped afterwards.
    const q = { include: includePattern, exclude: excludePattern, maxResults: MAX_RESULTS + 50 };
    const matches = ctx.search
      ? await ctx.search.search({ pattern: query, caseSensitive, ...q }, ctx.signal)
      : await grepWithJs(ctx.workspace, { pattern, ...q }, ctx.signal);
    const visible = matches.filter((m) => !ctx.secrets.isRefused(m.path));
    const hidden = new Set(matches.filter((m) => ctx.secrets.isRefused(m.path)).map((m) => m.path)).size;
    const lines = visible.slice(0, MAX_RESULTS).map((m) => `${m.path}:${m.line}: ${m.text.length > 300 ? `${m.text.slice(0, 300)}…` : m.text}`);
    const notes: string[] = [];
    if (visible.length > MAX_RESULTS) notes.push(`… (more than ${MAX_RESULTS} matches; narrow the query)`);
    if (hidden > 0) notes.push(`(${hidden} secret file(s) matched and were not shown)`);
    if (lines.length === 0) return ok([`No matches for /${query}/.`, ...notes].join('\n'));
    return ok([...lines, ...notes].join('\n'));
  },
});
