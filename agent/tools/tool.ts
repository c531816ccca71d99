import { z } from 'zod';
import type { FileChangeSink } from '../changeset/file-changes';
import type { ApprovalGate, CommandRunner, TaskStatusPort, TextSearch, WorkspaceAccess } from '../core/ports';
import type { SecretPolicy } from './secrets';

/** What a tool may touch while it runs. */
export interface ToolContext {
  /** Reads see pending changes in Supervised mode (an overlay). */
  workspace: WorkspaceAccess;
  /** Where edits go: the changeset (Supervised) or the disk behind a checkpoint (Autopilot). */
  changes: FileChangeSink;
  secrets: SecretPolicy;
  commands?: CommandRunner;
  approval?: ApprovalGate;
  tasks?: TaskStatusPort;
  search?: TextSearch;
  signal: AbortSignal;
  /** Live output of a running command, for the chat pane. */
  onOutput?: (chunk: string) => void;
}

export interface ToolOutput {
  content: string;
  status: 'success' | 'error';
}

export interface ToolHandler<I = unknown> {
  name: string;
  description: string;
  /** Validates the model's input; `run` only ever receives what it parsed to. */
  input: z.ZodType;
  run(input: I, ctx: ToolContext): Promise<ToolOutput>;
}

/** A refusal or failure the model should see and can act on (wrong path, text not found…). */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

export const ok = (content: string): ToolOutput => ({ content, status: 'success' });

/** Typed construction keeps each handler's `run` input inferred from its schema. */
export function defineTool<S extends z.ZodType>(tool: {
  name: string;
  description: string;
  input: S;
  run(input: z.output<S>, ctx: ToolContext): Promise<ToolOutput>;
}): ToolHandler<z.output<S>> {
  return tool;
}

/** Workspace-relative path as the model writes it; confinement itself is the workspace's job. */
export const pathSchema = z.string().min(1, 'path is required').describe('Path relative to the workspace root');
