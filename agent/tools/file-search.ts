import fuzzysort from 'fuzzysort';
import { z } from 'zod';
import { defineTool, ok } from './tool';

export const fileSearchTool = defineTool({
  name: 'fileSearch',
  description: 'Find files by fuzzy match on their path (e.g. "userctrl" finds src/controllers/UserController.ts).',
  input: z.object({
    query: z.string().min(1),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  async run({ query, limit }, ctx) {
    const files: string[] = [];
    for await (const f of ctx.workspace.walk('', ctx.signal)) files.push(f);
    // Files the agent may not read are not offered either (a permissions deny on reads holds for every tool).
    const readable = files.filter((f) => !ctx.secrets.isRefused(f));
    const hidden = files.length - readable.length;
    const found = fuzzysort.go(query, readable, { limit });
    const note = hidden > 0 && fuzzysort.go(query, files, { limit: 1 }).length > found.length ? `\n(files that are secrets or denied by permissions are not listed)` : '';
    if (found.length === 0) return ok(`No file path matches "${query}".${note}`);
    return ok(found.map((r) => r.target).join('\n') + note);
  },
});
