import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatMessage, ModelRequest } from '../core/messages';

/**
 * Chat-completions input. OpenAI-compatible servers cache by exact prefix on their own (no cache markers), so the
 * system prompt, steering and spec documents form one leading system message whose bytes stay fixed across turns.
 */
export function toChatCompletionsInput(req: ModelRequest): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  const system = [...req.system, ...req.specDocuments].filter((s) => s !== '').join('\n\n');
  if (system !== '') messages.push({ role: 'system', content: system });
  for (const m of req.messages) messages.push(...toOpenAIMessages(m));
  const params: ChatCompletionCreateParamsStreaming = {
    model: req.modelId,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  };
  if (req.tools.length > 0) {
    params.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } }));
  }
  if (req.maxTokens !== undefined) params.max_tokens = req.maxTokens;
  if (req.temperature !== undefined) params.temperature = req.temperature;
  return params;
}

function toOpenAIMessages(m: ChatMessage): ChatCompletionMessageParam[] {
  const text = m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  if (m.role === 'assistant') {
    const calls = m.content.flatMap((b) =>
      b.type === 'toolUse' ? [{ id: b.id, type: 'function' as const, function: { name: b.name, arguments: JSON.stringify(b.input) } }] : [],
    );
    return [calls.length > 0 ? { role: 'assistant', content: text === '' ? null : text, tool_calls: calls } : { role: 'assistant', content: text }];
  }
  // Tool results travel as `tool` messages, which must directly follow the assistant message that called them.
  const out: ChatCompletionMessageParam[] = m.content.flatMap((b) =>
    b.type === 'toolResult' ? [{ role: 'tool' as const, tool_call_id: b.toolUseId, content: b.status === 'error' ? `Error: ${b.content}` : b.content }] : [],
  );
  if (text !== '') out.push({ role: 'user', content: text });
  return out;
}
