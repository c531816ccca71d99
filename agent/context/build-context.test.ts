import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SecretPolicy } from '../tools/secrets';
import { buildContext } from './build-context';
import { memoryWorkspace } from './memory-workspace';
import type { UserSteeringPort } from './ports';
import { loadSteering } from './steering-load';

const CORPUS = process.env.KEEL_KIRO_CORPUS ?? join(__dirname, '../../../shared/kiro-corpus');

/** A corpus project's `.kiro/steering` as an in-memory workspace, plus extra files. */
function corpusProject(name: string, extra: Record<string, string> = {}): Record<string, string> {
  const root = join(CORPUS, name);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(join(root, '.kiro/steering'));
  return { ...files, ...extra };
}

const userSteering = (files: Record<string, string>): UserSteeringPort => ({
  list: async () => Object.keys(files),
  read: async (n) => files[n] ?? '',
  displayPath: (n) => `~/.kiro/steering/${n}`,
});

describe('buildContext on a real Kiro project (kumagaias/giro)', () => {
  const files = corpusProject('kumagaias__giro', { 'AGENTS.md': '# Agents\nRun `make test` before you finish.\n', 'src/api/handler.ts': '' });

  it('puts always steering and AGENTS.md in the system blocks and fileMatch steering in the turn', async () => {
    const ctx = await buildContext({ workspace: memoryWorkspace(files) }, { systemPrompt: 'You are Keel.', prompt: 'Add input validation', filesInContext: ['src/api/handler.ts'] });
    const where = Object.fromEntries(ctx.steering.map((s) => [s.name, `${s.placement} (${s.reason})`]));
    expect(where).toMatchObject({
      AGENTS: 'system (AGENTS.md is always included)',
      'languages/typescript-security-policies': 'turn (src/api/handler.ts matches **/*.(ts|tsx|js|jsx))',
    });
    expect(ctx.system[0]).toBe('You are Keel.');
    expect(ctx.system.at(-1)).toBe('<steering name="AGENTS" path="AGENTS.md" inclusion="always">\n# Agents\nRun `make test` before you finish.\n</steering>');
    // The front matter is not sent, the body is.
    expect(ctx.turnContext.find((b) => b.includes('typescript-security-policies"'))).toMatch(/^<steering name="languages\/typescript-security-policies" path="\.kiro\/steering\/languages\/typescript-security-policies\.md" inclusion="fileMatch">\n# TypeScript Security Policies\n/);
  });

  it('resolves the project\'s sibling-relative #[[file:…]] includes and reports its self-include as a cycle', async () => {
    const ctx = await buildContext({ workspace: memoryWorkspace(files) }, { systemPrompt: 'S', prompt: 'x' });
    const deployment = ctx.system.find((s) => s.startsWith('<steering name="deployment-workflow"')) ?? '';
    expect(deployment).toContain('<included-file path=".kiro/steering/testing-standards.md" from=".kiro/steering/deployment-workflow.md">');
    expect(ctx.problems.filter((p) => p.code === 'include/cycle').map((p) => p.path)).toContain('.kiro/steering/deployment-workflow.md');
  });

  it('the system blocks do not depend on the prompt, the files in context or the chips', async () => {
    const a = await buildContext({ workspace: memoryWorkspace(files) }, { systemPrompt: 'S', prompt: 'hello' });
    const b = await buildContext({ workspace: memoryWorkspace(files) }, { systemPrompt: 'S', prompt: 'use #file:src/api/handler.ts and #security-policies', filesInContext: ['src/x.ts'] });
    expect(JSON.stringify(b.system)).toBe(JSON.stringify(a.system));
    expect(b.turnContext.length).toBeGreaterThan(a.turnContext.length);
  });
});

describe('buildContext sources and secrets', () => {
  it('user-level steering joins, but a workspace file with the same name wins', async () => {
    const ws = memoryWorkspace({ '.kiro/steering/tech.md': '# Workspace tech\n' });
    const user = userSteering({ 'tech.md': '# User tech\n', 'style.md': '# User style\n', 'notes.txt': 'not steering' });
    const entries = await loadSteering({ workspace: ws, userSteering: user });
    expect(entries.map((e) => `${e.source}:${e.path}`)).toEqual(['workspace:.kiro/steering/tech.md', 'user:~/.kiro/steering/style.md']);
  });

  it('a #file chip attaches a secret for the session; a .kiroignore pattern keeps other files out of #folder', async () => {
    const ws = memoryWorkspace({ '.kiroignore': 'private/\n', 'private/notes.md': 'p', 'src/a.ts': 'a', 'config/prod.key': 'k' });
    const secrets = new SecretPolicy('private/\n');
    const ctx = await buildContext({ workspace: ws }, { systemPrompt: 'S', prompt: 'look at #file:config/prod.key and #folder:.', secrets });
    expect(ctx.attached).toEqual(['config/prod.key']);
    expect(secrets.isRefused('config/prod.key')).toBe(false);
    expect(ctx.turnContext[0]).toBe('<file path="config/prod.key">\nk\n</file>');
    expect(ctx.turnContext[1]).not.toContain('private/notes.md');
    expect(ws.reads).not.toContain('private/notes.md');
  });

  it('reads .kiroignore itself when no policy is given', async () => {
    const ws = memoryWorkspace({ '.kiroignore': '*.secret\n', 'a.secret': 's', 'b.md': 'b' });
    const ctx = await buildContext({ workspace: ws }, { systemPrompt: 'S', prompt: '#folder:.' });
    expect(ctx.turnContext[0]).toContain('b.md');
    expect(ctx.turnContext[0]).not.toContain('a.secret');
  });

  it('bad front matter is reported and the file still steers; unknown #steering names are reported', async () => {
    const ws = memoryWorkspace({ '.kiro/steering/broken.md': '---\ninclusion: [always\n---\nStill useful.\n' });
    const ctx = await buildContext({ workspace: ws }, { systemPrompt: 'S', prompt: '#steering:nope' });
    expect(ctx.system[1]).toContain('Still useful.');
    expect(ctx.problems.map((p) => p.code)).toEqual(['chip/missing', 'steering/invalid']);
  });

  it('the session spec becomes the spec documents block', async () => {
    const ws = memoryWorkspace({ '.kiro/specs/auth/requirements.md': '# Requirements Document\n', '.kiro/specs/auth/tasks.md': '- [ ] 1. Do\n' });
    const ctx = await buildContext({ workspace: ws }, { systemPrompt: 'S', prompt: 'go', spec: 'auth' });
    expect(ctx.specDocuments).toEqual([
      '<spec-document path=".kiro/specs/auth/requirements.md">\n# Requirements Document\n</spec-document>',
      '<spec-document path=".kiro/specs/auth/tasks.md">\n- [ ] 1. Do\n</spec-document>',
    ]);
  });
});

describe('buildContext with a steering file holding a YAML alias bomb (issue 17, finding 9)', () => {
  it('still builds: the other steering is included and the bad file is one problem', async () => {
    const chain = Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const bomb = ['---', 'inclusion: always', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...chain, '---', '# Bomb', ''].join('\n');
    const files = { '.kiro/steering/bomb.md': bomb, '.kiro/steering/style.md': '---\ninclusion: always\n---\nUse tabs.\n' };
    const ctx = await buildContext({ workspace: memoryWorkspace(files) }, { systemPrompt: 'You are Keel.', prompt: 'hi' });
    expect(ctx.steering.map((s) => s.name)).toContain('style');
    expect(ctx.steering.map((s) => s.name)).not.toContain('bomb');
    expect(ctx.problems.map((p) => p.message).join('\n')).toMatch(/bomb\.md[\s\S]*could not be read safely|could not be read safely[\s\S]*bomb/);
  });
});
