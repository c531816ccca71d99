import { z } from 'zod';
import { defineTool, ok, pathSchema, ToolError } from './tool';

export const fsWriteTool = defineTool({
  name: 'fsWrite',
  description: 'Create a file or replace its whole content. Prefer strReplace for small edits to existing files.',
  input: z.object({ path: pathSchema, text: z.string() }),
  async run({ path, text }, ctx) {
    const refused = await ctx.secrets.writeRefusalReal(path, ctx.workspace.realPath?.bind(ctx.workspace), { reviewed: ctx.changes.reviewed === true });
    if (refused) throw new ToolError(refused);
    const existed = (await ctx.workspace.stat(path))?.type === 'file';
    ctx.workspace.resolve(path); // confinement check before anything is recorded
    await ctx.changes.write(path, text);
    return ok(`${existed ? 'Replaced' : 'Created'} ${path} (${text.split('\n').length} lines).`);
  },
});
