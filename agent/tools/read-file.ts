import { z } from 'zod';
import { defineTool, ok, pathSchema, ToolError } from './tool';

const MAX_CHARS = 200_000;

export const readFileTool = defineTool({
  name: 'readFile',
  description: 'Read a text file in the workspace, optionally only a range of lines (1-based, inclusive).',
  input: z.object({
    path: pathSchema,
    startLine: z.number().int().min(1).optional(),
    endLine: z.number().int().min(1).optional(),
  }),
  async run({ path, startLine, endLine }, ctx) {
    const refused = await ctx.secrets.readRefusalReal(path, ctx.workspace.realPath?.bind(ctx.workspace));
    if (refused) throw new ToolError(refused);
    let text = await ctx.workspace.readFile(path);
    if (startLine !== undefined || endLine !== undefined) {
      const lines = text.split('\n');
      text = lines.slice((startLine ?? 1) - 1, endLine ?? lines.length).join('\n');
    }
    if (text.length > MAX_CHARS) {
      return ok(`${text.slice(0, MAX_CHARS)}\n… (truncated: ${text.length} characters; read a line range to see more)`);
    }
    return ok(text);
  },
});
