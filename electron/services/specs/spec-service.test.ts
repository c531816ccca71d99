import { describe, expect, it } from 'vitest';
import { parseRequirements, parseSpecConfig, parseTasks } from '../../../specs-schema';
import { createSpec, listSpecs, type SpecWorkspace } from './spec-service';

function fakeWorkspace(initial: Record<string, string>): SpecWorkspace & { files_: Map<string, string> } {
  const files_ = new Map(Object.entries(initial));
  return {
    files_,
    files: async () => [...files_.keys()],
    readText: async (p) => files_.get(p),
    exists: async (p) => [...files_.keys()].some((f) => f === p || f.startsWith(`${p}/`)),
    createFile: async (p, c) => {
      if (files_.has(p)) throw new Error('exists');
      files_.set(p, c);
    },
  };
}

describe('listSpecs', () => {
  it('still lists every spec when one .config.kiro nests 100,000 deep (issue 17, finding 9)', async () => {
    const ws = fakeWorkspace({
      '.kiro/specs/a/.config.kiro': `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      '.kiro/specs/a/requirements.md': '# Requirements Document\n',
      '.kiro/specs/b/.config.kiro': '{"specId": "y", "workflowType": "requirements-first", "specType": "feature"}',
      '.kiro/specs/b/tasks.md': '# Plan\n\n- [ ] 1. One\n',
    });
    expect((await listSpecs(ws)).map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('lists each spec with its type from .config.kiro and its task progress', async () => {
    const ws = fakeWorkspace({
      '.kiro/specs/a/.config.kiro': '{"specId": "x", "workflowType": "design-first", "specType": "feature"}',
      '.kiro/specs/a/tasks.md': '# Plan\n\n- [x] 1. One\n- [ ] 2. Two\n  - [x] 2.1 Sub\n',
      '.kiro/specs/a/design.md': '# Design\n',
      '.kiro/specs/b/bugfix.md': '# Bugfix\n',
      'src/index.ts': '',
    });
    const specs = await listSpecs(ws);
    expect(specs.map((s) => [s.name, s.type, s.workflow, s.tasks])).toEqual([
      ['a', 'feature', 'design-first', { done: 2, total: 3 }],
      ['b', 'bugfix', 'requirements-first', { done: 0, total: 0 }],
    ]);
  });
});

describe('createSpec', () => {
  it('writes .config.kiro and starter documents the parsers read without problems', async () => {
    const ws = fakeWorkspace({});
    const spec = await createSpec(ws, 'dark-mode', 'feature', 'requirements-first');
    expect(spec.files).toEqual({
      config: '.kiro/specs/dark-mode/.config.kiro',
      requirements: '.kiro/specs/dark-mode/requirements.md',
      design: '.kiro/specs/dark-mode/design.md',
      tasks: '.kiro/specs/dark-mode/tasks.md',
    });
    const config = parseSpecConfig(ws.files_.get(spec.files.config!)!);
    expect([config.specType, config.workflow, config.diagnostics]).toEqual(['feature', 'requirements-first', []]);
    expect(parseRequirements(ws.files_.get(spec.files.requirements!)!).diagnostics).toEqual([]);
    expect(parseTasks(ws.files_.get(spec.files.tasks!)!).all).toEqual([]);
    expect((await listSpecs(ws))[0]).toMatchObject({ name: 'dark-mode', type: 'feature' });
  });

  it('creates a bugfix spec around bugfix.md', async () => {
    const ws = fakeWorkspace({});
    const spec = await createSpec(ws, 'crash-on-save', 'bugfix', 'requirements-first');
    expect(spec.files.bugfix).toBe('.kiro/specs/crash-on-save/bugfix.md');
    expect((await listSpecs(ws))[0]?.type).toBe('bugfix');
  });

  it('refuses a name that is taken instead of overwriting it', async () => {
    const ws = fakeWorkspace({ '.kiro/specs/taken/tasks.md': 'mine' });
    await expect(createSpec(ws, 'taken', 'feature', 'requirements-first')).rejects.toThrow(/already exists/);
    expect(ws.files_.get('.kiro/specs/taken/tasks.md')).toBe('mine');
  });
});
