import { z } from 'zod';
import { defineTool, ok, pathSchema, ToolError } from './tool';

export const strReplaceTool = defineTool({
  name: 'strReplace',
  description: 'Replace one exact occurrence of oldStr with newStr in a file. oldStr must match exactly once, whitespace included.',
  input: z.object({ path: pathSchema, oldStr: z.string().min(1, 'oldStr must not be empty'), newStr: z.string() }),
  async run({ path, oldStr, newStr }, ctx) {
    // Editing needs reading, and "found / not found" alone would let the model probe a secret's content.
    const realPath = ctx.workspace.realPath?.bind(ctx.workspace);
    const refused = (await ctx.secrets.writeRefusalReal(path, realPath, { reviewed: ctx.changes.reviewed === true })) ?? (await ctx.secrets.readRefusalReal(path, realPath));
    if (refused) throw new ToolError(refused);
    const text = await ctx.workspace.readFile(path);
    const first = text.indexOf(oldStr);
    if (first < 0) throw new ToolError(`oldStr was not found in ${path}; read the file again and copy the text exactly.`);
    if (text.indexOf(oldStr, first + 1) >= 0) throw new ToolError(`oldStr occurs more than once in ${path}; include more surrounding lines so it is unique.`);
    await ctx.changes.write(path, text.slice(0, first) + newStr + text.slice(first + oldStr.length));
    return ok(`Edited ${path}.`);
  },
});
