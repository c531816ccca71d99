import { AgentError } from '../core/errors';
import type { ModelProvider } from '../providers/provider';

export type ConnectionCheck = { ok: true; modelId: string; reply: string } | { ok: false; kind: AgentError['kind']; message: string };

/**
 * The settings view's "Test connection": one tiny call, no retries, no tools. The failure message is the same
 * do-this-next text a chat turn would show.
 */
export async function testConnection(provider: ModelProvider, modelId: string, signal?: AbortSignal): Promise<ConnectionCheck> {
  let reply = '';
  try {
    for await (const e of provider.stream(
      { modelId, system: [], specDocuments: [], tools: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'Reply with the single word: ok' }] }], maxTokens: 10 },
      signal,
    )) {
      if (e.type === 'textDelta') reply += e.text;
    }
    return { ok: true, modelId, reply: reply.trim() };
  } catch (e) {
    const err = e instanceof AgentError ? e : new AgentError('server', e instanceof Error ? e.message : String(e));
    return { ok: false, kind: err.kind, message: err.message };
  }
}
