import { parseSteering } from '../../../specs-schema';
import type { WorkspaceAccess } from '../../../agent';

export const SYSTEM_PROMPT = [
  'You are Keel, a coding agent working inside the user\'s project.',
  'Use the tools to read before you edit; paths are relative to the workspace root.',
  'Edits you make are shown to the user as a diff to review unless the session runs in Autopilot.',
  'Commands run only after the user approves them. Never read secrets (.env files, keys) unless the user attached them.',
  'Answer briefly and say what you changed.',
].join('\n');

/**
 * The cached prefix until the steering-aware context builder is wired: the system prompt, then every steering file
 * whose inclusion is `always`, in name order so the bytes are the same on every call.
 */
export async function basicSystemBlocks(workspace: WorkspaceAccess): Promise<string[]> {
  const blocks = [SYSTEM_PROMPT];
  const entries = await workspace.list('.kiro/steering').catch(() => []);
  for (const e of entries.filter((x) => x.type === 'file' && x.name.endsWith('.md')).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = `.kiro/steering/${e.name}`;
    const text = await workspace.readFile(path).catch(() => undefined);
    if (text === undefined || parseSteering(text).inclusion !== 'always') continue;
    const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '').trim();
    if (body) blocks.push(`Steering (${path}):\n${body}`);
  }
  return blocks;
}
