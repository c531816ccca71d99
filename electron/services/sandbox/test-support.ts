import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { CommandSandbox } from './command-sandbox';

/**
 * A scene for sandbox tests, outside /tmp (the sandbox hides /tmp, which would make "nothing was written there"
 * prove nothing): a git workspace with secrets and control files, a fake home with cloud credentials, a canary
 * folder beside the workspace, and a TCP listener on 127.0.0.1 that counts connections.
 */
export interface Scene {
  root: string;
  workspace: string;
  home: string;
  canary: string;
  port: number;
  connections: () => number;
  /** Hashes of every file under the canary folder and the workspace's protected files. */
  fingerprint: () => string;
  close: () => Promise<void>;
}

export const SECRET = 'TOP-SECRET-4242';

export async function createScene(): Promise<Scene> {
  const base = existsSync('/var/tmp') ? '/var/tmp' : process.cwd();
  const root = mkdtempSync(join(base, 'keel-sandbox-'));
  const workspace = join(root, 'ws');
  const home = join(root, 'home');
  const canary = join(root, 'canary');
  for (const dir of [workspace, canary, join(home, '.aws'), join(home, '.ssh'), join(workspace, '.kiro/hooks'), join(workspace, '.kiro/settings'), join(workspace, '.vscode'), join(workspace, 'src')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(home, '.aws/credentials'), `[default]\naws_secret_access_key = ${SECRET}\n`);
  writeFileSync(join(home, '.ssh/id_rsa'), `-----BEGIN KEY-----\n${SECRET}\n`);
  writeFileSync(join(canary, 'keep.txt'), 'canary\n');
  writeFileSync(join(workspace, '.env'), `API=${SECRET}\n`);
  writeFileSync(join(workspace, '.ENV'), `API=${SECRET}\n`);
  writeFileSync(join(workspace, '.env.local'), `API=${SECRET}\n`);
  writeFileSync(join(workspace, 'src/app.txt'), 'hello main\n');
  writeFileSync(join(workspace, '.kiro/hooks/a.kiro.hook'), '{}\n');
  writeFileSync(join(workspace, '.kiro/settings/mcp.json'), '{}\n');
  writeFileSync(join(workspace, '.vscode/tasks.json'), '{}\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: workspace, stdio: 'ignore' });
  git('init', '-q');
  git('add', 'src');
  git('commit', '-qm', 'first');

  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // a client that resets is fine: it was counted
    socket.end(`${SECRET}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const fingerprint = () => hashTree([canary, join(workspace, '.git'), join(workspace, '.kiro/hooks'), join(workspace, '.kiro/settings'), join(workspace, '.vscode'), home]);
  return {
    root,
    workspace,
    home,
    canary,
    port,
    connections: () => count,
    fingerprint,
    close: async () => {
      // A client may still hold its end open (a backgrounded reader): close() would wait for it forever.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function hashTree(dirs: string[]): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      hash.update(`${path}\0${st?.mode ?? 0}\0`);
      if (st?.isDirectory()) walk(path);
      else if (st?.isFile()) hash.update(readFileSync(path));
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return hash.digest('hex');
}

/** Runs one command line through `sandbox` as the agent's runner would, returning its exit code and output. */
export async function runIn(sandbox: CommandSandbox, scene: Scene, command: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  const launch = await sandbox.launch({ command, cwd: scene.workspace, workspace: scene.workspace, env, shell: 'bash', mode: 'confined' });
  return new Promise((resolve, reject) => {
    const child = spawn(launch.file, launch.args, { cwd: scene.workspace, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
