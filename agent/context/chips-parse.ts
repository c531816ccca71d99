/**
 * Context chips. The chat pane sends them structured; a prompt typed by hand (or in the CLI) may write them inline:
 * `#file:src/a.ts`, `#file:"docs/my notes.md"`, `#folder:src`, `#spec:user-auth`, `#steering:tech`, `#terminal`,
 * `#problems`, `#git diff` (also `#gitdiff`, `#git-diff`), `#codebase`.
 */

export type Chip =
  | { kind: 'file'; path: string }
  | { kind: 'folder'; path: string }
  | { kind: 'spec'; name: string }
  | { kind: 'steering'; name: string }
  | { kind: 'terminal'; terminal?: string }
  | { kind: 'problems' }
  | { kind: 'gitDiff' }
  | { kind: 'codebase'; query?: string };

const WITH_ARG = /(?:^|[\s(])#(file|folder|spec|steering):(?:"([^"\n]+)"|(\S+))/g;
const BARE = /(?:^|[\s(])#(terminal|problems|codebase|git diff|git-diff|gitdiff)(?=$|[\s),.;:!?])/gi;

export function parseChips(prompt: string): Chip[] {
  const out: Chip[] = [];
  for (const m of prompt.matchAll(WITH_ARG)) {
    const kind = m[1] as 'file' | 'folder' | 'spec' | 'steering';
    // A path at the end of a sentence: "look at #file:src/a.ts." — trailing punctuation is not part of it.
    const bare = m[3] as string | undefined;
    const arg = (m[2] ?? (bare?.replace(/[.,;:!?)\]]+$/, '') || bare) ?? '').trim();
    if (!arg) continue;
    out.push(kind === 'file' || kind === 'folder' ? { kind, path: arg } : { kind, name: arg });
  }
  for (const m of prompt.matchAll(BARE)) {
    const word = (m[1] as string).toLowerCase();
    out.push(word === 'terminal' ? { kind: 'terminal' } : word === 'problems' ? { kind: 'problems' } : word === 'codebase' ? { kind: 'codebase' } : { kind: 'gitDiff' });
  }
  return out;
}

export function chipKey(chip: Chip): string {
  switch (chip.kind) {
    case 'file':
    case 'folder':
      return `${chip.kind}:${chip.path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '')}`;
    case 'spec':
    case 'steering':
      return `${chip.kind}:${chip.name.toLowerCase()}`;
    case 'terminal':
      return `terminal:${chip.terminal ?? ''}`;
    case 'codebase':
      return `codebase:${chip.query ?? ''}`;
    default:
      return chip.kind;
  }
}

/** Structured chips first, then inline ones; each chip once. */
export function mergeChips(structured: readonly Chip[], prompt: string): Chip[] {
  const seen = new Set<string>();
  const out: Chip[] = [];
  for (const chip of [...structured, ...parseChips(prompt)]) {
    const key = chipKey(chip);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(chip);
  }
  return out;
}

/** The prompt with inline chips removed: what `#codebase` searches for. */
export function promptWithoutChips(prompt: string): string {
  return prompt.replace(WITH_ARG, ' ').replace(BARE, ' ').replace(/\s+/g, ' ').trim();
}
