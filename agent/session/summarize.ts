import type { ChatMessage, ModelRequest } from '../core/messages';

/** The instructions for the call that summarises old turns (no tools: the transcript travels as text). */
export const SUMMARY_SYSTEM =
  'You summarise the earlier part of a coding session between a user and an AI coding agent, so the agent can ' +
  'continue without it. Keep the user\'s goals and decisions, the files read or changed and how, commands run and ' +
  'their outcomes, errors still open and what was about to happen next. Plain text, no preamble, at most about 400 words.';

/**
 * The summary request for old messages: the transcript as plain text (tool calls and clipped results included),
 * cut to `maxChars` from the front — the latest part matters most.
 */
export function summaryRequest(modelId: string, messages: readonly ChatMessage[], maxChars: number): ModelRequest {
  const lines: string[] = [];
  for (const m of messages) {
    for (const b of m.content) {
      if (b.type === 'text' && b.text.trim()) lines.push(`${m.role === 'user' ? 'User' : 'Assistant'}: ${b.text.trim()}`);
      else if (b.type === 'toolUse') lines.push(`Tool call ${b.name} ${clip(JSON.stringify(b.input) ?? '', 400)}`);
      else if (b.type === 'toolResult') lines.push(`Tool result (${b.status}): ${clip(b.content, 1500)}`);
    }
  }
  let transcript = lines.join('\n');
  if (transcript.length > maxChars) transcript = `… (earlier part cut)\n${transcript.slice(-maxChars)}`;
  return {
    modelId,
    system: [SUMMARY_SYSTEM],
    specDocuments: [],
    tools: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: `<transcript>\n${transcript}\n</transcript>\n\nSummarise the session above.` }] }],
    maxTokens: 1500,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}
