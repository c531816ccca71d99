import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChildProcessRunner } from '../hooks/command-runner';
import { TerminalHookRunner } from '../hooks/terminal-hook-runner';
import { TerminalCommandRunner } from '../agent/terminal-runner';
import { TerminalService } from '../terminal/terminal-service';
import { CommandSandbox } from './command-sandbox';
import { detectSandbox } from './detect';
import { sandboxLauncher, type HookSandbox } from './launcher';
import { createScene, SECRET, type Scene } from './test-support';

// The other runners the sandbox is wired into, for real: the agent's visible terminal (node-pty — where git pages,
// so finding 1's GIT_PAGER line really runs its pager) and the hook runners (background and terminal tab).
let scene: Scene;
let sandbox: CommandSandbox;
let terminals: TerminalService;
beforeAll(async () => {
  const support = await detectSandbox();
  expect(support, 'bubblewrap must be installed and usable for these tests').toMatchObject({ kind: 'bwrap' });
  scene = await createScene();
  sandbox = new CommandSandbox(support, { home: scene.home });
  terminals = new TerminalService({ cwd: scene.workspace, onData: () => undefined, onExit: () => undefined });
});
afterAll(async () => {
  await terminals?.dispose();
  await scene?.close();
});

const outside = (name: string) => join(scene.canary, name);
const env = () => ({ ...process.env, HOME: scene.home, AWS_SECRET_ACCESS_KEY: SECRET });
const hooks = (): HookSandbox => ({ launch: (r) => sandbox.launch({ ...r, workspace: scene.workspace, shell: '/bin/sh', mode: 'confined' }) });

describe('the agent in a visible terminal (pty)', () => {
  it('printf -v GIT_PAGER …; export GIT_PAGER; git log -1: the pager runs (inside), nothing lands outside', async () => {
    const runner = new TerminalCommandRunner(terminals, (p) => join(scene.workspace, p), sandboxLauncher(scene.workspace, async () => sandbox, env));
    const result = await runner.run(`printf -v GIT_PAGER 'touch ${outside('pty-pager')}; touch pager-ran; cat'; export GIT_PAGER; git log -1; printenv AWS_SECRET_ACCESS_KEY; echo end`, { cwd: '.', timeoutMs: 20_000 });
    expect(result.output).toContain('end');
    expect(result.output).not.toContain(SECRET);
    expect(existsSync(join(scene.workspace, 'pager-ran'))).toBe(true);
    expect(existsSync(outside('pty-pager'))).toBe(false);
  });
});

describe('hook commands', () => {
  const request = (command: string) => ({ command, cwd: scene.workspace, env: env(), timeoutMs: 20_000 });

  it('in the background: confined, scrubbed, secrets hidden', async () => {
    const result = await new ChildProcessRunner(hooks()).run(request(`echo hook > hook.txt; echo x > ${outside('hook')}; cat .env; printenv AWS_SECRET_ACCESS_KEY; echo end`));
    expect(result.output).toContain('end');
    expect(result.output).not.toContain(SECRET);
    expect(existsSync(join(scene.workspace, 'hook.txt'))).toBe(true);
    expect(existsSync(outside('hook'))).toBe(false);
  });

  it('in a terminal tab: the same', async () => {
    const result = await new TerminalHookRunner(terminals, hooks()).run({ ...request(`echo x > ${outside('hook-tab')}; cat ~/.aws/credentials; echo end`), hookName: 'h' });
    expect(result.output).toContain('end');
    expect(result.output).not.toContain(SECRET);
    expect(existsSync(outside('hook-tab'))).toBe(false);
  });
});
