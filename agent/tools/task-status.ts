import { z } from 'zod';
import { defineTool, ok, ToolError } from './tool';

export const taskStatusTool = defineTool({
  name: 'taskStatus',
  description: 'Mark a task of a spec\'s tasks.md as not_started, in_progress or completed (e.g. spec "user-auth", taskId "2.1").',
  input: z.object({
    spec: z.string().min(1),
    taskId: z.string().regex(/^\d+(\.\d+)*$/, 'taskId looks like "2" or "2.1"'),
    status: z.enum(['not_started', 'in_progress', 'completed']),
  }),
  async run(update, ctx) {
    if (!ctx.tasks) throw new ToolError('Task status is not available in this session (no spec is open).');
    await ctx.tasks.setTaskStatus(update);
    return ok(`Task ${update.taskId} of ${update.spec} is now ${update.status.replace('_', ' ')}.`);
  },
});
