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
    const found = fuzzysort.go(query, files, { limit });
    if (found.length === 0) return ok(`No file path matches "${query}".`);
    return ok(found.map((r) => r.target).join('\n'));
  },
});
