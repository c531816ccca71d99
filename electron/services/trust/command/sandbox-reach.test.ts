import { beforeAll, describe, expect, it } from 'vitest';
import { CommandTrust } from './command-trust';

let trust: CommandTrust;
beforeAll(async () => {
  trust = await CommandTrust.create();
});

const WS = '/home/u/project';
const withSandbox = (command: string, leave = false) => trust.evaluate(command, [], { available: true, workspace: WS, leave });
const withoutSandbox = (command: string, rules: { pattern: string; match: 'prefix' | 'exact' }[] = []) => trust.evaluate(command, rules, { available: false, workspace: WS });

// Issue 17, finding 1: these ran unasked as "read-only". With a sandbox they still run unasked — confined, which
// the proof tests in electron/services/sandbox show holds — and without one every one of them asks.
const FINDING_1 = [
  'echo x >& out.txt',
  "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0='touch /x' git status",
  "printf -v GIT_PAGER 'touch /x'; export GIT_PAGER; git log -1",
  "printf '%s\\n' -exec touch /x ';' | xargs find .",
  "printf '%s\\n' -o/x a | xargs sort",
  "printf '%s\\n' -Otouch main | xargs git grep",
  "git grep --open-files='touch /x' main",
  'sort -uoFILE a.txt',
  'sort --outp=FILE a.txt',
  'git shortlog --output=FILE',
];

describe('with a sandbox', () => {
  it.each(FINDING_1)('runs %s confined, unasked', (command) => {
    expect(withSandbox(command)).toMatchObject({ decision: 'run', runMode: 'confined' });
  });

  it('runs ordinary work unasked too (npm test, node scripts): the sandbox decides what they can do', () => {
    for (const command of ['npm test', 'node scripts/build.mjs', 'make -j2', 'cat .env']) expect(withSandbox(command), command).toMatchObject({ decision: 'run', runMode: 'confined' });
  });

  it('asks before the network, every time, with no pattern to trust it, and runs it online but confined', () => {
    for (const command of ['cat < /dev/tcp/127.0.0.1/8080', 'curl https://example.com', 'git push', 'npm install left-pad']) {
      const v = withSandbox(command);
      expect(v, command).toMatchObject({ decision: 'ask', runMode: 'network', suggestedPatterns: [], suggestedPattern: null });
      expect(v.warnings.join(), command).toMatch(/Leaves the sandbox/);
    }
  });

  it('asks before a write outside the workspace, and when the agent asks to leave; those run outside', () => {
    expect(withSandbox('echo x > /etc/motd')).toMatchObject({ decision: 'ask', runMode: 'none' });
    expect(withSandbox('echo x > ~/.bashrc')).toMatchObject({ decision: 'ask', runMode: 'none' });
    expect(withSandbox(`echo x > ${WS}/ok.txt; echo y > /tmp/ok; echo z > /dev/null`)).toMatchObject({ decision: 'run', runMode: 'confined' });
    expect(withSandbox('make deploy', true)).toMatchObject({ decision: 'ask', runMode: 'none' });
  });

  it('still asks for destructive or unreadable commands (confined when allowed)', () => {
    expect(withSandbox('rm -rf src')).toMatchObject({ decision: 'ask', runMode: 'confined' });
    expect(withSandbox('echo "unterminated')).toMatchObject({ decision: 'ask' });
    expect(withSandbox('')).toMatchObject({ decision: 'ask' });
  });
});

describe('without a sandbox: only the closed set runs unasked', () => {
  it('runs the closed set written out completely', () => {
    for (const command of ['pwd', 'ls -la', 'ls src', 'echo hello world', 'git --version', 'node --version && pwd', 'uname -a', 'date']) {
      expect(withoutSandbox(command), command).toMatchObject({ decision: 'run', runMode: 'none' });
    }
  });

  it.each(FINDING_1)('asks for %s', (command) => {
    expect(withoutSandbox(command).decision).toBe('ask');
  });

  it('asks for reads of file contents, wrappers, redirections, assignments, expansions and look-alikes', () => {
    for (const command of ['cat README.md', 'git status', 'echo x > f', 'A=1 pwd', 'env pwd', 'timeout 5 pwd', 'echo $(pwd)', 'ls $HOME', 'echo $AWS_SECRET_ACCESS_KEY', 'printenv AWS_SECRET_ACCESS_KEY', 'cat .env .ENV .env.local', 'constructor', 'toString', './pwd', 'node -e 1', 'ls --color=always', 'echo *']) {
      expect(withoutSandbox(command).decision, command).toBe('ask');
    }
  });

  it("keeps the user's own trust rules", () => {
    expect(withoutSandbox('npm test', [{ pattern: 'npm test', match: 'prefix' }])).toMatchObject({ decision: 'run' });
  });
});
