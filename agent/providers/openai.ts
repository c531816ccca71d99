import type OpenAI from 'openai';
import { AgentError, type AgentErrorContext, type AgentErrorKind } from '../core/errors';
import type { ModelRequest, ProviderEvent, StopReason } from '../core/messages';
import { toChatCompletionsInput } from './openai-request';
import { parseToolInput, type ModelProvider } from './provider';

export interface OpenAIProviderOptions {
  /** e.g. Ollama: `http://localhost:11434/v1`; LM Studio: `http://localhost:1234/v1`. */
  baseURL: string;
  /** Local servers ignore it, but the client requires a non-empty value. */
  apiKey?: string;
  timeoutMs?: number;
}

/** Any OpenAI-compatible chat-completions server through the official client. Retries are ours (`maxRetries: 0`). */
export class OpenAIProvider implements ModelProvider {
  readonly id = 'openai';
  private client: Promise<OpenAI> | undefined;

  constructor(private readonly options: OpenAIProviderOptions) {}

  /** The client library (~13 MB once loaded) is imported on the first call, not when the IDE starts. */
  private getClient(): Promise<OpenAI> {
    const { options } = this;
    this.client ??= loadOpenAI().then(
      ({ default: OpenAIClient }) => new OpenAIClient({ baseURL: options.baseURL, apiKey: options.apiKey || 'not-needed', maxRetries: 0, timeout: options.timeoutMs ?? 120_000 }),
    );
    return this.client;
  }

  async *stream(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ProviderEvent> {
    const context: AgentErrorContext = { provider: 'openai', modelId: request.modelId, endpoint: this.options.baseURL };
    const calls = new Map<number, { id: string; name: string; args: string }>();
    let stop: StopReason | undefined;
    let received = false;
    let sdk: typeof import('openai') | undefined;
    try {
      sdk = await loadOpenAI();
      const client = await this.getClient();
      const stream = await client.chat.completions.create(toChatCompletionsInput(request), { signal });
      for await (const chunk of stream) {
        received = true;
        const choice = chunk.choices[0];
        if (choice?.delta?.content) yield { type: 'textDelta', text: choice.delta.content };
        for (const tc of choice?.delta?.tool_calls ?? []) {
          const call = calls.get(tc.index) ?? { id: '', name: '', args: '' };
          if (tc.id) call.id = tc.id;
          if (tc.function?.name) call.name = tc.function.name;
          if (tc.function?.arguments) call.args += tc.function.arguments;
          calls.set(tc.index, call);
        }
        if (choice?.finish_reason) {
          stop = toStopReason(choice.finish_reason);
          for (const call of [...calls.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1])) {
            yield { type: 'toolUse', id: call.id, name: call.name, input: parseToolInput(call.args, call.name) };
          }
          calls.clear();
        }
        if (chunk.usage) {
          const cached = chunk.usage.prompt_tokens_details?.cached_tokens ?? 0;
          yield {
            type: 'usage',
            // OpenAI counts cached tokens inside prompt_tokens; we report them apart, as Bedrock does.
            usage: { inputTokens: chunk.usage.prompt_tokens - cached, outputTokens: chunk.usage.completion_tokens, cacheReadTokens: cached, cacheWriteTokens: 0 },
          };
        }
      }
    } catch (e) {
      if (stop !== undefined && !signal?.aborted) {
        yield { type: 'stop', reason: stop };
        return;
      }
      throw toAgentError(e, context, received, sdk, signal);
    }
    if (signal?.aborted) throw new AgentError('aborted', 'stopped', context);
    if (stop === undefined) throw new AgentError('streamCut', 'the stream ended without a finish reason', context);
    yield { type: 'stop', reason: stop };
  }
}

function toStopReason(r: string): StopReason {
  if (r === 'stop') return 'end_turn';
  if (r === 'tool_calls' || r === 'function_call') return 'tool_use';
  if (r === 'length') return 'max_tokens';
  if (r === 'content_filter') return 'content_filtered';
  return 'other';
}

function loadOpenAI(): Promise<typeof import('openai')> {
  return import('openai');
}

function toAgentError(e: unknown, context: AgentErrorContext, received: boolean, sdk: typeof import('openai') | undefined, signal?: AbortSignal): AgentError {
  if (e instanceof AgentError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  if (signal?.aborted || (sdk && e instanceof sdk.APIUserAbortError)) return new AgentError('aborted', detail, context, e);
  if (sdk && e instanceof sdk.APIConnectionError) return new AgentError(received ? 'streamCut' : 'endpoint', detail, context, e);
  if (sdk && e instanceof sdk.APIError && e.status !== undefined) {
    const s = e.status;
    const kind: AgentErrorKind = s === 429 ? 'throttled' : s >= 500 ? 'server' : s === 401 || s === 403 ? 'accessDenied' : s === 404 ? 'modelNotEnabled' : 'validation';
    return new AgentError(kind, detail, context, e);
  }
  // Anything else thrown mid-stream (socket closed, bad chunk) means the answer was cut.
  return new AgentError(received ? 'streamCut' : 'endpoint', detail, context, e);
}
