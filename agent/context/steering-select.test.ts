import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSteering } from '../../specs-schema';
import { autoMatch } from './auto-match';
import { compilePatterns } from './globs';
import type { SteeringEntry } from './steering-load';
import { mentionsManual, selectSteering } from './steering-select';

const CORPUS = process.env.KEEL_KIRO_CORPUS ?? join(__dirname, '../../../shared/kiro-corpus');
const corpus = (path: string): string => readFileSync(join(CORPUS, path), 'utf8');

const entry = (name: string, text: string, source: SteeringEntry['source'] = 'workspace'): SteeringEntry => ({
  name,
  source,
  path: `.kiro/steering/${name}.md`,
  text,
  doc: parseSteering(text, source === 'agents' ? 'agents' : 'steering'),
});

describe('fileMatch patterns', () => {
  it('matches paths with a slash against the whole path and bare patterns against the file name anywhere', () => {
    const m = compilePatterns(['frontend/src/**/*.tsx', '*auth*', '*.py']);
    expect(m('frontend/src/App.tsx')).toBe(true);
    expect(m('frontend/src/ui/Button.tsx')).toBe(true);
    expect(m('backend/src/App.tsx')).toBe(false);
    expect(m('src/services/auth.ts')).toBe(true);
    expect(m('src/authz/index.ts')).toBe(false);
    expect(m('tools/deep/x.py')).toBe(true);
    expect(compilePatterns(['./src/**'])('src/a/b.ts')).toBe(true);
    expect(compilePatterns(['**/*.ts'])('.github/x.ts')).toBe(true);
    const tsNotTests = compilePatterns(['src/**/*.ts', '!*.test.ts']);
    expect([tsNotTests('src/a.ts'), tsNotTests('src/a.test.ts')]).toEqual([true, false]);
    // Malformed globs match nothing instead of throwing.
    expect(compilePatterns(['[abc', '{a,b', '((('])('src/a.ts')).toBe(false);
  });

  it('reads the corpus patterns the way their authors meant them', () => {
    const giro = entry('ts', corpus('kumagaias__giro/.kiro/steering/languages/typescript-security-policies.md'));
    expect(giro.doc.fileMatchPatterns).toEqual(['**/*.(ts|tsx|js|jsx)']);
    const match = compilePatterns(giro.doc.fileMatchPatterns);
    expect(['src/index.ts', 'web/App.tsx', 'a.js'].every(match)).toBe(true);
    expect(match('README.md')).toBe(false);
    const harmony = entry('services', corpus('KeloYuan__xxCode/.kiro/steering/services-models.md'));
    const h = compilePatterns(harmony.doc.fileMatchPatterns);
    expect(h('entry/src/main/ets/services/Api.ets')).toBe(true);
    expect(h('entry/src/main/ets/models/User.ets')).toBe(true);
    expect(h('entry/src/main/ets/pages/Index.ets')).toBe(false);
  });
});

describe('selectSteering', () => {
  const always = entry('product', '---\ninclusion: always\n---\n# Product\n');
  const plain = entry('tech', '# Tech\nNo front matter means always.\n');
  const react = entry('react', "---\ninclusion: fileMatch\nfileMatchPattern: 'components/**/*.tsx'\n---\n# React\n");
  const manual = entry('release', '---\ninclusion: manual\n---\n# Release checklist\n');
  const auto = entry('api-design', '---\ninclusion: auto\ndescription: REST endpoint naming, pagination and error responses for the public HTTP API.\n---\n# API\n');
  const agents = entry('AGENTS', '# Agents\nUse pnpm.\n', 'agents');
  const all = [always, plain, react, manual, auto, agents];
  const pick = (prompt: string, files: string[] = []): Record<string, string> =>
    Object.fromEntries(selectSteering(all, { prompt, filesInContext: files }).map((s) => [s.entry.name, `${s.placement}: ${s.reason}`]));

  it('always, no front matter and AGENTS.md go into the system blocks whatever the prompt', () => {
    expect(pick('hello')).toEqual({ product: 'system: inclusion: always', tech: 'system: inclusion: always', AGENTS: 'system: AGENTS.md is always included' });
  });

  it('fileMatch joins the turn when a file in context matches', () => {
    expect(pick('fix it', ['components/ui/Button.tsx']).react).toBe('turn: components/ui/Button.tsx matches components/**/*.tsx');
    expect(pick('fix it', ['src/Button.tsx']).react).toBeUndefined();
  });

  it('manual joins only with #name as its own token', () => {
    expect(pick('ship it per #release.').release).toBe('turn: #release in the prompt');
    expect(pick('use #release.md please').release).toBeDefined();
    expect(pick('#releases are hard').release).toBeUndefined();
    expect(pick('the release is friday').release).toBeUndefined();
  });

  it('auto joins when the prompt names it or shares two description terms', () => {
    expect(pick('Review our API design before merging')['api-design']).toBe('turn: auto: the prompt mentions "api-design"');
    expect(pick('Add pagination to the list endpoints')['api-design']).toContain('"endpoint", "pagination"');
    expect(pick('Add pagination to the settings screen')['api-design']).toBeUndefined();
  });

  it('a #steering chip pulls any file in by name', () => {
    const chosen = selectSteering(all, { prompt: 'x', filesInContext: [], requested: ['Release'] });
    expect(chosen.find((s) => s.entry.name === 'release')?.reason).toBe('attached with #steering');
  });
});

describe('auto rule details', () => {
  it('folds plurals and ignores filler words in descriptions', () => {
    const desc = 'Glow token family — radial emphasis and energy effects. Load when working with glow effects.';
    expect(autoMatch('make the glow effect softer', ['Token-Family-Glow'], desc)).toContain('"glow", "effect"');
    expect(autoMatch('working on loading files', ['x'], desc)).toBeUndefined();
  });

  it('a one-term description needs that one term', () => {
    expect(autoMatch('the docker build fails', ['ops'], 'Docker')).toBeDefined();
  });

  it('matches manual names from the front matter too', () => {
    const e = entry('x', '---\ninclusion: manual\nname: Token-Family-Color\n---\n');
    expect(mentionsManual('see #Token-Family-Color', e)).toBe(true);
  });
});
