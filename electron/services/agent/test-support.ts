// Test support: a temp workspace + user data dir, the fake Bedrock, and an AgentHost pointed at it.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startFakeBedrock, type FakeBedrock, type FakeScript } from '../../../e2e/fixtures/fake-bedrock';
import type { AgentStreamEvent, EventName, EventOf } from '../../../protocol';
import { spawn } from 'node-pty';
import { AgentHost, type AgentHostOptions } from './agent-host';
import type { CommandTerminal, CommandTerminals } from './terminal-runner';

export interface HostHarness {
  root: string;
  userData: string;
  fake: FakeBedrock;
  host: AgentHost;
  /** Every `agent/event` payload, in order. */
  events: EventOf<'agent/event'>[];
  eventsOf(sessionId: string): AgentStreamEvent[];
  /** A second host on the same folder and user data (what a restart gives). */
  restart(): AgentHost;
  close(): Promise<void>;
}

export async function startHostHarness(script: FakeScript, files: Record<string, string> = {}, extra: Partial<AgentHostOptions> = {}): Promise<HostHarness> {
  const base = await mkdtemp(join(tmpdir(), 'keel-host-'));
  const root = join(base, 'repo');
  const userData = join(base, 'user-data');
  await mkdir(root, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  const fake = await startFakeBedrock({ script });
  const events: EventOf<'agent/event'>[] = [];
  const make = (): AgentHost =>
    new AgentHost({
      root,
      userDataDir: userData,
      emit: <E extends EventName>(name: E, payload: EventOf<E>) => {
        if (name === 'agent/event') events.push(payload as EventOf<'agent/event'>);
      },
      env: { KEEL_BEDROCK_ENDPOINT: fake.url },
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      // The machine's own ~/.kiro agents and skills stay out of tests unless a test names a home.
      userHome: null,
      ...extra,
    });
  const hosts = [make()];
  return {
    root,
    userData,
    fake,
    host: hosts[0]!,
    events,
    eventsOf: (id) => events.filter((e) => e.sessionId === id).map((e) => e.event),
    restart: () => {
      const h = make();
      hosts.push(h);
      return h;
    },
    close: async () => {
      await Promise.all(hosts.map((h) => h.dispose()));
      await fake.close();
    },
  };
}

/** The port on a real pty (what TerminalService would do, minus the panel). */
export class PtyTerminals implements CommandTerminals {
  readonly started: string[] = [];
  async runCommand({ command, cwd, title }: { command: string; cwd: string; title: string }): Promise<CommandTerminal> {
    this.started.push(title);
    const pty = spawn('/bin/bash', ['-c', command], { cwd, cols: 80, rows: 24, env: { ...process.env, TERM: 'xterm-256color' } as Record<string, string> });
    const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => pty.onExit(({ exitCode, signal }) => resolve(signal ? { exitCode, signal } : { exitCode })));
    return {
      id: String(pty.pid),
      onData: (l) => pty.onData(l),
      exited,
      kill: (signal) => {
        try {
          process.kill(-pty.pid, signal ?? 'SIGHUP');
        } catch {
          // gone
        }
      },
    };
  }
}

