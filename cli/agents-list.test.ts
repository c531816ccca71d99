import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeel } from './keel';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-agents-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function keel(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKeel(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd, color: false });
  return { code, out, err };
}

let home = '';
beforeEach(() => {
  home = folder({ '.kiro/agents/mine.md': '---\ndescription: My own\ntools: Bash\n---\nMine.\n' });
  process.env.KEEL_USER_HOME = home;
});
afterEach(() => delete process.env.KEEL_USER_HOME);

describe('keel agents list', () => {
  const ws = () =>
    folder({
      '.kiro/settings/mcp.json': '{"mcpServers":{"context7":{"command":"npx"}}}',
      '.kiro/agents/code-reviewer.md': '---\nname: code-reviewer\ndescription: Reviews\ntools: ["read", "@context7"]\nmodel: claude-sonnet-4.5\n---\nReview.\n',
      '.kiro/agents/odd.md': '---\ntools: Read, frobnicate\ncolour: blue\n---\nOdd.\n',
      '.kiro/agents/broken.md': '---\ntools: [read\n---\nBroken.\n',
    });

  it('--json: one object per agent with resolved tools, warnings and errors; exit 1 for the broken file', async () => {
    const r = await keel(['agents', 'list', '--json'], ws());
    expect(r.code).toBe(1);
    expect(r.out.map((l) => JSON.parse(l) as unknown)).toEqual([
      { file: '.kiro/agents/broken.md', name: 'broken', source: 'workspace', tools: expect.any(Array), warnings: [], errors: [expect.stringMatching(/^line \d+: Agent front matter is not valid YAML/)] },
      { file: '.kiro/agents/code-reviewer.md', name: 'code-reviewer', source: 'workspace', description: 'Reviews', model: 'claude-sonnet-4.5', tools: ['readFile', 'listDirectory', 'fileSearch', 'grepSearch', '@context7'], warnings: [], errors: [] },
      {
        file: '.kiro/agents/odd.md',
        name: 'odd',
        source: 'workspace',
        tools: ['readFile'],
        warnings: ['line 3: "colour" is not a Kiro agent key; it is kept but has no effect.', 'tools: "frobnicate" is not a tool Keel knows; it is kept in the file and grants nothing.'],
        errors: [],
      },
      { file: '~/.kiro/agents/mine.md', name: 'mine', source: 'user', description: 'My own', tools: ['executeBash'], warnings: [], errors: [] },
    ]);
    expect(r.err).toEqual(['4 agent(s)']);
  });

  it('text: one line per agent, warnings indented', async () => {
    const r = await keel(['agents', 'list'], ws());
    expect(r.out).toContain('.kiro/agents/code-reviewer.md  code-reviewer  readFile, listDirectory, fileSearch, grepSearch, @context7');
    expect(r.out).toContain('  warning tools: "frobnicate" is not a tool Keel knows; it is kept in the file and grants nothing.');
    expect(r.out).toContain('~/.kiro/agents/mine.md  mine  executeBash');
  });

  it('no agents: exit 0 and says where it looked; a bad folder is a usage error', async () => {
    process.env.KEEL_USER_HOME = '/nonexistent-home';
    const r = await keel(['agents', 'list'], folder({ 'README.md': 'x' }));
    expect(r).toMatchObject({ code: 0, out: [], err: ['0 agent(s) (none in .kiro/agents or ~/.kiro/agents)'] });
    expect((await keel(['agents', 'list', '-w', 'nope'], home)).code).toBe(2);
  });
});
