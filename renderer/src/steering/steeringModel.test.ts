import { describe, expect, it } from 'vitest';
import type { SteeringFileInfo } from '../../../protocol';
import { draftChanged, draftFrom, draftProblem, frontMatterError, inclusionRequest, parsePatterns, touchesSteering } from './steeringModel';

const file = (patch: Partial<SteeringFileInfo> = {}): SteeringFileInfo => ({
  source: 'workspace',
  path: '.kiro/steering/tech.md',
  displayPath: '.kiro/steering/tech.md',
  name: 'tech',
  inclusion: 'always',
  hasFrontMatter: true,
  fileMatchPatterns: [],
  diagnostics: [],
  ...patch,
});

describe('steering pane model', () => {
  it('reads patterns per line and comma, keeping brace groups whole', () => {
    expect(parsePatterns('src/**/*.ts\n\n *.{ts,tsx}, docs/*.md \n')).toEqual(['src/**/*.ts', '*.{ts,tsx}', 'docs/*.md']);
  });

  it('knows when the draft differs from the file and what it still needs', () => {
    const f = file({ inclusion: 'fileMatch', fileMatchPatterns: ['a/**'] });
    const d = draftFrom(f);
    expect(draftChanged(d, f)).toBe(false);
    expect(draftChanged({ ...d, patterns: 'a/**\nb/**' }, f)).toBe(true);
    expect(draftChanged(draftFrom(file({ hasFrontMatter: false })), file({ hasFrontMatter: false }))).toBe(true);
    expect(draftProblem({ ...d, patterns: ' , ' })).toMatch(/at least one pattern/);
    expect(draftProblem({ ...d, inclusion: 'auto', description: ' ' })).toMatch(/description/);
    expect(draftProblem({ ...d, inclusion: 'manual' })).toBeNull();
  });

  it('sends only the keys an inclusion uses', () => {
    const f = file();
    expect(inclusionRequest(f, { inclusion: 'fileMatch', patterns: 'src/**', name: 'x', description: 'y' })).toEqual({
      file: { source: 'workspace', path: '.kiro/steering/tech.md' },
      inclusion: 'fileMatch',
      fileMatchPatterns: ['src/**'],
    });
    expect(inclusionRequest(f, { inclusion: 'auto', patterns: '', name: ' ', description: 'API rules ' })).toMatchObject({ name: null, description: 'API rules' });
  });

  it('reloads only for steering changes and reports front matter errors 1-based', () => {
    expect(touchesSteering([{ path: '.kiro/steering/x.md', type: 'changed', isDirectory: false }])).toBe(true);
    expect(touchesSteering([{ path: 'AGENTS.md', type: 'created', isDirectory: false }])).toBe(true);
    expect(touchesSteering([{ path: 'src/AGENTS.md', type: 'created', isDirectory: false }, { path: '.kiro/specs/a/tasks.md', type: 'changed', isDirectory: false }])).toBe(false);
    expect(frontMatterError(file({ diagnostics: [{ severity: 'error', message: 'bad', line: 1 }] }))).toEqual({ line: 2, message: 'bad' });
  });
});
