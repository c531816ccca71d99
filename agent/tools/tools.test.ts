import { mkdtemp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalDecision, TaskState } from '../core/ports';
import { createNodeToolContext, type NodeToolSetup } from '../node/tool-context';
import { findRipgrep } from '../node/ripgrep';
import { builtinTools, runTool, toToolSpecs } from './registry';
import type { ToolContext } from './tool';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'keel-tools-'));
  await mkdir(join(root, 'src/controllers'), { recursive: true });
  await writeFile(join(root, 'src/a.ts'), 'export const a = 1;\nexport const b = 2;\n');
  await writeFile(join(root, 'src/controllers/UserController.ts'), 'class UserController { login() {} }\n');
  await writeFile(join(root, '.env'), 'API_KEY=sk-live-123\n');
  await writeFile(join(root, 'server.pem'), '-----BEGIN PRIVATE KEY----- API_KEY\n');
  await writeFile(join(root, 'private.txt'), 'API_KEY in a kiroignored file\n');
  await writeFile(join(root, '.kiroignore'), 'private.txt\n');
});

async function ctx(over: Partial<NodeToolSetup> = {}): Promise<{ context: ToolContext; changeset: Awaited<ReturnType<typeof createNodeToolContext>>['changeset'] }> {
  const made = await createNodeToolContext({ root, mode: 'supervised', ...over });
  return { context: { ...made.context, signal: new AbortController().signal }, changeset: made.changeset };
}

const call = (context: ToolContext, name: string, input: unknown) => runTool(builtinTools, { type: 'toolUse', id: 't', name, input }, context);

describe('tool specs', () => {
  it('describes every built-in tool with an object JSON schema', () => {
    const specs = toToolSpecs(builtinTools);
    expect(specs.map((s) => s.name)).toEqual(['readFile', 'listDirectory', 'fileSearch', 'grepSearch', 'fsWrite', 'strReplace', 'deleteFile', 'executeBash', 'taskStatus']);
    for (const s of specs) expect(s.inputSchema.type).toBe('object');
  });
});

describe('reading tools', () => {
  it('readFile returns content and line ranges', async () => {
    const { context } = await ctx();
    expect((await call(context, 'readFile', { path: 'src/a.ts' })).content).toBe('export const a = 1;\nexport const b = 2;\n');
    expect((await call(context, 'readFile', { path: 'src/a.ts', startLine: 2, endLine: 2 })).content).toBe('export const b = 2;');
  });

  it.each(['.env', 'server.pem', 'private.txt'])('readFile refuses the secret %s and says how to share it', async (path) => {
    const { context } = await ctx();
    const r = await call(context, 'readFile', { path });
    expect(r.status).toBe('error');
    expect(r.content).toMatch(/#file/);
    expect(r.content).not.toContain('API_KEY');
  });

  it('strReplace refuses a secret too (found/not found would leak it)', async () => {
    const { context, changeset } = await ctx();
    const r = await call(context, 'strReplace', { path: '.env', oldStr: 'API_KEY=sk', newStr: 'x' });
    expect(r.content).toMatch(/secret/);
    expect(changeset.list()).toEqual([]);
  });

  it('a symlink to a secret is a secret too (Supervised overlay included), unless the user attached the link', async () => {
    await symlink('.env', join(root, 'settings.txt'));
    await symlink('../.env', join(root, 'src/config'));
    const { context, changeset } = await ctx();
    for (const path of ['settings.txt', 'src/config']) {
      const r = await call(context, 'readFile', { path });
      expect(r.status).toBe('error');
      expect(r.content).not.toContain('API_KEY');
      expect((await call(context, 'strReplace', { path, oldStr: 'API_KEY=sk', newStr: 'x' })).content).toMatch(/secret/);
    }
    expect(changeset.list()).toEqual([]);
    const attached = await ctx({ attached: ['settings.txt'] });
    expect((await call(attached.context, 'readFile', { path: 'settings.txt' })).content).toContain('API_KEY');
  });

  it('readFile reads a secret the user attached explicitly', async () => {
    const { context } = await ctx({ attached: ['.env'] });
    expect((await call(context, 'readFile', { path: '.env' })).content).toContain('API_KEY');
  });

  it('paths outside the workspace are refused', async () => {
    const { context } = await ctx();
    expect((await call(context, 'readFile', { path: '../etc/passwd' })).content).toMatch(/outside the workspace/);
    expect((await call(context, 'fsWrite', { path: '/tmp/x', text: 'x' })).content).toMatch(/relative/);
  });

  it('invalid input is reported to the model, not thrown', async () => {
    const { context } = await ctx();
    const r = await call(context, 'readFile', { file: 'a' });
    expect(r).toMatchObject({ status: 'error', content: expect.stringMatching(/Invalid input for readFile: path/) });
    expect((await call(context, 'nope', {})).content).toMatch(/Unknown tool/);
  });

  it('listDirectory shows folders with a slash, nested with depth', async () => {
    const { context } = await ctx();
    expect((await call(context, 'listDirectory', { path: 'src' })).content).toBe('a.ts\ncontrollers/');
    expect((await call(context, 'listDirectory', { path: 'src', depth: 2 })).content).toBe('a.ts\ncontrollers/\n  UserController.ts');
  });

  it('fileSearch finds files by fuzzy path', async () => {
    const { context } = await ctx();
    expect((await call(context, 'fileSearch', { query: 'userctrl' })).content.split('\n')[0]).toBe('src/controllers/UserController.ts');
  });

  const engines = [['JS fallback', true]] as Array<[string, boolean]>;
  if (findRipgrep()) engines.push(['ripgrep', false]);
  it.each(engines)('grepSearch (%s) finds matches and never shows secret files', async (_name, noRipgrep) => {
    const { context } = await ctx({ noRipgrep });
    const r = await call(context, 'grepSearch', { query: 'api_key' });
    expect(r.content).not.toContain('sk-live');
    expect(r.content).not.toContain('PRIVATE KEY');
    expect(r.content).toMatch(/3 secret file\(s\) matched and were not shown/);
    const hit = await call(context, 'grepSearch', { query: 'login\\(', includePattern: '*.ts' });
    expect(hit.content).toBe('src/controllers/UserController.ts:1: class UserController { login() {} }');
  });

  it('grepSearch reports a bad regular expression', async () => {
    const { context } = await ctx();
    expect((await call(context, 'grepSearch', { query: '(' })).content).toMatch(/Invalid regular expression/);
  });
});

describe('editing tools in Supervised mode', () => {
  it('edits gather in the changeset with counts and leave the disk alone until accepted', async () => {
    const { context, changeset } = await ctx();
    await call(context, 'strReplace', { path: 'src/a.ts', oldStr: 'const b = 2', newStr: 'const b = 3' });
    await call(context, 'fsWrite', { path: 'src/new.ts', text: 'one\ntwo\n' });
    await call(context, 'deleteFile', { path: 'src/controllers/UserController.ts' });
    expect(await readFile(join(root, 'src/a.ts'), 'utf8')).toContain('const b = 2');
    expect(changeset.summary()).toEqual([
      { path: 'src/a.ts', kind: 'modify', added: 1, removed: 1 },
      { path: 'src/controllers/UserController.ts', kind: 'delete', added: 0, removed: 1 },
      { path: 'src/new.ts', kind: 'add', added: 2, removed: 0 },
    ]);
    // The agent sees its own pending edits.
    expect((await call(context, 'readFile', { path: 'src/a.ts' })).content).toContain('const b = 3');
    expect((await call(context, 'listDirectory', { path: 'src' })).content).toBe('a.ts\ncontrollers/\nnew.ts');
  });

  it('strReplace explains a missing or ambiguous oldStr', async () => {
    const { context } = await ctx();
    expect((await call(context, 'strReplace', { path: 'src/a.ts', oldStr: 'nope', newStr: '' })).content).toMatch(/not found/);
    expect((await call(context, 'strReplace', { path: 'src/a.ts', oldStr: 'export', newStr: '' })).content).toMatch(/more than once/);
  });

  it('Autopilot writes through the checkpoint hook first', async () => {
    const checkpointed: string[][] = [];
    const { context } = await ctx({ mode: 'autopilot', checkpoint: { beforeApply: async (p) => void checkpointed.push(p) } });
    await call(context, 'fsWrite', { path: 'src/a.ts', text: 'new' });
    expect(checkpointed).toEqual([['src/a.ts']]);
    expect(await readFile(join(root, 'src/a.ts'), 'utf8')).toBe('new');
  });
});

describe('executeBash and taskStatus', () => {
  const gate = (decision: ApprovalDecision, asked: string[] = []) => ({
    approveCommand: async (r: { command: string }) => {
      asked.push(r.command);
      return decision;
    },
  });

  it('asks before every command and returns exit code and output', async () => {
    const asked: string[] = [];
    const { context } = await ctx({ approval: gate({ kind: 'runAndTrust' }, asked) });
    const r = await call(context, 'executeBash', { command: 'echo hi; exit 3', path: 'src' });
    expect(r.status).toBe('error');
    expect(r.content).toBe('Exit code: 3\nhi\n');
    await call(context, 'executeBash', { command: 'echo hi; exit 3' });
    expect(asked).toEqual(['echo hi; exit 3', 'echo hi; exit 3']);
  });

  it('runs the command as the user modified it, and tells the model', async () => {
    const { context } = await ctx({ approval: gate({ kind: 'modify', command: 'echo safer' }) });
    const r = await call(context, 'executeBash', { command: 'rm -rf /' });
    expect(r.content).toBe('The user changed the command to: echo safer\nExit code: 0\nsafer\n');
  });

  it('a rejected command does not run', async () => {
    const { context } = await ctx({ approval: gate({ kind: 'reject', reason: 'not now' }) });
    const r = await call(context, 'executeBash', { command: `touch ${join(root, 'ran')}` });
    expect(r.content).toMatch(/rejected the command: not now/);
    await expect(readFile(join(root, 'ran'))).rejects.toThrow();
  });

  it('taskStatus goes through the task port', async () => {
    const updates: Array<{ spec: string; taskId: string; status: TaskState }> = [];
    const { context } = await ctx({ tasks: { setTaskStatus: async (u) => void updates.push(u) } });
    expect((await call(context, 'taskStatus', { spec: 'auth', taskId: '2.1', status: 'completed' })).content).toBe('Task 2.1 of auth is now completed.');
    expect(updates).toEqual([{ spec: 'auth', taskId: '2.1', status: 'completed' }]);
    expect((await call(context, 'taskStatus', { spec: 'auth', taskId: 'two', status: 'completed' })).status).toBe('error');
  });
});
