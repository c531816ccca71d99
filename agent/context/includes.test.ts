import { describe, expect, it } from 'vitest';
import { SecretPolicy } from '../tools/secrets';
import { resolveIncludes } from './includes';
import { memoryWorkspace } from './memory-workspace';
import type { ContextProblem } from './ports';

async function run(files: Record<string, string>, text: string, origin = '.kiro/steering/api.md') {
  const problems: ContextProblem[] = [];
  const workspace = memoryWorkspace(files);
  const included = await resolveIncludes(text, origin, { workspace, secrets: new SecretPolicy(), maxChars: 1000, problems });
  return { included: included.map((f) => `${f.from} -> ${f.path}: ${f.text}`), problems: problems.map((p) => `${p.code} ${p.message}`), reads: workspace.reads };
}

describe('#[[file:…]] includes', () => {
  it('adds workspace-relative files, follows nested references and includes a file once', async () => {
    const r = await run({ 'docs/api.md': 'API #[[file:docs/errors.md]]', 'docs/errors.md': 'Errors' }, 'See #[[file:docs/api.md]] and #[[file:./docs/errors.md]]');
    expect(r.included).toEqual(['.kiro/steering/api.md -> docs/api.md: API #[[file:docs/errors.md]]', 'docs/api.md -> docs/errors.md: Errors']);
    expect(r.problems).toEqual([]);
  });

  it('falls back to a file beside the steering file (as some Kiro projects write them)', async () => {
    const r = await run({ '.kiro/steering/testing.md': 'Test rules' }, 'See #[[file:testing.md]]');
    expect(r.included).toEqual(['.kiro/steering/api.md -> .kiro/steering/testing.md: Test rules']);
  });

  it('reports missing files, escapes, secrets and cycles without throwing or reading them', async () => {
    const r = await run(
      { 'a.md': 'A #[[file:b.md]]', 'b.md': 'B #[[file:a.md]]', '.env': 'KEY=1' },
      '#[[file:nope.md]] #[[file:../outside.md]] #[[file:/etc/passwd]] #[[file:.env]] #[[file:a.md]]',
    );
    expect(r.included).toEqual(['.kiro/steering/api.md -> a.md: A #[[file:b.md]]', 'a.md -> b.md: B #[[file:a.md]]']);
    expect(r.problems).toEqual([
      'include/missing .kiro/steering/api.md: #[[file:nope.md]] does not exist.',
      'include/outside .kiro/steering/api.md: #[[file:../outside.md]] was not included: ../outside.md points outside the workspace.',
      'include/outside .kiro/steering/api.md: #[[file:/etc/passwd]] was not included: /etc/passwd is not a workspace-relative path.',
      ".kiro/steering/api.md: #[[file:.env]] looks like a secret, so it was not read. Attach it with #file if the agent should see it.".replace(/^/, 'include/secret '),
      'include/cycle b.md: #[[file:a.md]] includes itself again (.kiro/steering/api.md → a.md → b.md → a.md); the repeat was skipped.',
    ]);
    expect(r.reads).not.toContain('.env');
  });

  it('a steering file that includes itself is a cycle, reported once', async () => {
    const r = await run({ '.kiro/steering/api.md': 'me' }, 'again #[[file:api.md]]');
    expect(r.included).toEqual([]);
    expect(r.problems[0]).toMatch(/^include\/cycle/);
  });

  it('caps a huge include and says so', async () => {
    const r = await run({ 'big.md': 'x'.repeat(5000) }, '#[[file:big.md]]');
    expect(r.included[0]?.length).toBeLessThan(1100);
    expect(r.problems).toEqual(['chip/truncated big.md is 5000 characters; only the first 1000 were included.']);
  });
});
