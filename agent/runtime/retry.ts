import { AgentError } from '../core/errors';
import type { ProviderEvent, StopReason, ToolUseBlock, Usage } from '../core/messages';
import { zeroUsage } from '../core/messages';
import type { ModelProvider } from '../providers/provider';
import type { ModelRequest } from '../core/messages';
import type { Clock } from './clock';

export interface RetryPolicy {
  /** Total tries of one model call, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 20_000 };

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay is fixed, half random, so retries of
 * many clients spread out but none retries immediately. `attempt` is 1 for the first retry.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return cap / 2 + random() * (cap / 2);
}

/** One complete model answer: the text, the tool uses in order, usage and why it stopped. */
export interface ModelAnswer {
  text: string;
  toolUses: ToolUseBlock[];
  usage: Usage;
  stopReason: StopReason;
  attempts: number;
}

export interface CallHooks {
  onEvent?(event: ProviderEvent): void;
  /** Fired before sleeping: the partial answer streamed so far is void and will be streamed again. */
  onRetry?(info: { attempt: number; delayMs: number; error: AgentError }): void;
}

/**
 * Calls the model and consumes the whole stream, retrying transient failures. The retry wraps the iteration, not
 * only the request: Bedrock reports throttling and stream faults inside an HTTP 200 stream. Tool uses are returned
 * only from a complete answer, so a cut answer never leads to a tool running.
 */
export async function callModel(
  provider: ModelProvider,
  request: ModelRequest,
  options: { signal?: AbortSignal; policy: RetryPolicy; clock: Clock; random: () => number } & CallHooks,
): Promise<ModelAnswer> {
  for (let attempt = 1; ; attempt++) {
    let text = '';
    const toolUses: ToolUseBlock[] = [];
    let usage = zeroUsage();
    try {
      for await (const event of provider.stream(request, options.signal)) {
        options.onEvent?.(event);
        if (event.type === 'textDelta') text += event.text;
        else if (event.type === 'toolUse') toolUses.push({ type: 'toolUse', id: event.id, name: event.name, input: event.input });
        else if (event.type === 'usage') usage = event.usage;
        else if (event.type === 'stop') return { text, toolUses, usage, stopReason: event.reason, attempts: attempt };
      }
      throw new AgentError('streamCut', 'the provider ended without a stop event');
    } catch (e) {
      const error = e instanceof AgentError ? e : new AgentError('server', e instanceof Error ? e.message : String(e), {}, e);
      if (options.signal?.aborted) throw new AgentError('aborted', 'stopped', {}, e);
      if (!error.retryable || attempt >= options.policy.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, options.policy, options.random);
      options.onRetry?.({ attempt, delayMs, error });
      try {
        await options.clock.sleep(delayMs, options.signal);
      } catch (sleepError) {
        throw new AgentError('aborted', 'stopped while waiting to retry', {}, sleepError);
      }
    }
  }
}
