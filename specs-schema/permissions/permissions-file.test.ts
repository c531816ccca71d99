import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPermissionRule } from './edit-permissions';
import { parsePermissions, serializePermissions } from './permissions-file';

const corpus = process.env.KEEL_KIRO_CORPUS_V1 ?? join(resolve(import.meta.dirname, '..', '..'), '..', 'shared', 'kiro-corpus-v1');

/** Committed samples in each shape the corpus shows (written for these tests), so nothing skips without ../shared. */
const SAMPLES = {
  rules: `version: v1\nrules:\n  # build tools\n  - capability: shell\n    match: ["npm run *", "git status*"]\n    effect: allow\n  - capability: fs_read\n    match:\n      - .env\n      - "**/*.pem"\n    exclude: [.env.example]\n    effect: deny\n`,
  bare: `- capability: shell\n  match: "*"\n  effect: ask\n\n- capability: fs_write\n  match: "**/*"\n  effect: allow`,
  flow: `rules:\n  - { capability: web_fetch, effect: allow }\n  - { capability: subagent, effect: allow }\n  - { capability: "*", match: ["*"], effect: deny }\n`,
};

describe('parsePermissions', () => {
  it('reads a rules: list with version, comments, match lists (flow and block) and exclude', () => {
    const doc = parsePermissions(SAMPLES.rules);
    expect(doc.shape).toBe('rules');
    expect(doc.version).toBe('v1');
    expect(doc.diagnostics).toEqual([]);
    expect(doc.rules.map(({ index, capability, match, exclude, effect, line, known }) => ({ index, capability, match, exclude, effect, line, known }))).toEqual([
      { index: 0, capability: 'shell', match: ['npm run *', 'git status*'], exclude: [], effect: 'allow', line: 3, known: true },
      { index: 1, capability: 'fs_read', match: ['.env', '**/*.pem'], exclude: ['.env.example'], effect: 'deny', line: 6, known: true },
    ]);
    expect(doc.rules[0]!.text).toBe('capability: shell\n    match: ["npm run *", "git status*"]\n    effect: allow');
  });

  it('reads a bare list with match as one string and no final newline', () => {
    const doc = parsePermissions(SAMPLES.bare);
    expect(doc.shape).toBe('list');
    expect(doc.rules.map((r) => [r.capability, r.match, r.effect])).toEqual([
      ['shell', ['*'], 'ask'],
      ['fs_write', ['**/*'], 'allow'],
    ]);
    expect(serializePermissions(doc)).toBe(SAMPLES.bare);
  });

  it('keeps capabilities beyond the documented set with a warning; `*` covers every capability', () => {
    const doc = parsePermissions(SAMPLES.flow);
    expect(doc.rules.map((r) => [r.capability, r.known, r.match])).toEqual([
      ['web_fetch', true, undefined],
      ['subagent', false, undefined],
      ['*', true, ['*']],
    ]);
    expect(doc.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'permissions/unknown-capability', line: 2 })]);
  });

  it('a broken file is one clear error and no rules', () => {
    const doc = parsePermissions('rules:\n  - capability: shell\n   effect: [allow\n');
    expect(doc.rules).toEqual([]);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'permissions/yaml' });
    expect(doc.diagnostics[0]!.message).toMatch(/No rule of this file applies/);
  });

  it('a bad effect or missing capability drops that rule only, with a diagnostic naming it', () => {
    const doc = parsePermissions('rules:\n  - capability: shell\n    effect: maybe\n  - effect: allow\n  - capability: fs_read\n    effect: deny\n');
    expect(doc.rules.map((r) => [r.index, r.capability])).toEqual([[2, 'fs_read']]);
    expect(doc.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['permissions/effect', 1],
      ['permissions/capability', 3],
    ]);
  });

  it('an alias bomb is refused with a diagnostic, quickly', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('rules: []');
    const started = Date.now();
    const doc = parsePermissions(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(doc.rules).toEqual([]);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'permissions/yaml' });
  });
});

describe('addPermissionRule', () => {
  const rule = { capability: 'shell', match: ['npm test'], effect: 'allow' as const };

  it('appends after the last rule in the file\'s own indentation, leaving every other byte', () => {
    const r = addPermissionRule(SAMPLES.rules, rule);
    expect(r.text).toBe(`${SAMPLES.rules}  - capability: shell\n    match: ["npm test"]\n    effect: allow\n`);
    expect(parsePermissions(r.text).rules.at(-1)).toMatchObject({ capability: 'shell', match: ['npm test'], effect: 'allow', index: 2 });
  });

  it('appends to a bare list without a final newline', () => {
    const r = addPermissionRule(SAMPLES.bare, rule);
    expect(r.text.startsWith(SAMPLES.bare)).toBe(true);
    expect(parsePermissions(r.text).rules.map((x) => x.capability)).toEqual(['shell', 'fs_write', 'shell']);
  });

  it('creates a rules: list in an empty file and quotes patterns safely', () => {
    const r = addPermissionRule('', { capability: 'shell', match: ['echo "a: #b"'], effect: 'allow' });
    expect(r.text).toBe('rules:\n  - capability: shell\n    match: ["echo \\"a: #b\\""]\n    effect: allow\n');
    expect(parsePermissions(r.text).rules[0]!.match).toEqual(['echo "a: #b"']);
  });

  it('inserts before keys that follow the rules list', () => {
    const text = 'rules:\n  - capability: fs_read\n    effect: allow\nversion: v1\n';
    const r = addPermissionRule(text, rule);
    expect(r.text).toBe('rules:\n  - capability: fs_read\n    effect: allow\n  - capability: shell\n    match: ["npm test"]\n    effect: allow\nversion: v1\n');
  });

  it('refuses to edit a file that is not valid YAML (nothing the user wrote is lost)', () => {
    const text = 'rules: [\n';
    const r = addPermissionRule(text, rule);
    expect(r.text).toBe(text);
    expect(r.diagnostics[0]!.code).toBe('permissions/edit');
  });
});

describe('permissions files of the Kiro 1.0 corpus', () => {
  const present = existsSync(join(corpus, 'MANIFEST.tsv'));
  it.skipIf(!present)('every file round-trips, gives no error, and every rule survives an added rule', () => {
    const files = readdirSync(corpus).map((d) => join(corpus, d, '.kiro/settings/permissions.yaml')).filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const doc = parsePermissions(text);
      expect(serializePermissions(doc), f).toBe(text);
      expect(doc.diagnostics.filter((d) => d.severity === 'error'), f).toEqual([]);
      expect(doc.rules.length, f).toBeGreaterThan(0);
      const added = parsePermissions(addPermissionRule(text, { capability: 'shell', match: ['make'], effect: 'allow' }).text);
      expect(added.rules.length, f).toBe(doc.rules.length + 1);
    }
  });

  it.skipIf(!present)('hand-checked structure of two real files', () => {
    const read = (repo: string) => parsePermissions(readFileSync(join(corpus, repo, '.kiro/settings/permissions.yaml'), 'utf8'));
    const jabaki = read('PeterGeers__jabaki-rentals');
    expect(jabaki.shape).toBe('rules');
    expect(jabaki.rules.map((r) => [r.capability, r.effect, r.match?.length])).toEqual([
      ['shell', 'allow', 5],
      ['shell', 'allow', 5],
      ['shell', 'deny', 4],
      ['shell', 'ask', 4],
    ]);
    expect(jabaki.rules[2]!.match).toContain('git reset --hard*');
    const bare = read('lipeslt__cidade-inteligente');
    expect(bare.shape).toBe('list');
    expect(bare.rules.map((r) => [r.capability, r.match, r.effect])).toEqual([
      ['shell', ['*'], 'allow'],
      ['fs_write', ['**/*'], 'allow'],
    ]);
  });
});
