import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStreamEvent } from '../../../protocol';
import { TerminalService } from '../terminal/terminal-service';
import { startHostHarness, type HostHarness } from './test-support';

// executeBash through the agent host on the workbench's real terminal service (what the app wires).
let h: HostHarness | undefined;
let terminals: TerminalService | undefined;
afterEach(async () => {
  await h?.close();
  await terminals?.dispose();
  h = undefined;
  terminals = undefined;
});

type Ask = Extract<AgentStreamEvent, { type: 'commandApproval' }>;
const last = (events: AgentStreamEvent[], type: AgentStreamEvent['type']) => events.filter((e) => e.type === type).at(-1);

async function withTerminals(script: Parameters<typeof startHostHarness>[0]) {
  const shown = new Map<string, string>();
  const opened: string[] = [];
  terminals = new TerminalService({ cwd: process.cwd(), onData: (id, d) => shown.set(id, (shown.get(id) ?? '') + d), onExit: () => undefined });
  terminals.onDidOpen((info) => opened.push(info.title));
  h = await startHostHarness(script, {}, { terminals });
  return { h, terminals, shown, opened };
}

async function approveNext(h: HostHarness, sessionId: string): Promise<Ask> {
  await expect.poll(() => last(h.eventsOf(sessionId), 'commandApproval')).toBeDefined();
  const ask = last(h.eventsOf(sessionId), 'commandApproval') as Ask;
  h.host.answerCommand(ask.requestId, { kind: 'run' });
  return ask;
}

describe('executeBash in a visible terminal', () => {
  it('asks first, then runs in a terminal tab; the card streams the output, the model gets it with the exit code', async () => {
    const { h, terminals, shown, opened } = await withTerminals([
      { steps: [{ toolUse: { name: 'executeBash', input: { command: "printf 'hello\\n'; exit 3" } } }] },
      { steps: [{ text: 'It failed with 3.' }] },
    ]);
    const s = await h.host.createSession({ role: 'executor' });
    const turn = h.host.prompt(s.id, 'run it');
    const ask = await approveNext(h, s.id);
    expect(ask.command).toBe("printf 'hello\\n'; exit 3");
    expect((await turn).stopReason).toBe('end_turn');

    const events = h.eventsOf(s.id);
    expect(events.filter((e) => e.type === 'toolOutput').map((e) => (e as { chunk: string }).chunk).join('')).toBe('hello\n');
    expect(last(events, 'toolEnd')).toMatchObject({ name: 'executeBash', status: 'error', output: expect.stringContaining('Exit code: 3') });
    // The user saw it in a tab of its own, which stays open with the exit code.
    expect(opened).toEqual(["agent: printf 'hello\\n'; exit 3"]);
    const [tab] = terminals.list();
    expect(tab).toMatchObject({ exitCode: 3 });
    expect(shown.get(tab!.id)).toBe("\x1b[2m$ printf 'hello\\n'; exit 3\x1b[0m\r\nhello\r\n");
    // The model's next request carries the output and the code.
    const second = h.fake.requests[1]!.raw;
    expect(second).toContain('Exit code: 3');
    expect(second).toContain('hello');
  });

  it('Stop ends the command in its terminal, which shows it was ended, and the turn ends', async () => {
    const { h, terminals } = await withTerminals([{ steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo started; sleep 30' } } }] }]);
    const s = await h.host.createSession({ role: 'executor' });
    const turn = h.host.prompt(s.id, 'wait');
    await approveNext(h, s.id);
    await expect.poll(() => h.eventsOf(s.id).some((e) => e.type === 'toolOutput' && e.chunk.includes('started'))).toBe(true);
    h.host.stop(s.id);
    expect((await turn).stopReason).toBe('aborted');
    expect(last(h.eventsOf(s.id), 'toolEnd')).toMatchObject({ status: 'error', output: expect.stringMatching(/Stopped by the user[\s\S]*Killed by SIGTERM/) });
    expect(terminals.list()[0]?.exitCode).toBe(143);
  });
});
