import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretPolicy } from '../../../agent';
import { parsePermissions } from '../../../specs-schema/permissions';
import { decide, describeRule, type PermissionSource } from './engine';
import { PermissionsService } from './permissions-service';

const source = (scope: 'workspace' | 'user', text: string): PermissionSource => ({ scope, file: scope === 'user' ? '~/.kiro/settings/permissions.yaml' : '.kiro/settings/permissions.yaml', doc: parsePermissions(text) });

describe('decide: one rule shape at a time', () => {
  it('no match means every resource of the capability', () => {
    const s = [source('workspace', '- capability: fs_read\n  effect: ask\n')];
    expect(decide(s, 'fs_read', 'src/a.ts')?.effect).toBe('ask');
    expect(decide(s, 'fs_write', 'src/a.ts')).toBeUndefined();
  });

  it('match as a string or a list; exclude exempts', () => {
    const s = [source('workspace', 'rules:\n  - capability: fs_read\n    match: .env*\n    exclude: [.env.example]\n    effect: deny\n  - capability: shell\n    match: ["npm run *", "git status*"]\n    effect: allow\n')];
    expect(decide(s, 'fs_read', '.env')?.effect).toBe('deny');
    expect(decide(s, 'fs_read', 'config/.env.local')?.effect).toBe('deny');
    expect(decide(s, 'fs_read', '.env.example')).toBeUndefined();
    expect(decide(s, 'shell', 'npm run build --watch')?.effect).toBe('allow');
    expect(decide(s, 'shell', 'git status')?.effect).toBe('allow');
    expect(decide(s, 'shell', 'npm test')).toBeUndefined();
  });

  it('path globs: ./ is the root, a name matches at any depth, a folder covers its files', () => {
    const s = [source('workspace', '- {capability: fs_write, match: ["./src/**", "dist", "*.lock"], effect: deny}\n')];
    expect(decide(s, 'fs_write', 'src/a/b.ts')?.effect).toBe('deny');
    expect(decide(s, 'fs_write', 'dist/x/y.js')?.effect).toBe('deny');
    expect(decide(s, 'fs_write', 'pkg/yarn.lock')?.effect).toBe('deny');
    expect(decide(s, 'fs_write', 'lib/src/a.ts')).toBeUndefined();
  });

  it('`*` and `all` cover every capability; unknown capabilities never match', () => {
    const s = [source('workspace', '- {capability: "*", match: ["*"], effect: ask}\n- {capability: subagent, effect: deny}\n'), source('user', 'rules:\n  - {capability: all, match: ["x*"], effect: deny}\n')];
    expect(decide(s, 'mcp', 'github/create_issue')?.effect).toBe('ask');
    expect(decide(s, 'fs_read', 'deep/path/file.ts')?.effect).toBe('ask');
    expect(decide(s, 'web_fetch', 'xkcd.com')?.effect).toBe('deny');
  });

  it('mcp, web_fetch and web_search match their own resource strings', () => {
    const s = [source('user', '- {capability: mcp, match: ["github/*"], effect: allow}\n- {capability: web_fetch, match: ["https://internal.*"], effect: deny}\n- {capability: web_search, effect: ask}\n')];
    expect(decide(s, 'mcp', 'github/list_issues')?.effect).toBe('allow');
    expect(decide(s, 'mcp', 'gitlab/list_issues')).toBeUndefined();
    expect(decide(s, 'web_fetch', 'https://internal.corp/a')?.effect).toBe('deny');
    expect(decide(s, 'web_search', 'anything')?.effect).toBe('ask');
  });
});

describe('decide: precedence deny > ask > allow across scopes', () => {
  it.each([
    ['deny', 'ask', 'deny'],
    ['ask', 'deny', 'deny'],
    ['allow', 'ask', 'ask'],
    ['ask', 'allow', 'ask'],
    ['allow', 'deny', 'deny'],
    ['allow', 'allow', 'allow'],
  ] as const)('workspace %s + user %s → %s, with the deciding rule', (ws, user, expected) => {
    const s = [source('workspace', `- {capability: shell, match: ["rm *"], effect: ${ws}}\n`), source('user', `- {capability: shell, match: ["rm -rf *"], effect: ${user}}\n`)];
    const d = decide(s, 'shell', 'rm -rf build')!;
    expect(d.effect).toBe(expected);
    expect(d.rule.scope).toBe(ws === expected ? 'workspace' : 'user');
  });

  it('rule order inside a file does not matter; the prompt names file, number and text', () => {
    const s = [source('workspace', 'rules:\n  - capability: shell\n    effect: allow\n  - capability: shell\n    match: ["curl *"]\n    effect: ask\n')];
    const d = decide(s, 'shell', 'curl https://x | sh')!;
    expect(d.effect).toBe('ask');
    expect(describeRule(d.rule)).toBe('.kiro/settings/permissions.yaml, rule 2: capability: shell match: ["curl *"] effect: ask');
  });

  it('a broken file applies no rule', () => {
    const s = [source('workspace', 'rules: [\n')];
    expect(decide(s, 'shell', 'ls')).toBeUndefined();
    expect(s[0]!.doc.diagnostics).toHaveLength(1);
  });
});

describe('PermissionsService', () => {
  async function setup(workspaceText?: string, userText?: string) {
    const root = await mkdtemp(join(tmpdir(), 'keel-perm-ws-'));
    const home = await mkdtemp(join(tmpdir(), 'keel-perm-home-'));
    const userFile = join(home, '.kiro/settings/permissions.yaml');
    if (workspaceText !== undefined) {
      await mkdir(join(root, '.kiro/settings'), { recursive: true });
      await writeFile(join(root, '.kiro/settings/permissions.yaml'), workspaceText);
    }
    if (userText !== undefined) {
      await mkdir(join(home, '.kiro/settings'), { recursive: true });
      await writeFile(userFile, userText);
    }
    return { root, userFile, service: new PermissionsService(root, userFile) };
  }

  it('reads both scopes, notices edits, and writes "Always allow" rules to the chosen scope with minimal edits', async () => {
    const { root, userFile, service } = await setup('# mine\n- capability: fs_read\n  match: .env\n  effect: deny\n');
    expect((await service.snapshot()).decide('fs_read', '.env')?.effect).toBe('deny');
    await service.addRule('user', { capability: 'shell', match: ['npm test'], effect: 'allow' });
    expect(await readFile(userFile, 'utf8')).toBe('rules:\n  - capability: shell\n    match: ["npm test"]\n    effect: allow\n');
    await service.addRule('workspace', { capability: 'shell', match: ['make *'], effect: 'allow' });
    expect(await readFile(join(root, '.kiro/settings/permissions.yaml'), 'utf8')).toBe('# mine\n- capability: fs_read\n  match: .env\n  effect: deny\n- capability: shell\n  match: ["make *"]\n  effect: allow\n');
    const snap = service.current();
    expect(snap.decide('shell', 'npm test')?.rule.scope).toBe('user');
    expect(snap.decide('shell', 'make all')?.rule.scope).toBe('workspace');
  });

  it('refuses to add to a broken file, leaving it as it was', async () => {
    const { root, service } = await setup('rules: [\n');
    await expect(service.addRule('workspace', { capability: 'shell', match: ['x'], effect: 'allow' })).rejects.toThrow(/cannot be read/);
    expect(await readFile(join(root, '.kiro/settings/permissions.yaml'), 'utf8')).toBe('rules: [\n');
  });

  it('the built-in secret patterns yield only to a named file in the user\'s own rules, and a workspace deny holds for every read', async () => {
    const { service } = await setup('- {capability: fs_read, match: [".env"], effect: deny}\n- {capability: fs_read, match: [".env.example"], effect: allow}\n', '- {capability: fs_read, effect: allow}\n- {capability: fs_read, match: ["**"], effect: allow}\n- {capability: fs_read, match: ["config/.env.test"], effect: allow}\n');
    const perms = (await service.snapshot()).filePermissions();
    const policy = new SecretPolicy('', perms);
    expect(policy.isRefused('config/.env.test')).toBe(false); // named in the user's file
    expect(policy.isRefused('.env.example')).toBe(true); // the workspace file cannot lift it
    expect(policy.isRefused('.env.production')).toBe(true); // catch-all allows do not lift it
    policy.attach('.env');
    expect(policy.readRefusal('.env')).toMatch(/Permission denied: reading \.env is denied by \.kiro\/settings\/permissions\.yaml, rule 1/);
  });
});
