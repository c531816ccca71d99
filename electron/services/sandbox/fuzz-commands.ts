import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CommandSandbox, SandboxMode } from './command-sandbox';
import type { Scene } from './test-support';

/** Command lines that try to write outside the workspace (or into its control files) or to connect out. */
export function commandArbitrary(s: Scene): fc.Arbitrary<string> {
  const target = fc.oneof(
    fc.constantFrom('keep.txt', 'new.txt', 'sub/x').map((n) => join(s.canary, n)),
    fc.constantFrom('../canary/keep.txt', '../canary/y', '~/x', '$HOME/.bashrc', '~/.aws/credentials', '.git/config', '.git/hooks/pre-commit', '.kiro/hooks/evil.kiro.hook', '.kiro/settings/mcp.json', '.vscode/tasks.json', `${s.home}/.ssh/authorized_keys`),
  );
  // bash's /dev/tcp needs no program; the others start one.
  const netBuiltin = fc.constantFrom(`cat < /dev/tcp/127.0.0.1/${s.port}`, `exec 3<>/dev/tcp/127.0.0.1/${s.port} && read -t 1 line <&3`, `echo hi > /dev/tcp/127.0.0.1/${s.port}`, `: <>/dev/tcp/localhost/${s.port}`);
  const netProgram = fc.constantFrom(`curl -s --max-time 1 http://127.0.0.1:${s.port}/`, `git ls-remote http://127.0.0.1:${s.port}/r`, `bash -c 'cat < /dev/tcp/localhost/${s.port}'`);
  // Shell built-ins (redirections, printf) cost no process, so they make most of the mix; programs and pipes less.
  const builtinWrite = fc.tuple(fc.constantFrom('echo x >@T@', 'echo x >>@T@', 'echo x >&@T@', 'printf y 1<>@T@', ': >@T@', 'printf -v GIT_PAGER %s @T@; echo x >"$GIT_PAGER"'), target).map(([op, t]) => op.replaceAll('@T@', t));
  const programWrite = fc.tuple(
    fc.constantFrom('touch @T@', 'cp src/app.txt @T@', 'tee @T@ <src/app.txt', 'sort -o@T@ src/app.txt', 'sort -uo@T@ src/app.txt', 'sort --outp=@T@ src/app.txt', 'git shortlog --output=@T@ HEAD', 'git log -1 --output=@T@', 'ln -sf /etc/hostname @T@', 'mkdir -p @T@', 'rm -rf @T@', 'truncate -s0 @T@', 'dd if=src/app.txt of=@T@ status=none', 'chmod 777 @T@', 'mv src/app.txt @T@', "git -c core.fsmonitor='touch @T@; false' status", "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0='touch @T@; cat' git -p log -1", "printf '%s\\n' -exec touch @T@ ';' | xargs find src", "printf '%s\\n' -o@T@ src/app.txt | xargs sort", "git grep --open-files='touch @T@' hello"),
    target,
  ).map(([op, t]) => op.replaceAll('@T@', t));
  // Weighted so that 10,000 lines run in well under a minute on two cores: a program start costs 100× a built-in.
  const atom = fc.oneof({ weight: 30, arbitrary: builtinWrite }, { weight: 4, arbitrary: netBuiltin }, { weight: 2, arbitrary: programWrite }, { weight: 1, arbitrary: netProgram }, { weight: 1, arbitrary: fc.constantFrom('true', 'cat .env', 'echo $AWS_SECRET_ACCESS_KEY') });
  const shape = fc.oneof({ weight: 10, arbitrary: fc.constantFrom('@A@', '@A@; @B@', '@A@ && @B@', '@A@ || @B@', '{ @A@; }', "eval '@A@'", '@B@; @A@', 'cd src && @A@') }, { weight: 1, arbitrary: fc.constantFrom('@A@ | @B@', '(@A@)', 'echo $(@A@)', 'env X=1 @A@', 'timeout 2 @A@', 'nohup @A@') });
  const wrapped = fc.tuple(atom, shape, atom).map(([a, sh, b]) => sh.replaceAll('@A@', a).replaceAll('@B@', b));
  return wrapped;
}

/**
 * One bwrap for a whole batch: each command through `eval` (a syntax error costs only that command) from the
 * workspace root, its output dropped, a dot per command run. No subshell per command: forks are what cost here.
 */
export async function runBatch(commands: string[], mode: SandboxMode, s: Scene, box: CommandSandbox, name = 'a'): Promise<number> {
  const counter = `.fuzz-ran-${name}`;
  const script = commands.map((c) => `cd "$W"; eval ${shellQuote(c)} </dev/null >/dev/null 2>&1; printf . >> "$W/${counter}"`).join('\n');
  writeFileSync(join(s.workspace, counter), '');
  writeFileSync(join(s.workspace, `fuzz-${name}.sh`), `W=$PWD\n${script}\n`);
  const launch = await box.launch({ command: `bash fuzz-${name}.sh`, cwd: s.workspace, workspace: s.workspace, env: { ...process.env, HOME: s.home }, shell: 'bash', mode });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(launch.file, launch.args, { cwd: s.workspace, env: launch.env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return readFileSync(join(s.workspace, counter), 'utf8').length;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

