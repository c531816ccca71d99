import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScript } from '../../../e2e/fixtures/fake-bedrock';
import { startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const answer: FakeScript = () => ({ steps: [{ text: 'ok' }] });
type Body = { system: { text?: string }[]; messages: { role: string; content: { text?: string }[] }[] };
const bodyOf = (i: number) => h!.fake.requests[i]!.body as unknown as Body;
const systemText = (i: number) => bodyOf(i).system.flatMap((b) => (b.text ? [b.text] : [])).join('\n');
const lastUserText = (i: number) => bodyOf(i).messages.at(-1)!.content.flatMap((c) => (c.text ? [c.text] : [])).join('\n');

describe('context', () => {
  it('always-steering and AGENTS.md are in the system prefix; a manual steering file joins only the prompt that names it', async () => {
    h = await startHostHarness(answer, {
      '.kiro/steering/style.md': '---\ninclusion: always\n---\nUse tabs.\n',
      '.kiro/steering/release.md': '---\ninclusion: manual\n---\nBump the version first.\n',
      'AGENTS.md': 'Run npm test before finishing.\n',
    });
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'tidy up');
    await h.host.prompt(s.id, 'cut a release #release');
    expect(systemText(0)).toContain('Use tabs.');
    expect(systemText(0)).toContain('Run npm test before finishing.');
    expect(systemText(0)).not.toContain('Bump the version first.');
    expect(lastUserText(1)).toContain('Bump the version first.');
    // The prefix is the same bytes on both calls: the cache keeps working.
    expect(JSON.stringify(bodyOf(1).system)).toBe(JSON.stringify(bodyOf(0).system));
  });

  it('a #file chip puts the file in the prompt (even a secret the user chose to attach); a missing one is a notice', async () => {
    h = await startHostHarness(answer, { '.env': 'API_URL=http://localhost\n' });
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'what is the API url?', { chips: [{ kind: 'file', target: '.env' }, { kind: 'file', target: 'gone.ts' }] });
    expect(lastUserText(0)).toContain('API_URL=http://localhost');
    const notices = h.eventsOf(s.id).filter((e) => e.type === 'notice');
    expect(notices).toEqual([{ type: 'notice', message: expect.stringContaining('gone.ts') }]);
  });

  it('fileMatch steering joins a prompt only while a matching file is open in the editor', async () => {
    h = await startHostHarness(answer, {
      '.kiro/steering/react.md': '---\ninclusion: fileMatch\nfileMatchPattern: "src/**/*.tsx"\n---\nComponents are function components.\n',
      'src/App.tsx': 'export {}\n',
      'README.md': '# app\n',
    });
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'tidy up', { workbench: { openFiles: ['README.md'], activeFile: 'README.md' } });
    await h.host.prompt(s.id, 'tidy up', { workbench: { openFiles: ['README.md', 'src/App.tsx'], activeFile: 'README.md' } });
    await h.host.prompt(s.id, 'tidy up', { workbench: { openFiles: [], activeFile: 'src/App.tsx' } });
    expect(lastUserText(0)).not.toContain('Components are function components.');
    expect(lastUserText(1)).toContain('Components are function components.');
    expect(lastUserText(2)).toContain('Components are function components.');
    expect(systemText(1)).not.toContain('Components are function components.');
  });

  it('#problems attaches the Problems panel list the pane sent, errors first; without it the chip says it is unavailable', async () => {
    h = await startHostHarness(answer);
    const s = await h.host.createSession({ role: 'executor' });
    const problems = [
      { path: 'README.md', line: 2, severity: 'warning' as const, message: 'Long line', source: 'lint' },
      { path: 'src/a.ts', line: 7, column: 3, severity: 'error' as const, message: "Cannot find name 'x'" },
    ];
    await h.host.prompt(s.id, 'fix these', { chips: [{ kind: 'problems' }], workbench: { openFiles: [], problems } });
    const text = lastUserText(0);
    expect(text).toContain("src/a.ts:7:3 error: Cannot find name 'x'");
    expect(text).toContain('README.md:2 warning: Long line (lint)');
    expect(text.indexOf('src/a.ts:7:3')).toBeLessThan(text.indexOf('README.md:2'));
    await h.host.prompt(s.id, 'and now', { chips: [{ kind: 'problems' }] });
    expect(h.eventsOf(s.id).filter((e) => e.type === 'notice')).toEqual([{ type: 'notice', message: '#problems is not available here.' }]);
  });

  it('a broken steering file is a notice once per session, a missing #file on every prompt that attaches it', async () => {
    h = await startHostHarness(answer, { '.kiro/steering/style.md': '---\ninclusion: always\n---\nUse tabs. See #[[file:docs/missing.md]]\n' });
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'one', { chips: [{ kind: 'file', target: 'gone.ts' }] });
    await h.host.prompt(s.id, 'two', { chips: [{ kind: 'file', target: 'gone.ts' }] });
    const notices = h.eventsOf(s.id).flatMap((e) => (e.type === 'notice' ? [e.message] : []));
    expect(notices.filter((m) => m.includes('docs/missing.md'))).toHaveLength(1);
    expect(notices.filter((m) => m.includes('gone.ts'))).toHaveLength(2);
  });
});
