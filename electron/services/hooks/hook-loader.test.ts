import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOfHookId, loadHook, loadHookFile } from './hook-loader';

const good = {
  enabled: true,
  name: 'Lint on save',
  version: '1',
  when: { type: 'fileEdited', patterns: ['src/**/*.ts'] },
  then: { type: 'runCommand', command: 'npm run lint', timeout: 30 },
};

describe('loadHook', () => {
  it('loads a valid hook as ready, or disabled when enabled is false', () => {
    const ready = loadHook('.kiro/hooks/lint.kiro.hook', JSON.stringify(good));
    expect(ready).toMatchObject({ status: 'ready', name: 'Lint on save', id: '.kiro/hooks/lint.kiro.hook' });
    expect(loadHook('x.kiro.hook', JSON.stringify({ ...good, enabled: false })).status).toBe('disabled');
    expect(loadHook('x.kiro.hook', JSON.stringify({ ...good, enabled: undefined })).status).toBe('ready');
  });

  it('runs legacy event names under their current meaning, with a warning', () => {
    const hook = loadHook('m.kiro.hook', JSON.stringify({ ...good, when: { type: 'fileSave', patterns: ['*'] } }));
    expect(hook.status).toBe('ready');
    if (hook.status !== 'ready') return;
    expect([hook.event, hook.entry.trigger, hook.format]).toEqual(['fileEdited', 'PostFileSave', 'legacy']);
    expect(hook.warnings.join(' ')).toMatch(/old name/);
  });

  it('reports the old trigger/action format as unsupported, with the reason', () => {
    const legacy = { name: 'Docs', trigger: { type: 'fileSave', patterns: ['src/**'] }, action: { type: 'sendMessage', message: 'Update docs' } };
    const hook = loadHook('d.kiro.hook', JSON.stringify(legacy));
    expect(hook.status).toBe('unsupported');
    expect(hook.status === 'unsupported' && hook.reason).toMatch(/Not a hook Kiro runs.*"version": "v1"/);
  });

  it.each([
    ['an unknown event', JSON.stringify({ ...good, when: { type: 'onCommit' } }), /when\.type|Invalid|expected/i],
    ['broken JSON', '{"name": "x", "when": ', /./],
    ['merge-conflict markers', '{\n<<<<<<< HEAD\n"name": "a"\n=======\n"name": "b"\n>>>>>>> x\n}', /conflict/i],
    ['a file event without patterns', JSON.stringify({ ...good, when: { type: 'fileEdited' } }), /pattern/],
    ['not an object', '[1, 2]', /object/],
    ['an empty file', '', /./],
  ])('reports %s as invalid with a reason, never throwing', (_label, text, reason) => {
    const hook = loadHook('bad.kiro.hook', text);
    expect(hook.status).toBe('invalid');
    expect(hook.status === 'invalid' && hook.reason).toMatch(reason);
  });
});

describe('loadHookFile (v1)', () => {
  const file = '.kiro/hooks/checks.json';
  const v1 = {
    version: 'v1',
    hooks: [
      { name: 'Block secrets', trigger: 'PreToolUse', matcher: 'fs_write', action: { type: 'command', command: 'exit 2' } },
      { name: 'Broken', trigger: 'Whenever', action: { type: 'command', command: 'x' } },
      { name: 'Review', trigger: 'Stop', action: { type: 'agent', prompt: 'Review' }, enabled: false },
    ],
  };

  it('gives one hook per entry, ids <file>#<index>, a broken entry invalid with its reason', () => {
    const hooks = loadHookFile(file, JSON.stringify(v1, null, 2));
    expect(hooks.map((h) => [h.id, h.name, h.status])).toEqual([
      [`${file}#0`, 'Block secrets', 'ready'],
      [`${file}#1`, 'Broken', 'invalid'],
      [`${file}#2`, 'Review', 'disabled'],
    ]);
    expect(hooks[0]).toMatchObject({ event: 'preToolUse', format: 'v1', scope: 'workspace' });
    expect(hooks[1]?.status === 'invalid' && hooks[1].reason).toMatch(/hooks\.1\.trigger/);
    expect(fileOfHookId(`${file}#2`)).toBe(file);
    expect(fileOfHookId('.kiro/hooks/a.kiro.hook')).toBe('.kiro/hooks/a.kiro.hook');
  });

  it('stops every hook of a file whose version is wrong, with one reason', () => {
    const hooks = loadHookFile(file, JSON.stringify({ ...v1, version: 'v2' }));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: file, status: 'invalid' });
  });

  it('maps every v1 trigger onto an engine event', () => {
    const triggers = ['SessionStart', 'UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'Stop', 'PostFileSave', 'PostFileCreate', 'PostFileDelete', 'PreTaskExec', 'PostTaskExec', 'Manual'];
    const text = JSON.stringify({ version: 'v1', hooks: triggers.map((trigger) => ({ name: trigger, trigger, action: { type: 'command', command: 'true' } })) });
    expect(loadHookFile(file, text).map((h) => ('event' in h ? h.event : h.status))).toEqual(['sessionStart', 'promptSubmit', 'preToolUse', 'postToolUse', 'agentStop', 'fileEdited', 'fileCreated', 'fileDeleted', 'preTaskExecution', 'postTaskExecution', 'userTriggered']);
  });
});

const corpus = process.env.KEEL_KIRO_CORPUS ?? join(resolve(import.meta.dirname, '..', '..', '..'), '..', 'shared', 'kiro-corpus');

describe.runIf(existsSync(corpus))('hook files from real Kiro projects', () => {
  it('all load without throwing, each ready, disabled, invalid or unsupported with a reason', () => {
    const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.kiro.hook'));
    expect(files.length).toBeGreaterThan(50);
    const counts: Record<string, number> = {};
    for (const f of files) {
      const hook = loadHook(`.kiro/hooks/${f.split('/').pop()}`, readFileSync(join(corpus, f), 'utf8'));
      counts[hook.status] = (counts[hook.status] ?? 0) + 1;
      if (hook.status === 'invalid' || hook.status === 'unsupported') expect(hook.reason.length).toBeGreaterThan(10);
    }
    expect(counts.ready).toBeGreaterThan(60);
    expect(counts.unsupported).toBe(2); // the two trigger/action files
    expect(counts.invalid).toBeGreaterThanOrEqual(1); // the merge-conflicted file
  });
});
