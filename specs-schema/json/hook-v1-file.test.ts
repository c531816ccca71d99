import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHookFile } from './hook-any-file';
import { createHookV1Text, editHookV1, globsToRegex, upgradeLegacyHook } from './hook-v1-file';
import { parseHook } from './hook-file';

const fixtures = join(import.meta.dirname, 'fixtures', 'hooks');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('hook files read by content (committed sample of ../shared/kiro-corpus-v1)', () => {
  it('reads a v1 file: trigger, path matcher, command action, enabled, description', () => {
    const doc = parseHookFile(fixture('v1-lint-python-on-save.json'));
    expect(doc.format).toBe('v1');
    expect(doc.diagnostics).toEqual([]);
    expect(doc.entries).toEqual([
      {
        format: 'v1',
        index: 0,
        name: 'Lint Python on Save',
        description: 'Esegue ruff check sui file Python modificati per catturare errori di stile e bug immediatamente',
        trigger: 'PostFileSave',
        matcher: '.*[^/]*\\.py$',
        action: { type: 'command', command: 'uv run ruff check --fix .' },
        enabled: true,
      },
    ]);
  });

  it('takes the timeout from inside action (as real files write it) and defaults enabled to true', () => {
    const [hook] = parseHookFile(fixture('v1-lint-on-save-action-timeout.json')).entries;
    expect(hook).toMatchObject({ trigger: 'PostFileSave', matcher: '\\.(js)$', enabled: true, action: { type: 'command', command: 'npx eslint --no-error-on-unmatched-pattern .', timeout: 30 } });
  });

  it('reads a tool matcher over Kiro tool names and a Manual trigger', () => {
    expect(parseHookFile(fixture('v1-audit-logger-posttooluse.json')).entries[0]).toMatchObject({ trigger: 'PostToolUse', matcher: 'fs_write|str_replace|fs_append', action: { type: 'command' } });
    expect(parseHookFile(fixture('v1-manual.json')).entries[0]).toMatchObject({ trigger: 'Manual', name: 'Pre-Push CI Check', enabled: true });
  });

  it('reads a when/then hook in a .json file as legacy, named by its v1 trigger', () => {
    const doc = parseHookFile(fixture('legacy-in-json.json'));
    expect(doc.format).toBe('legacy');
    expect(doc.diagnostics).toEqual([]);
    expect(doc.entries).toEqual([
      { format: 'legacy', index: 0, name: 'Lint Python on Save', description: 'Executa verificação de código Python ao salvar arquivos', trigger: 'PostFileSave', patterns: ['*.py'], action: { type: 'agent', prompt: 'Verifique se há problemas de sintaxe ou estilo no arquivo Python editado' }, enabled: true },
    ]);
    expect(parseHookFile(fixture('legacy-one-line.kiro.hook')).entries[0]).toMatchObject({ format: 'legacy', trigger: 'PostToolUse', toolTypes: ['write'] });
  });

  it.each(['other-trigger-object.json', 'other-flat.json', 'other-before-response.json'])('gives %s (a shape Kiro does not run) exactly one clear error', (name) => {
    const doc = parseHookFile(fixture(name));
    expect(doc.format).toBe('unknown');
    expect(doc.entries).toEqual([]);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'hook/unknown-format', line: expect.any(Number) });
    expect(doc.diagnostics[0]?.message).toMatch(/"version": "v1"/);
  });

  it('round-trips every sample byte for byte', () => {
    for (const name of readdirSync(fixtures)) expect(parseHookFile(fixture(name)).json.text).toBe(fixture(name));
  });
});

describe('v1 files with several hooks', () => {
  const text = `{
  "version": "v1",
  "hooks": [
    { "name": "a", "trigger": "PreToolUse", "matcher": "execute_bash", "action": { "type": "command", "command": "exit 2" }, "timeout": 5, "owner": "ops" },
    { "name": "b", "trigger": "Sometimes", "action": { "type": "command", "command": "x" } },
    { "name": "c", "trigger": "Stop", "action": { "type": "agent", "prompt": "sum up" }, "enabled": false }
  ],
  "x-team": 1
}`;

  it('keeps the good hooks when one is broken, with a diagnostic on the broken one', () => {
    const doc = parseHookFile(text);
    expect(doc.entries.map((e) => [e.index, e.name, e.trigger, e.enabled])).toEqual([
      [0, 'a', 'PreToolUse', true],
      [2, 'c', 'Stop', false],
    ]);
    expect(doc.entries[0]?.action).toEqual({ type: 'command', command: 'exit 2', timeout: 5 });
    expect(doc.invalid).toEqual([1]);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({ code: 'hook/invalid', line: 4 });
  });

  it('edits one field of one hook, keeping every other byte (unknown keys included)', () => {
    const doc = parseHookFile(text);
    const edit = editHookV1(doc, 2, ['enabled'], true);
    expect(edit.text).toBe(text.replace('"enabled": false', '"enabled": true'));
    expect(edit.changes).toHaveLength(1);
  });

  it('refuses an edit that would break a valid hook', () => {
    const doc = parseHookFile(text);
    const edit = editHookV1(doc, 0, ['trigger'], 'Never');
    expect(edit.text).toBe(text);
    expect(edit.diagnostics[0]?.code).toBe('hook/invalid');
  });

  it('reports a bad matcher, a missing version and a missing hooks list', () => {
    expect(parseHookFile('{"version":"v1","hooks":[{"name":"m","trigger":"PostFileSave","matcher":"(","action":{"type":"command","command":"x"}}]}').diagnostics[0]?.message).toMatch(/regular expression/);
    expect(parseHookFile('{"hooks":[]}').diagnostics.map((d) => d.code)).toEqual(['hook/version']);
    expect(parseHookFile('{"version":"v1"}').diagnostics.map((d) => d.code)).toEqual(['hook/no-hooks']);
  });
});

describe('creating and upgrading', () => {
  it('creates a v1 file Kiro reads, or refuses an invalid hook', () => {
    const made = createHookV1Text([{ name: 'n', trigger: 'PostFileSave', matcher: '\\.ts$', action: { type: 'command', command: 'npm run lint' } }]);
    expect(parseHookFile(made.text).entries[0]).toMatchObject({ name: 'n', trigger: 'PostFileSave' });
    expect(createHookV1Text([{ name: '', trigger: 'Stop', action: { type: 'agent', prompt: 'p' } }]).diagnostics.length).toBeGreaterThan(0);
  });

  it('upgrades a legacy hook: event → trigger, globs → path regex, tool categories → Kiro tool names', () => {
    const file = parseHook(fixture('legacy-in-json.json')).hook!;
    expect(upgradeLegacyHook(file)).toEqual({ name: 'Lint Python on Save', description: 'Executa verificação de código Python ao salvar arquivos', trigger: 'PostFileSave', matcher: '(?:^|/)[^/]*\\.py$', action: { type: 'agent', prompt: 'Verifique se há problemas de sintaxe ou estilo no arquivo Python editado' } });
    const tool = parseHook(fixture('legacy-one-line.kiro.hook')).hook!;
    expect(upgradeLegacyHook(tool)).toMatchObject({ trigger: 'PostToolUse', matcher: 'fs_write|str_replace|fs_append|delete_file', action: { type: 'command', command: 'bun .kiro/hooks/aidlc-kiro-adapter.ts audit-and-sensors' } });
    const re = new RegExp(globsToRegex(['src/**/*.ts', '!src/gen/**']));
    expect(['src/a.ts', 'src/x/b.ts', 'src/gen/c.ts', 'lib/src/a.ts'].filter((f) => re.test(f))).toEqual(['src/a.ts', 'src/x/b.ts']);
  });
});

const corpus = process.env.KEEL_KIRO_CORPUS_V1 ?? join(resolve(import.meta.dirname, '..', '..'), '..', 'shared', 'kiro-corpus-v1');

describe.runIf(existsSync(corpus))('every hook file of ../shared/kiro-corpus-v1', () => {
  const rows = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((r) => ['hook-v1', 'hook-legacy', 'other'].includes(r[4] ?? ''));

  it('round-trips byte for byte; files Kiro accepts have no diagnostic, the others exactly one', () => {
    expect(rows.length).toBeGreaterThanOrEqual(41);
    for (const [repo, , path, , kind] of rows) {
      const text = readFileSync(join(corpus, (repo as string).replace('/', '__'), path as string), 'utf8');
      const doc = parseHookFile(text);
      expect(doc.json.text).toBe(text);
      if (kind === 'other') {
        expect(doc.diagnostics, path).toHaveLength(1);
        expect(doc.entries).toEqual([]);
      } else {
        expect(doc.diagnostics, `${repo}/${path}`).toEqual([]);
        expect(doc.format).toBe(kind === 'hook-v1' ? 'v1' : 'legacy');
        expect(doc.entries.length).toBeGreaterThan(0);
      }
    }
  });
});
