/**
 * Near the context limit, the oldest turns are replaced by a summary. Only `messages` change: the tools, the system
 * blocks (system prompt + steering) and the spec documents are handed back as the very same values, so everything
 * before the first message — the cached prefix — keeps its bytes and stays a cache hit. The summary goes at the
 * front of the first turn that is kept, so user/assistant alternation and tool-use pairing stay valid.
 */
import type { ChatMessage, ContentBlock, ModelRequest } from '../core/messages';

export interface CompactionOptions {
  /** The model's context window, in tokens. */
  contextWindowTokens: number;
  /** Compact once the request is estimated above this share of the window (default 0.8). */
  threshold?: number;
  /** Most recent turns kept word for word (default 2; drops to 1 if that is still too large). */
  keepTurns?: number;
  /** Tokens of a text; default: a character count / 4 estimate (no tokenizer ships for every model). */
  estimateTokens?: (text: string) => number;
}

/** Summarises old messages, typically with a cheap model call; on failure the outline summary is used. */
export type Summarize = (messages: readonly ChatMessage[], signal?: AbortSignal) => Promise<string>;

export type CompactionResult =
  | { compacted: false; request: ModelRequest; tokens: number }
  | { compacted: true; request: ModelRequest; summary: string; summarizedMessages: number; tokensBefore: number; tokensAfter: number; usedFallback: boolean };

export const SUMMARY_TAG = 'conversation-summary';

const byChars = (text: string): number => Math.ceil(text.length / 4);

export function estimateRequestTokens(request: ModelRequest, estimate: (text: string) => number = byChars): number {
  let n = 0;
  for (const s of request.system) n += estimate(s);
  for (const s of request.specDocuments) n += estimate(s);
  for (const t of request.tools) n += estimate(JSON.stringify(t));
  for (const m of request.messages) for (const b of m.content) n += estimate(blockText(b));
  return n;
}

export async function compactHistory(request: ModelRequest, options: CompactionOptions, summarize?: Summarize, signal?: AbortSignal): Promise<CompactionResult> {
  const estimate = options.estimateTokens ?? byChars;
  const limit = options.contextWindowTokens * (options.threshold ?? 0.8);
  const tokens = estimateRequestTokens(request, estimate);
  if (tokens <= limit) return { compacted: false, request, tokens };
  const starts = turnStarts(request.messages);
  const keep = options.keepTurns ?? 2;
  let cut = starts[starts.length - keep];
  // Too little to keep that many turns apart from the summary: keep only the latest turn.
  if (cut === undefined || cut === 0) cut = starts[starts.length - 1];
  if (cut === undefined || cut === 0) return { compacted: false, request, tokens };

  const old = request.messages.slice(0, cut);
  let summary: string;
  let usedFallback = false;
  try {
    summary = summarize ? (await summarize(old, signal)).trim() : outlineSummary(old);
    if (!summary) throw new Error('empty summary');
  } catch {
    summary = outlineSummary(old);
    usedFallback = summarize !== undefined;
  }
  let messages = applyCompaction(request.messages, cut, summary);
  let next: ModelRequest = { ...request, messages, historyCacheIndex: messages.length - 1 };
  if (estimateRequestTokens(next, estimate) > limit && cut !== starts[starts.length - 1] && starts.length > 1) {
    const last = starts[starts.length - 1] as number;
    const more = request.messages.slice(0, last);
    summary = usedFallback || !summarize ? outlineSummary(more) : await summarize(more, signal).catch(() => outlineSummary(more));
    messages = applyCompaction(request.messages, last, summary);
    next = { ...request, messages, historyCacheIndex: messages.length - 1 };
    cut = last;
  }
  return { compacted: true, request: next, summary, summarizedMessages: cut, tokensBefore: tokens, tokensAfter: estimateRequestTokens(next, estimate), usedFallback };
}

/** Indexes of user messages that start a turn (they carry the prompt text, not only tool results). */
export function turnStarts(messages: readonly ChatMessage[]): number[] {
  return messages.flatMap((m, i) => (m.role === 'user' && m.content.some((b) => b.type === 'text') ? [i] : []));
}

/**
 * The history after a compaction: the first `summarizedMessages` messages replaced by the summary. Also what a
 * reloaded session replays from its saved compaction record, so the model sees the very same messages after a
 * restart.
 */
export function applyCompaction(messages: readonly ChatMessage[], summarizedMessages: number, summary: string): ChatMessage[] {
  return withSummary(messages.slice(summarizedMessages), summary, summarizedMessages);
}

function withSummary(kept: readonly ChatMessage[], summary: string, count: number): ChatMessage[] {
  const [first, ...rest] = kept;
  if (!first) return [];
  // Tool results in the first kept message answer tool uses that were summarised away: an orphan result is invalid.
  const content = first.content.filter((b) => b.type !== 'toolResult');
  const note: ContentBlock = { type: 'text', text: `<${SUMMARY_TAG} messages="${count}">\n${summary}\n</${SUMMARY_TAG}>` };
  return [{ role: 'user', content: [note, ...content] }, ...rest];
}

/**
 * A summary without a model: each turn's prompt, the tools it ran (with their main argument) and the answer's
 * opening, each cut short. Deterministic, so it is also what the tests pin down.
 */
export function outlineSummary(messages: readonly ChatMessage[]): string {
  const lines: string[] = [];
  for (const m of messages) {
    for (const b of m.content) {
      if (b.type === 'text' && b.text.trim()) lines.push(`${m.role === 'user' ? 'User' : 'Assistant'}: ${clip(b.text, 400)}`);
      if (b.type === 'toolUse') lines.push(`Tool ${b.name}${mainArg(b.input)}`);
      if (b.type === 'toolResult' && b.status === 'error') lines.push(`  (failed: ${clip(b.content, 160)})`);
    }
  }
  return lines.join('\n');
}

function mainArg(input: unknown): string {
  if (input === null || typeof input !== 'object') return '';
  const o = input as Record<string, unknown>;
  const v = o.path ?? o.command ?? o.pattern ?? o.query;
  return typeof v === 'string' ? ` ${clip(v, 120)}` : '';
}

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function blockText(b: ContentBlock): string {
  return b.type === 'text' ? b.text : b.type === 'toolResult' ? b.content : JSON.stringify(b.input) + b.name;
}
