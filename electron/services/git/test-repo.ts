import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real repository in a temp folder for tests, driven by the real git binary (never by the code under test). */
export function makeRepo(files: Record<string, string> = {}, options: { commit?: boolean } = {}): { dir: string; git: (...args: string[]) => string; write: (path: string, text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'keel-git-'));
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test User');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  for (const [path, text] of Object.entries(files)) write(path, text);
  if (options.commit !== false && Object.keys(files).length) {
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
  }
  return { dir, git, write };
}
