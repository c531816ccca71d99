import type { SecretPolicy, WorkspaceAccess } from '../../../agent';
import type { AgentChip } from '../../../protocol';

const MAX_ATTACHED_CHARS = 100_000;

/**
 * Puts what the user attached into the prompt: a file's text, a folder's listing; other chips are named so the
 * model can ask for them with its tools. A file attached explicitly may be read even if it looks like a secret —
 * the user chose to share it. (The steering-aware context builder replaces this with full chip resolution.)
 */
export async function promptWithChips(text: string, chips: readonly AgentChip[], workspace: WorkspaceAccess, secrets: SecretPolicy): Promise<string> {
  const parts: string[] = [];
  for (const chip of chips) {
    if (chip.kind === 'file' && chip.target) {
      secrets.attach(chip.target);
      const body = await workspace.readFile(chip.target).catch((e: unknown) => `(cannot read: ${(e as Error).message})`);
      const cut = body.length > MAX_ATTACHED_CHARS ? `${body.slice(0, MAX_ATTACHED_CHARS)}\n… (cut)` : body;
      parts.push(`<attached file="${chip.target}">\n${cut}\n</attached>`);
    } else if (chip.kind === 'folder' && chip.target !== undefined) {
      const entries = await workspace.list(chip.target).catch(() => []);
      parts.push(`<attached folder="${chip.target}">\n${entries.map((e) => (e.type === 'directory' ? `${e.name}/` : e.name)).join('\n')}\n</attached>`);
    } else {
      parts.push(`(The user referred to #${chip.kind}${chip.target ? ` ${chip.target}` : ''}.)`);
    }
  }
  return parts.length ? `${parts.join('\n')}\n\n${text}` : text;
}
