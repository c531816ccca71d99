import type { BedrockRuntimeClient, BedrockRuntimeClientConfig, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { AgentError, type AgentErrorContext } from '../core/errors';
import type { ModelRequest, ProviderEvent, StopReason } from '../core/messages';
import { toAgentError } from './bedrock-errors';
import { toConverseStreamInput } from './bedrock-request';
import { parseToolInput, type ModelProvider } from './provider';

export interface BedrockProviderOptions {
  region?: string;
  /** Named profile from ~/.aws; unset = the SDK's default chain (env, SSO, profiles, instance roles). */
  profile?: string;
  /** e.g. a local fake server; unset = the regional Bedrock endpoint. */
  endpoint?: string;
  /** Only for tests and explicit keys; normally unset so the default credential chain applies. */
  credentials?: BedrockRuntimeClientConfig['credentials'];
  /** Socket idle time before a silent stream counts as cut. */
  idleTimeoutMs?: number;
}

/**
 * Bedrock ConverseStream. The product uses the HTTP/1.1 `NodeHttpHandler` (not the SDK's HTTP/2 default): it works
 * through corporate proxies and against plain local servers, and ConverseStream needs no HTTP/2. The SDK's own
 * retries are off (`maxAttempts: 1`) because exceptions arrive inside the stream after `send()` resolved; our retry
 * loop wraps the whole iteration instead.
 */
export class BedrockProvider implements ModelProvider {
  readonly id = 'bedrock';
  private client: Promise<BedrockRuntimeClient> | undefined;
  private readonly context: AgentErrorContext;

  constructor(private readonly options: BedrockProviderOptions = {}) {
    this.context = { provider: 'bedrock', region: options.region, endpoint: options.endpoint };
  }

  /** The SDK (~18 MB once loaded) is imported on the first call, not when the IDE starts. */
  private getClient(): Promise<BedrockRuntimeClient> {
    const { options } = this;
    this.client ??= Promise.all([import('@aws-sdk/client-bedrock-runtime'), import('@smithy/node-http-handler')]).then(
      ([{ BedrockRuntimeClient }, { NodeHttpHandler }]) =>
        new BedrockRuntimeClient({
          region: options.region,
          profile: options.profile,
          endpoint: options.endpoint,
          credentials: options.credentials,
          maxAttempts: 1,
          requestHandler: new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: options.idleTimeoutMs ?? 120_000 }),
        }),
    );
    return this.client;
  }

  async *stream(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ProviderEvent> {
    const context = { ...this.context, modelId: request.modelId };
    if (signal?.aborted) throw new AgentError('aborted', 'stopped before the call', context);
    const pending = new Map<number, { id: string; name: string; json: string }>();
    let stop: StopReason | undefined;
    try {
      const client = await this.getClient();
      const { ConverseStreamCommand } = await import('@aws-sdk/client-bedrock-runtime');
      const response = await client.send(new ConverseStreamCommand(toConverseStreamInput(request)), { abortSignal: signal });
      if (!response.stream) throw new AgentError('streamCut', 'response had no event stream', context);
      for await (const event of response.stream) {
        throwIfException(event);
        if (event.contentBlockStart?.start?.toolUse) {
          const t = event.contentBlockStart.start.toolUse;
          pending.set(event.contentBlockStart.contentBlockIndex ?? 0, { id: t.toolUseId ?? '', name: t.name ?? '', json: '' });
        } else if (event.contentBlockDelta) {
          const d = event.contentBlockDelta.delta;
          if (d?.text) yield { type: 'textDelta', text: d.text };
          else if (d?.toolUse) {
            const p = pending.get(event.contentBlockDelta.contentBlockIndex ?? 0);
            if (p) p.json += d.toolUse.input ?? '';
          }
        } else if (event.contentBlockStop) {
          const index = event.contentBlockStop.contentBlockIndex ?? 0;
          const p = pending.get(index);
          if (p) {
            pending.delete(index);
            yield { type: 'toolUse', id: p.id, name: p.name, input: parseToolInput(p.json, p.name) };
          }
        } else if (event.messageStop) {
          stop = toStopReason(event.messageStop.stopReason);
        } else if (event.metadata?.usage) {
          const u = event.metadata.usage;
          yield {
            type: 'usage',
            usage: {
              inputTokens: u.inputTokens ?? 0,
              outputTokens: u.outputTokens ?? 0,
              cacheReadTokens: u.cacheReadInputTokens ?? 0,
              cacheWriteTokens: u.cacheWriteInputTokens ?? 0,
            },
          };
        }
      }
    } catch (e) {
      // A cut after messageStop lost only the usage figures; the answer itself is complete.
      if (stop !== undefined && !signal?.aborted) {
        yield { type: 'stop', reason: stop };
        return;
      }
      throw toAgentError(e, context, signal);
    }
    if (signal?.aborted) throw new AgentError('aborted', 'stopped', context);
    if (stop === undefined) throw new AgentError('streamCut', 'the stream ended before messageStop', context);
    yield { type: 'stop', reason: stop };
  }
}

function throwIfException(event: ConverseStreamOutput): void {
  for (const key of ['throttlingException', 'internalServerException', 'serviceUnavailableException', 'modelStreamErrorException', 'validationException'] as const) {
    const ex = (event as unknown as Record<string, { message?: string } | undefined>)[key];
    if (ex) throw Object.assign(new Error(ex.message ?? key), { name: key[0]!.toUpperCase() + key.slice(1) });
  }
}

function toStopReason(r: string | undefined): StopReason {
  switch (r) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
      return r;
    case 'content_filtered':
    case 'guardrail_intervened':
      return 'content_filtered';
    default:
      return 'other';
  }
}
