/**
 * The provider-neutral conversation model. Providers translate it to their wire format; sessions persist it as is,
 * so it must stay plain JSON (no classes, no undefined-vs-missing distinctions that would change bytes on reload).
 */

export type Role = 'user' | 'assistant';

export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ToolUseBlock {
  type: 'toolUse';
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResultBlock {
  type: 'toolResult';
  toolUseId: string;
  status: 'success' | 'error';
  content: string;
}

export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock;

export interface ChatMessage {
  role: Role;
  content: ContentBlock[];
}

/** A tool as the model sees it: name, description, JSON schema of its input. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/**
 * One model call. The prefix (tools, system, specDocuments) is what prompt caching keys on, so callers must build it
 * from stable inputs only; `messages` is the conversation so far, ending with a user message.
 */
export interface ModelRequest {
  modelId: string;
  /** System prompt and steering, in order; a cache point follows the last one. */
  system: string[];
  /** Spec documents (requirements/design/tasks) placed after steering; a cache point follows the last one. */
  specDocuments: string[];
  tools: ToolSpec[];
  messages: ChatMessage[];
  /**
   * Index of the last message of the already-seen history; a cache point is placed after it so earlier turns are read
   * from cache. Undefined on the first call of a session.
   */
  historyCacheIndex?: number;
  maxTokens?: number;
  temperature?: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export const zeroUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'content_filtered' | 'other';

/** What a provider streams for one model call. `toolUse` arrives once its input JSON is complete. */
export type ProviderEvent =
  | { type: 'textDelta'; text: string }
  | { type: 'toolUse'; id: string; name: string; input: unknown }
  | { type: 'usage'; usage: Usage }
  | { type: 'stop'; reason: StopReason };
