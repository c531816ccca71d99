import { z } from 'zod';
import type { ToolSpec, ToolUseBlock } from '../core/messages';
import { deleteFileTool } from './delete-file';
import { executeBashTool } from './execute-bash';
import { fileSearchTool } from './file-search';
import { fsWriteTool } from './fs-write';
import { grepSearchTool } from './grep-search';
import { listDirectoryTool } from './list-directory';
import { readFileTool } from './read-file';
import { strReplaceTool } from './str-replace';
import { taskStatusTool } from './task-status';
import type { ToolContext, ToolHandler, ToolOutput } from './tool';

// `run` is a method, so a handler of a specific input is assignable here; inputs are zod-validated before the call.
type AnyTool = ToolHandler;

/** Kiro's built-in tool set, in a fixed order (the order is part of the cached prompt prefix). */
export const builtinTools: readonly AnyTool[] = [
  readFileTool,
  listDirectoryTool,
  fileSearchTool,
  grepSearchTool,
  fsWriteTool,
  strReplaceTool,
  deleteFileTool,
  executeBashTool,
  taskStatusTool,
];

export function toToolSpecs(tools: readonly AnyTool[]): ToolSpec[] {
  return tools.map((t) => {
    const { $schema: _ignored, ...schema } = z.toJSONSchema(t.input, { io: 'input' }) as Record<string, unknown>;
    return { name: t.name, description: t.description, inputSchema: schema };
  });
}

/** Validates and runs one tool use; every failure becomes an error result the model can read, never a throw. */
export async function runTool(tools: readonly AnyTool[], use: ToolUseBlock, ctx: ToolContext): Promise<ToolOutput> {
  const tool = tools.find((t) => t.name === use.name);
  if (!tool) return { status: 'error', content: `Unknown tool "${use.name}". Available: ${tools.map((t) => t.name).join(', ')}.` };
  const parsed = tool.input.safeParse(use.input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
    return { status: 'error', content: `Invalid input for ${use.name}: ${issues}` };
  }
  try {
    return await tool.run(parsed.data, ctx);
  } catch (e) {
    return { status: 'error', content: e instanceof Error ? e.message : String(e) };
  }
}
