import type { ModelRequest, ProviderEvent } from '../core/messages';

/**
 * One streaming model call. Implementations throw `AgentError` (never a raw SDK error) from the iteration, including
 * when the stream ends without a stop event (`streamCut`) and when `signal` fires (`aborted`).
 */
export interface ModelProvider {
  readonly id: string;
  stream(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ProviderEvent>;
}

/** Assembles a tool-use input from its JSON fragments; an empty input means `{}` (models send nothing for no args). */
export function parseToolInput(json: string, toolName: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    // Surfaced to the model as a tool error rather than failing the turn, so it can correct itself.
    return { __invalidJson: json, __tool: toolName };
  }
}
