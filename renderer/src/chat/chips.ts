import fuzzysort from 'fuzzysort';
import type { Chip, ChipKind } from './model';

/**
 * The `#` providers, in the order the menu lists them. `needsTarget`: a second list picks what (file, spec…);
 * `optionalTarget`: choosing the provider attaches a chip at once, and `#keyword:` still lists targets.
 */
export const CHIP_KINDS: { kind: ChipKind; keyword: string; description: string; needsTarget: boolean; optionalTarget?: boolean }[] = [
  { kind: 'file', keyword: 'file', description: 'A file of the workspace', needsTarget: true },
  { kind: 'folder', keyword: 'folder', description: 'A folder: its file list', needsTarget: true },
  { kind: 'spec', keyword: 'spec', description: 'A spec: requirements, design and tasks', needsTarget: true },
  { kind: 'steering', keyword: 'steering', description: 'A steering file by name', needsTarget: true },
  { kind: 'terminal', keyword: 'terminal', description: 'Recent output of the active terminal', needsTarget: false, optionalTarget: true },
  { kind: 'problems', keyword: 'problems', description: 'The problems listed in the Problems panel', needsTarget: false },
  { kind: 'gitDiff', keyword: 'git diff', description: 'Uncommitted changes', needsTarget: false },
  { kind: 'codebase', keyword: 'codebase', description: 'Search the whole codebase', needsTarget: false },
  { kind: 'skill', keyword: 'skill', description: "A skill's instructions (.kiro/skills)", needsTarget: true },
  { kind: 'power', keyword: 'power', description: 'Activate a power (.kiro/powers)', needsTarget: true },
];

/** The `#…` being typed at the caret: where it starts and what follows the `#`. */
export interface ChipTrigger {
  start: number;
  end: number;
  /** `file` in `#file:src/a`, or undefined while the provider is still being chosen. */
  kind?: ChipKind;
  query: string;
}

/**
 * Finds a `#` reference under the caret. `#` must start the text or follow white space (so `a#b` and URLs with
 * fragments are left alone). `#git diff` may contain its one space; a target follows a colon: `#file:src/app`.
 */
export function findTrigger(text: string, caret: number): ChipTrigger | undefined {
  const before = text.slice(0, caret);
  const m = /(?:^|\s)#((?:git(?: diff?| dif| di| d| )?)|[\w.-]*)(?::([^\s]*))?$/.exec(before);
  if (!m) return undefined;
  const start = before.length - m[0].length + (m[0].startsWith('#') ? 0 : 1);
  const head = m[1] ?? '';
  if (m[2] !== undefined) {
    const kind = CHIP_KINDS.find((k) => k.keyword === head && (k.needsTarget || k.optionalTarget))?.kind;
    return kind ? { start, end: caret, kind, query: m[2] } : undefined;
  }
  return { start, end: caret, query: head };
}

export interface Suggestion {
  label: string;
  description?: string;
  /** What choosing it does: insert a chip, or continue with a provider's target list. */
  action: { type: 'chip'; chip: Chip } | { type: 'provider'; kind: ChipKind };
}

/** Where targets come from (the workspace index, spec list, steering list, terminals); each may fail. */
export interface ChipSources {
  files(query: string): Promise<string[]>;
  specs(): Promise<{ name: string; dir: string }[]>;
  steering(): Promise<{ name: string; path: string }[]>;
  terminals(): { id: string; title: string }[];
  /** Skills and powers of the workspace and ~/.kiro (absent: the menu offers none). */
  skills?(): Promise<{ name: string; description?: string }[]>;
  powers?(): Promise<{ name: string; description?: string }[]>;
}

export function kindSuggestions(query: string): Suggestion[] {
  const q = query.toLowerCase();
  return CHIP_KINDS.filter((k) => k.keyword.startsWith(q) || k.keyword.replace(' ', '').startsWith(q.replace(' ', ''))).map((k) => ({
    label: `#${k.keyword}`,
    description: k.description,
    action: k.needsTarget ? { type: 'provider', kind: k.kind } : { type: 'chip', chip: { kind: k.kind } },
  }));
}

const LIMIT = 30;

function fuzzy<T>(items: T[], query: string, key: (t: T) => string): T[] {
  if (!query) return items.slice(0, LIMIT);
  return fuzzysort.go(query, items, { key, limit: LIMIT }).map((r) => r.obj);
}

/** Folders that hold the matched files (the file index lists files only), nearest first. */
export function foldersOf(paths: string[]): string[] {
  const seen = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/');
    for (let i = parts.length - 1; i > 0; i--) seen.add(parts.slice(0, i).join('/'));
  }
  return [...seen];
}

export async function targetSuggestions(kind: ChipKind, query: string, sources: ChipSources): Promise<Suggestion[]> {
  const chip = (target: string, description?: string): Suggestion => ({ label: target, description, action: { type: 'chip', chip: { kind, target } } });
  switch (kind) {
    case 'file':
      return (await sources.files(query)).slice(0, LIMIT).map((p) => chip(p));
    case 'folder': {
      const folders = foldersOf(await sources.files(query.split('/').pop() ?? query));
      return fuzzy(query ? folders : folders.sort(), query, (f) => f).map((f) => chip(f));
    }
    case 'spec':
      return fuzzy(await sources.specs(), query, (s) => s.name).map((s) => chip(s.dir, s.name));
    case 'steering':
      return fuzzy(await sources.steering(), query, (s) => s.name).map((s) => ({
        label: s.name,
        description: s.path,
        action: { type: 'chip', chip: { kind, target: s.name } },
      }));
    case 'skill':
    case 'power': {
      const list = (await (kind === 'skill' ? sources.skills?.() : sources.powers?.())) ?? [];
      return fuzzy(list, query, (x) => x.name).map((x) => ({ label: x.name, ...(x.description ? { description: x.description } : {}), action: { type: 'chip', chip: { kind, target: x.name } } }));
    }
    case 'terminal':
      return fuzzy(sources.terminals(), query, (t) => t.title).map((t) => ({
        label: t.title,
        action: { type: 'chip', chip: { kind, target: t.id } },
      }));
    default:
      return [];
  }
}

/** How a chip reads in the prompt box's chip row and in the transcript. */
export function chipLabel(chip: Chip, names?: { terminal?: (id: string) => string | undefined }): string {
  const keyword = CHIP_KINDS.find((k) => k.kind === chip.kind)?.keyword ?? chip.kind;
  if (chip.target === undefined) return `#${keyword}`;
  if (chip.kind !== 'terminal') return `#${keyword}:${chip.target}`;
  // A terminal id means nothing to a reader: its title, or just #terminal once the terminal is gone.
  const title = names?.terminal?.(chip.target);
  return title ? `#${keyword}:${title}` : `#${keyword}`;
}

/** The text with the typed `#…` removed, and where the caret goes. */
export function removeTrigger(text: string, trigger: ChipTrigger): { text: string; caret: number } {
  const after = text.slice(trigger.end).replace(/^ /, '');
  const before = text.slice(0, trigger.start);
  return { text: before + after, caret: before.length };
}

/** Adds a chip unless the same one is attached already. */
export function addChip(chips: Chip[], chip: Chip): Chip[] {
  return chips.some((c) => c.kind === chip.kind && c.target === chip.target) ? chips : [...chips, chip];
}
