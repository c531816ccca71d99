import type {
  ContentBlock as BedrockContentBlock,
  ConverseStreamCommandInput,
  Message as BedrockMessage,
  SystemContentBlock,
  Tool,
} from '@aws-sdk/client-bedrock-runtime';
import type { ChatMessage, ContentBlock, ModelRequest } from '../core/messages';

const CACHE_POINT = { cachePoint: { type: 'default' as const } };

/**
 * Amazon Nova caches system and messages but rejects a cache point inside the tool list (AWS "prompt caching"
 * model table: Nova supports the system and messages fields only); Claude supports all three.
 */
export function supportsToolCachePoint(modelId: string): boolean {
  return !/amazon\.nova/.test(modelId);
}

/**
 * Builds the ConverseStream input. Cache points go after the tools, after system + steering, after spec documents
 * and after the history already seen (at most four, Bedrock's limit). Nothing here may depend on time, randomness
 * or object identity: the bytes of the prefix must be identical from one turn to the next or the cache misses.
 */
export function toConverseStreamInput(req: ModelRequest): ConverseStreamCommandInput {
  const system: SystemContentBlock[] = [];
  for (const text of req.system) if (text !== '') system.push({ text });
  if (system.length > 0) system.push(CACHE_POINT);
  const docs = req.specDocuments.filter((d) => d !== '');
  for (const text of docs) system.push({ text });
  if (docs.length > 0) system.push(CACHE_POINT);

  const messages = req.messages.map((m, i) => toBedrockMessage(m, i === req.historyCacheIndex));

  const input: ConverseStreamCommandInput = { modelId: req.modelId, messages };
  if (system.length > 0) input.system = system;
  if (req.tools.length > 0) {
    const tools: Tool[] = req.tools.map((t) => ({
      toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.inputSchema as never } },
    }));
    if (supportsToolCachePoint(req.modelId)) tools.push(CACHE_POINT);
    input.toolConfig = { tools };
  }
  if (req.maxTokens !== undefined || req.temperature !== undefined) {
    input.inferenceConfig = {};
    if (req.maxTokens !== undefined) input.inferenceConfig.maxTokens = req.maxTokens;
    if (req.temperature !== undefined) input.inferenceConfig.temperature = req.temperature;
  }
  return input;
}

function toBedrockMessage(m: ChatMessage, cacheAfter: boolean): BedrockMessage {
  const content: BedrockContentBlock[] = [];
  for (const block of m.content) {
    const b = toBedrockBlock(block);
    if (b) content.push(b);
  }
  // Bedrock rejects a message with no content (e.g. an assistant turn that only called tools after a cut).
  if (content.length === 0) content.push({ text: '(empty)' });
  if (cacheAfter) content.push(CACHE_POINT);
  return { role: m.role, content };
}

function toBedrockBlock(b: ContentBlock): BedrockContentBlock | undefined {
  switch (b.type) {
    case 'text':
      return b.text === '' ? undefined : { text: b.text };
    case 'toolUse':
      return { toolUse: { toolUseId: b.id, name: b.name, input: b.input as never } };
    case 'toolResult':
      return {
        toolResult: { toolUseId: b.toolUseId, status: b.status, content: [{ text: b.content === '' ? '(no output)' : b.content }] },
      };
  }
}
