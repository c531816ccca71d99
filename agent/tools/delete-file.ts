import { z } from 'zod';
import { defineTool, ok, pathSchema, ToolError } from './tool';

export const deleteFileTool = defineTool({
  name: 'deleteFile',
  description: 'Delete a file of the workspace.',
  input: z.object({ path: pathSchema }),
  async run({ path }, ctx) {
    const refused = await ctx.secrets.writeRefusalReal(path, ctx.workspace.realPath?.bind(ctx.workspace), { reviewed: ctx.changes.reviewed === true });
    if (refused) throw new ToolError(refused);
    const stat = await ctx.workspace.stat(path);
    if (!stat) throw new ToolError(`File not found: ${path}`);
    if (stat.type !== 'file') throw new ToolError(`Not a file: ${path} (folders are not deleted by the agent)`);
    await ctx.changes.delete(path);
    return ok(`Deleted ${path}.`);
  },
});
