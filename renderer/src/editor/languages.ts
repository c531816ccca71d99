export interface LanguageInfo {
  id: string;
  extensions?: string[];
  filenames?: string[];
  aliases?: string[];
}

/** Names Monaco's registry does not know but Keel's users open daily. */
const OVERRIDES: { test: (name: string) => boolean; id: string }[] = [
  { test: (n) => n.endsWith('.kiro.hook'), id: 'json' },
  { test: (n) => n === '.config.kiro', id: 'json' },
  { test: (n) => n.endsWith('.mts') || n.endsWith('.cts'), id: 'typescript' },
  { test: (n) => n.endsWith('.mjs') || n.endsWith('.cjs'), id: 'javascript' },
];

/** The language id for a file, by exact file name first, then the longest matching extension; else plaintext. */
export function languageForPath(path: string, languages: LanguageInfo[]): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  const override = OVERRIDES.find((o) => o.test(lower));
  if (override) return override.id;
  for (const lang of languages) {
    if (lang.filenames?.some((f) => f.toLowerCase() === lower)) return lang.id;
  }
  let best: { id: string; length: number } | null = null;
  for (const lang of languages) {
    for (const ext of lang.extensions ?? []) {
      const e = ext.toLowerCase();
      if (lower.endsWith(e) && lower.length > e.length && (!best || e.length > best.length)) {
        best = { id: lang.id, length: e.length };
      }
    }
  }
  return best?.id ?? 'plaintext';
}

export function languageName(id: string, languages: LanguageInfo[]): string {
  if (id === 'plaintext') return 'Plain Text';
  return languages.find((l) => l.id === id)?.aliases?.[0] ?? id;
}
