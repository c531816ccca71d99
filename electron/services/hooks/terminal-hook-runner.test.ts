import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../protocol';
import { TerminalService } from '../terminal/terminal-service';
import { ChildProcessRunner, HookCommandRunner, type CommandRequest } from './command-runner';
import { HookTerminalChoices } from './terminal-choice';
import { TerminalHookRunner } from './terminal-hook-runner';
import { isAlive } from '../terminal/test-support';

let dir: string;
let terminals: TerminalService;
let opened: TerminalInfo[];
const shown = new Map<string, string>();

beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'keel-hookterm-')));
  opened = [];
  shown.clear();
  terminals = new TerminalService({ cwd: dir, onData: (id, d) => shown.set(id, (shown.get(id) ?? '') + d), onExit: () => undefined });
  terminals.onDidOpen((info) => opened.push(info));
});
afterEach(async () => {
  await terminals.dispose();
});

const request = (command: string, extra: Partial<CommandRequest> = {}): CommandRequest => ({
  command,
  cwd: dir,
  env: { ...process.env, KEEL_HOOK_NAME: 'Lint on save', KEEL_CHANGED_FILES: 'src/a.ts' },
  timeoutMs: 30_000,
  hookId: '.kiro/hooks/lint.kiro.hook',
  ...extra,
});

describe('a hook command in a visible terminal', () => {
  it('opens a "hook: <name>" tab with the hook\'s environment; the run log gets the plain output and the exit code', async () => {
    const runner = new TerminalHookRunner(terminals);
    const streamed: string[] = [];
    let started = false;
    const result = await runner.run(
      request("printf '\\033[1mchecked %s\\033[0m\\n' \"$KEEL_CHANGED_FILES\"; exit 2", { onStart: () => (started = true), onOutput: (c) => streamed.push(c) }),
    );
    expect(started).toBe(true);
    expect(result).toMatchObject({ exitCode: 2, signal: null, timedOut: false, cancelled: false, output: 'checked src/a.ts\n', truncated: false });
    expect(streamed.join('')).toBe('checked src/a.ts\n');
    expect(opened).toEqual([expect.objectContaining({ title: 'hook: Lint on save' })]);
    // The user saw it with its colours, and the tab stays with the exit code.
    expect(shown.get(opened[0]!.id)).toContain('\x1b[1mchecked src/a.ts');
    expect(terminals.list()).toEqual([expect.objectContaining({ exitCode: 2 })]);
  });

  it('stops at the hook\'s timeout, with what it started', async () => {
    const runner = new TerminalHookRunner(terminals);
    const result = await runner.run(request('sleep 60 & echo $! > child; echo begun; wait', { timeoutMs: 300 }));
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' });
    expect(result.output).toContain('begun');
    const child = Number(await readFile(path.join(dir, 'child'), 'utf8'));
    await expect.poll(() => isAlive(child)).toBe(false);
  });

  it('is cancelled like a background run', async () => {
    const runner = new TerminalHookRunner(terminals);
    const ac = new AbortController();
    const result = await runner.run(request('echo begun; sleep 60', { signal: ac.signal, onOutput: (c) => c.includes('begun') && ac.abort() }));
    expect(result).toMatchObject({ cancelled: true, exitCode: null });
  });

  it('each hook reuses its place: the next run replaces the finished tab', async () => {
    const runner = new TerminalHookRunner(terminals);
    await runner.run(request('echo first'));
    await runner.run(request('echo second'));
    await runner.run(request('echo other', { hookId: '.kiro/hooks/other.kiro.hook', env: { ...process.env, KEEL_HOOK_NAME: 'Other' } }));
    expect(terminals.list().map((t) => t.title)).toEqual(['hook: Lint on save', 'hook: Other']);
    expect(shown.get(terminals.list()[0]!.id)).toContain('second');
  });

  it('says why when the command cannot start', async () => {
    const result = await new TerminalHookRunner(terminals).run(request('true', { cwd: path.join(dir, 'gone') }));
    expect(result).toMatchObject({ exitCode: null, error: expect.stringContaining('gone') });
  });
});

describe('where a hook runs: the Keel setting, never the hook file', () => {
  it('runs the hooks the user chose in a terminal and the others in the background', async () => {
    const choices = new HookTerminalChoices(path.join(dir, 'user-data', 'hook-terminals.json'), dir);
    await choices.set('.kiro/hooks/lint.kiro.hook', true);
    const runner = new HookCommandRunner(new ChildProcessRunner(), new TerminalHookRunner(terminals), (id) => choices.inTerminal(id));
    const visible = await runner.run(request('echo visible-$((1+1))'));
    const background = await runner.run(request('echo background-$((2+2))', { hookId: '.kiro/hooks/test.kiro.hook' }));
    expect(visible.output).toBe('visible-2\n');
    expect(background.output).toBe('background-4\n');
    expect(opened.map((t) => t.title)).toEqual(['hook: Lint on save']);
  });

  it('without a Terminal panel (the CLI) every hook runs in the background', async () => {
    const runner = new HookCommandRunner(new ChildProcessRunner(), undefined, async () => true);
    expect((await runner.run(request('echo hi'))).output).toBe('hi\n');
    expect(opened).toEqual([]);
  });

  it('keeps the choice per folder across restarts, and reads a damaged file as "background" without failing', async () => {
    const file = path.join(dir, 'user-data', 'hook-terminals.json');
    const a = new HookTerminalChoices(file, '/projects/a');
    await a.set('.kiro/hooks/lint.kiro.hook', true);
    await a.set('.kiro/hooks/test.kiro.hook', true);
    await a.set('.kiro/hooks/test.kiro.hook', false);
    await new HookTerminalChoices(file, '/projects/b').set('.kiro/hooks/x.kiro.hook', true);
    expect(await new HookTerminalChoices(file, '/projects/a').hooksInTerminal()).toEqual(['.kiro/hooks/lint.kiro.hook']);
    expect(await new HookTerminalChoices(file, '/projects/b').inTerminal('.kiro/hooks/lint.kiro.hook')).toBe(false);

    await writeFile(file, '{ not json');
    const damaged = new HookTerminalChoices(file, '/projects/a');
    expect(await damaged.inTerminal('.kiro/hooks/lint.kiro.hook')).toBe(false);
    await damaged.set('.kiro/hooks/lint.kiro.hook', true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, folders: { '/projects/a': ['.kiro/hooks/lint.kiro.hook'] } });
  });
});

