import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeCommandRunner } from '../../../agent/node';
import { CommandSandbox } from './command-sandbox';
import { detectSandbox } from './detect';
import { sandboxLauncher } from './launcher';
import { createScene, SECRET, type Scene } from './test-support';

// Issue 17, findings 1 and 3: each exact command, run for real in bubblewrap through the agent's headless runner
// (what `keel task run` uses). None may write outside the workspace (or into .git / .kiro/hooks / .kiro/settings /
// .vscode), reach the TCP listener on 127.0.0.1, or print a secret. Nothing is mocked: bwrap, git, bash run.
let scene: Scene;
let runner: NodeCommandRunner;
let before: string;

beforeAll(async () => {
  const support = await detectSandbox();
  // CI installs bubblewrap (.ci/run): a machine without it must fail here, not skip.
  expect(support, 'bubblewrap must be installed and usable for these tests').toMatchObject({ kind: 'bwrap' });
  scene = await createScene();
  const sandbox = new CommandSandbox(support, { home: scene.home });
  const env = { ...process.env, AWS_SECRET_ACCESS_KEY: SECRET, GITHUB_TOKEN: SECRET, HOME: scene.home };
  runner = new NodeCommandRunner((p) => join(scene.workspace, p), sandboxLauncher(scene.workspace, async () => sandbox, () => env));
  before = scene.fingerprint();
});
afterAll(async () => {
  await scene?.close();
});

const run = async (command: string) => (await runner.run(command, { cwd: '.', timeoutMs: 20_000 })).output;
const outside = (name: string) => join(scene.canary, name);

describe('finding 1: "read-only" commands that write or execute stay inside the sandbox', () => {
  it('echo x >& FILE cannot write outside the workspace', async () => {
    await run(`echo x >& ${outside('redirect')}`);
    expect(existsSync(outside('redirect'))).toBe(false);
  });

  it('GIT_CONFIG_COUNT core.fsmonitor: git runs the program, but it cannot write outside', async () => {
    await run(`GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0='touch ${outside('fsmonitor')}; touch fsmonitor-ran; false' git status`);
    expect(existsSync(outside('fsmonitor'))).toBe(false);
    // It did run (inside): the sandbox, not a pattern list, is what holds.
    expect(existsSync(join(scene.workspace, 'fsmonitor-ran'))).toBe(true);
  });

  it('printf -v GIT_PAGER …; export GIT_PAGER; git log -1 cannot write outside', async () => {
    await run(`printf -v GIT_PAGER 'touch ${outside('pager')}; cat'; export GIT_PAGER; git -p log -1; git log -1`);
    expect(existsSync(outside('pager'))).toBe(false);
  });

  it('xargs find / sort / git grep with options from stdin cannot write outside', async () => {
    await run(`printf '%s\\n' -exec touch ${outside('xargs-find')} ';' | xargs find .`);
    await run(`printf '%s\\n' -o${outside('xargs-sort')} src/app.txt | xargs sort`);
    await run(`printf '%s\\n' -O'touch ${outside('xargs-grep')}' main | xargs git grep`);
    for (const name of ['xargs-find', 'xargs-sort', 'xargs-grep']) expect(existsSync(outside(name)), name).toBe(false);
  });

  it('git grep --open-files=CMD cannot write outside', async () => {
    await run(`git grep --open-files='touch ${outside('open-files')}' main`);
    expect(existsSync(outside('open-files'))).toBe(false);
  });

  it('sort -uoFILE, sort --outp=FILE, git shortlog --output=FILE cannot write outside', async () => {
    await run(`sort -uo${outside('sort-uo')} src/app.txt`);
    await run(`sort --outp=${outside('sort-outp')} src/app.txt`);
    await run(`git shortlog --output=${outside('shortlog')} HEAD`);
    for (const name of ['sort-uo', 'sort-outp', 'shortlog']) expect(existsSync(outside(name)), name).toBe(false);
  });

  it('cat < /dev/tcp/127.0.0.1/PORT does not reach the listener', async () => {
    const output = await run(`cat < /dev/tcp/127.0.0.1/${scene.port}`);
    expect(output).not.toContain(SECRET);
    expect(scene.connections()).toBe(0);
  });

  it('the workspace stays writable, its control files do not', async () => {
    const output = await run(`echo ok > src/new.txt; echo x > .git/config; echo x > .kiro/hooks/evil.kiro.hook; echo x > .kiro/settings/mcp.json; echo x > .vscode/tasks.json; mv .kiro kiro2; mv .git git2; echo done`);
    expect(output).toContain('done');
    expect(readFileSync(join(scene.workspace, 'src/new.txt'), 'utf8')).toBe('ok\n');
    expect(existsSync(join(scene.workspace, '.kiro/hooks/evil.kiro.hook'))).toBe(false);
    expect(existsSync(join(scene.workspace, 'kiro2'))).toBe(false);
    expect(existsSync(join(scene.workspace, 'git2'))).toBe(false);
  });
});

describe('finding 3: secrets through the shell', () => {
  it('cat .env .ENV .env.local prints none of them', async () => {
    expect(await run('cat .env .ENV .env.local; echo end')).not.toContain(SECRET);
  });

  it('printenv AWS_SECRET_ACCESS_KEY prints nothing (nor any other credential variable)', async () => {
    const output = await run('printenv AWS_SECRET_ACCESS_KEY; printenv GITHUB_TOKEN; env');
    expect(output).not.toContain(SECRET);
  });

  it("cat of the user's cloud and ssh credentials outside the workspace prints nothing", async () => {
    const output = await run(`cat ${join(scene.home, '.aws/credentials')} ${join(scene.home, '.ssh/id_rsa')} ~/.aws/credentials`);
    expect(output).not.toContain(SECRET);
    // The folder reads as empty: not even the key files' names show.
    expect(await run('ls -A ~/.ssh ~/.aws')).not.toMatch(/id_rsa|credentials/);
  });

  it("Keel's own process environment is out of reach through /proc", async () => {
    const output = await run(`cat /proc/${process.pid}/environ; cat /proc/1/environ; echo end`);
    expect(output).not.toContain(SECRET);
  });
});

describe('nothing escaped', () => {
  it('the canary folder, the home and the control files are byte for byte as before; no connection was made', () => {
    expect(scene.fingerprint()).toBe(before);
    expect(scene.connections()).toBe(0);
  });
});
