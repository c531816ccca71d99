import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeToolContext, type NodeToolSetup } from '../node/tool-context';
import type { FilePermissions } from './file-permissions';
import { builtinTools, runTool } from './registry';
import { SecretPolicy } from './secrets';
import type { ToolContext } from './tool';

// Issue 17, findings 2 and 4: the agent's file tools never write git data or Keel's/Kiro's control files, and the
// built-in secret patterns hold whatever a repository's .kiroignore says.

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keel-protect-'));
  await mkdir(join(root, '.git'), { recursive: true });
  await writeFile(join(root, '.git/config'), '[remote "origin"]\n\turl = https://user:ghp_TOKEN@github.com/x/y\n');
  await writeFile(join(root, '.env'), 'API_KEY=sk-live-123\n');
  await writeFile(join(root, 'notes.md'), 'hello\n');
});

async function ctx(over: Partial<NodeToolSetup> = {}): Promise<ToolContext> {
  const checkpoint = { beforeApply: async () => undefined };
  const made = await createNodeToolContext({ root, mode: 'autopilot', checkpoint, ...over });
  return { ...made.context, signal: new AbortController().signal };
}
const call = (context: ToolContext, name: string, input: unknown) => runTool(builtinTools, { type: 'toolUse', id: 't', name, input }, context);

describe('protected paths (finding 2)', () => {
  it.each([
    ['fsWrite', { path: '.git/config', text: '[core]\n\tfsmonitor = touch /tmp/pwned\n' }],
    ['strReplace', { path: '.git/config', oldStr: '[remote', newStr: '[core]\n\tfsmonitor = x\n[remote' }],
    ['deleteFile', { path: '.git/config' }],
    ['fsWrite', { path: '.GIT/config', text: 'x' }],
    ['fsWrite', { path: 'sub/.git/hooks/pre-commit', text: 'x' }],
    ['fsWrite', { path: '.kiro/hooks/run.kiro.hook', text: '{}' }],
    ['fsWrite', { path: '.kiro/settings/permissions.yaml', text: '- {capability: shell, effect: allow}\n' }],
    ['fsWrite', { path: '.kiro/settings/mcp.json', text: '{}' }],
    ['fsWrite', { path: './.vscode/tasks.json', text: '{}' }],
  ])('autopilot %s refuses %j with a message the model can act on', async (tool, input) => {
    const r = await call(await ctx(), tool, input);
    expect(r.status).toBe('error');
    expect(r.content).toMatch(/never writes/);
    expect(await readFile(join(root, '.git/config'), 'utf8')).toContain('ghp_TOKEN');
  });

  it('a symlink into .git is .git', async () => {
    await symlink(join(root, '.git'), join(root, 'gitlink'));
    const r = await call(await ctx(), 'fsWrite', { path: 'gitlink/config', text: 'x' });
    expect(r.content).toMatch(/leads to \.git\/config.*never writes/);
  });

  it('ordinary files and look-alikes are still written', async () => {
    const c = await ctx();
    for (const path of ['src/git.ts', '.github/workflows/ci.yml', 'docs/.kiro/settings.md', '.kiro/steering/x.md']) {
      expect((await call(c, 'fsWrite', { path, text: 'ok' })).status, path).toBe('success');
    }
  });
});

describe('built-in secret patterns (finding 4)', () => {
  it('.kiroignore with !.env* does not make .env readable', async () => {
    await writeFile(join(root, '.kiroignore'), '!.env*\n!*.pem\n');
    const c = await ctx();
    const r = await call(c, 'readFile', { path: '.env' });
    expect(r.status).toBe('error');
    expect(r.content).not.toContain('sk-live');
    const g = await call(c, 'grepSearch', { query: 'API_KEY' });
    expect(g.content).not.toContain('sk-live');
  });

  it.each(['.env', '.ENV', '.env.local', 'config/.Env.production', '.git/config', 'certs/server.pem', 'tls.key', 'config/secrets.yml', 'deploy/db-secret.json', '.aws/credentials', 'home/.config/gcloud/application_default_credentials.json', '.azure/msal_token_cache.json'])(
    '%s is a secret',
    (path) => {
      expect(new SecretPolicy('!.env*\n!*\n').isRefused(path)).toBe(true);
    },
  );

  it.each(['src/secrets.ts', 'docs/secret-handling.md', 'README.md', 'environment.ts'])('%s is not (source code about secrets is readable)', (path) => {
    expect(new SecretPolicy().isRefused(path)).toBe(false);
  });

  it('only the user\'s own settings lift a built-in pattern; a #file chip still can', () => {
    const userAllows: FilePermissions = { decide: () => undefined, userAllowsSecret: (p) => p === '.env.example' };
    const policy = new SecretPolicy('', userAllows);
    expect(policy.isRefused('.env.example')).toBe(false);
    expect(policy.isRefused('.env')).toBe(true);
    policy.attach('.env');
    expect(policy.isRefused('.env')).toBe(false);
  });
});

describe('permission rules in the file tools', () => {
  const denyEnv: FilePermissions = {
    decide: (cap, p) => (cap === 'fs_read' && p.split('/').pop()!.startsWith('.env') ? { effect: 'deny', rule: '.kiro/settings/permissions.yaml, rule 1: capability: fs_read …' } : undefined),
    userAllowsSecret: () => true,
  };

  it('a deny on .env reads holds for readFile, grepSearch, fileSearch and strReplace — even for an attached file', async () => {
    const c = await ctx({ permissions: denyEnv, attached: ['.env'] });
    const read = await call(c, 'readFile', { path: '.env' });
    expect(read.content).toMatch(/^Permission denied: reading \.env is denied by \.kiro\/settings\/permissions\.yaml, rule 1/);
    expect((await call(c, 'grepSearch', { query: 'API_KEY' })).content).not.toContain('sk-live');
    expect((await call(c, 'fileSearch', { query: 'env' })).content).not.toMatch(/^\.env$/m);
    expect((await call(c, 'strReplace', { path: '.env', oldStr: 'sk', newStr: 'x' })).content).toMatch(/Permission denied/);
  });

  it('a write rule that denies or asks refuses the write and names the rule', async () => {
    const rules: FilePermissions = {
      decide: (cap, p) => (cap === 'fs_write' ? (p.startsWith('gen/') ? { effect: 'deny', rule: 'R1' } : p === 'notes.md' ? { effect: 'ask', rule: 'R2' } : undefined) : undefined),
      userAllowsSecret: () => false,
    };
    const c = await ctx({ permissions: rules });
    expect((await call(c, 'fsWrite', { path: 'gen/x.ts', text: 'x' })).content).toMatch(/denied by R1/);
    expect((await call(c, 'deleteFile', { path: 'notes.md' })).content).toMatch(/asks for approval \(R2\)/);
    expect(await readFile(join(root, 'notes.md'), 'utf8')).toBe('hello\n');
  });

  it('in Supervised mode a write that asks goes to the review (that is the approval); a deny still refuses', async () => {
    const rules: FilePermissions = {
      decide: (cap, p) => (cap === 'fs_write' ? { effect: p === 'notes.md' ? 'ask' : 'deny', rule: 'R' } : cap === 'fs_read' && p === 'notes.md' ? { effect: 'ask', rule: 'R3' } : undefined),
      userAllowsSecret: () => false,
    };
    const made = await createNodeToolContext({ root, mode: 'supervised', permissions: rules, attached: ['notes.md'] });
    const c = { ...made.context, signal: new AbortController().signal };
    expect((await call(c, 'fsWrite', { path: 'notes.md', text: 'changed' })).status).toBe('success');
    expect(made.changeset.list().map((f) => f.path)).toEqual(['notes.md']);
    expect((await call(c, 'fsWrite', { path: 'other.md', text: 'x' })).content).toMatch(/denied by R/);
    // An attached file answers a read rule that asks.
    expect((await call(c, 'readFile', { path: 'notes.md' })).status).toBe('success');
    expect(c.secrets.readRefusal('x/notes.md')).toBeUndefined();
  });
});
