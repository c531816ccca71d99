import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScript } from '../../../e2e/fixtures/fake-bedrock';
import type { AgentStreamEvent } from '../../../protocol';
import { PtyTerminals, startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const noWait = { clock: { now: () => 0, sleep: async () => {} } };
const textOf = (events: AgentStreamEvent[]) => events.flatMap((e) => (e.type === 'textDelta' ? [e.text] : [])).join('');
const last = (events: AgentStreamEvent[], type: AgentStreamEvent['type']) => events.filter((e) => e.type === type).at(-1);

describe('faults', () => {
  it('throttling is retried and the chat is told, then the answer arrives', async () => {
    h = await startHostHarness([{ steps: [{ exception: 'throttlingException', message: 'slow down' }] }, { steps: [{ text: 'The answer.' }] }], {}, noWait);
    const s = await h.host.createSession({ role: 'executor' });
    const result = await h.host.prompt(s.id, 'hi');
    expect(result.stopReason).toBe('end_turn');
    const events = h.eventsOf(s.id);
    expect(last(events, 'retry')).toMatchObject({ attempt: 1, error: { kind: 'throttled' } });
    expect(textOf(events)).toBe('The answer.');
  });

  it('a stream cut mid-answer is recovered: the retry voids the partial text', async () => {
    h = await startHostHarness([{ steps: [{ text: 'Half an ans' }, { cut: true }] }, { steps: [{ text: 'Whole answer.' }] }], {}, noWait);
    const s = await h.host.createSession({ role: 'executor' });
    expect((await h.host.prompt(s.id, 'hi')).stopReason).toBe('end_turn');
    const events = h.eventsOf(s.id);
    const retryAt = events.findIndex((e) => e.type === 'retry');
    expect(events[retryAt]).toMatchObject({ error: { kind: 'streamCut' } });
    expect(textOf(events.slice(retryAt))).toBe('Whole answer.');
    // The saved conversation holds only the complete answer.
    const reopened = await h.restart().history(s.id);
    expect(textOf(reopened.events)).toBe('Whole answer.');
  });

  it('access denied ends the turn with the do-this message, not a retry', async () => {
    h = await startHostHarness([{ steps: [{ httpError: { status: 403, type: 'AccessDeniedException', message: 'no' } }] }], {}, noWait);
    const s = await h.host.createSession({ role: 'executor' });
    const result = await h.host.prompt(s.id, 'hi');
    expect(result.stopReason).toBe('error');
    expect(last(h.eventsOf(s.id), 'turnEnd')).toMatchObject({ stopReason: 'error', error: { kind: 'accessDenied', message: expect.stringMatching(/credential|permission|IAM/i) } });
    expect(result.error).toMatch(/credential|permission|IAM/i);
  });
});

describe('Stop', () => {
  it('aborts a hanging model stream; the session takes the next prompt', async () => {
    h = await startHostHarness([{ steps: [{ text: 'Let me think' }, { hang: true }] }, { steps: [{ text: 'Next.' }] }]);
    const s = await h.host.createSession({ role: 'executor' });
    const turn = h.host.prompt(s.id, 'think');
    await expect.poll(() => h!.eventsOf(s.id).some((e) => e.type === 'textDelta')).toBe(true);
    h.host.stop(s.id);
    expect((await turn).stopReason).toBe('aborted');
    expect(last(h.eventsOf(s.id), 'turnEnd')).toMatchObject({ stopReason: 'aborted' });
    expect((await h.host.prompt(s.id, 'again')).stopReason).toBe('end_turn');
  });

  it('asks before a command, runs it once approved, and kills it on Stop', async () => {
    h = await startHostHarness([{ steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo started; sleep 61.7' } } }] }]);
    const s = await h.host.createSession({ role: 'executor' });
    const turn = h.host.prompt(s.id, 'start the server');
    await expect.poll(() => last(h!.eventsOf(s.id), 'commandApproval')).toBeDefined();
    const ask = last(h.eventsOf(s.id), 'commandApproval') as Extract<AgentStreamEvent, { type: 'commandApproval' }>;
    expect(ask.command).toBe('echo started; sleep 61.7');
    h.host.answerCommand(ask.requestId, { kind: 'run' });
    await expect.poll(() => h!.eventsOf(s.id).some((e) => e.type === 'toolOutput' && e.chunk.includes('started'))).toBe(true);
    h.host.stop(s.id);
    expect((await turn).stopReason).toBe('aborted');
    // The command runs in the OS sandbox's own pid namespace ($$ would be its number there): look for it by name.
    await expect.poll(() => processesRunning('sleep\0' + '61.7')).toBe(0);
    expect(last(h.eventsOf(s.id), 'toolEnd')).toMatchObject({ name: 'executeBash', status: 'error' });
  });

  it('with terminals, an approved command runs in its own terminal and Stop ends it', async () => {
    const terminals = new PtyTerminals();
    h = await startHostHarness([{ steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo $$ > pid; echo started; sleep 60' } } }] }], {}, { terminals });
    const s = await h.host.createSession({ role: 'executor' });
    const turn = h.host.prompt(s.id, 'start the server');
    await expect.poll(() => last(h!.eventsOf(s.id), 'commandApproval')).toBeDefined();
    h.host.answerCommand((last(h.eventsOf(s.id), 'commandApproval') as Extract<AgentStreamEvent, { type: 'commandApproval' }>).requestId, { kind: 'run' });
    await expect.poll(() => h!.eventsOf(s.id).some((e) => e.type === 'toolOutput' && e.chunk.includes('started'))).toBe(true);
    expect(terminals.started).toEqual(['agent: echo $$ > pid; echo started; sleep 60']);
    h.host.stop(s.id);
    expect((await turn).stopReason).toBe('aborted');
    const pid = Number(await readFile(join(h.root, 'pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('a rejected command does not run, and the model is told why', async () => {
    h = await startHostHarness([{ steps: [{ toolUse: { name: 'executeBash', input: { command: 'touch made' } } }] }, { steps: [{ text: 'OK, I will not.' }] }]);
    const s = await h.host.createSession({ role: 'executor' });
    const turn = h.host.prompt(s.id, 'make a file');
    await expect.poll(() => last(h!.eventsOf(s.id), 'commandApproval')).toBeDefined();
    const ask = last(h.eventsOf(s.id), 'commandApproval') as Extract<AgentStreamEvent, { type: 'commandApproval' }>;
    h.host.answerCommand(ask.requestId, { kind: 'reject', reason: 'not now' });
    await turn;
    await expect(readFile(join(h.root, 'made'))).rejects.toThrow();
    expect(last(h.eventsOf(s.id), 'toolEnd')).toMatchObject({ status: 'error', output: expect.stringContaining('not now') });
    expect(h.eventsOf(s.id).some((e) => e.type === 'commandApprovalDone' && e.requestId === ask.requestId)).toBe(true);
  });
});

describe('secrets and caching', () => {
  it('a .env file is not read: the model gets a refusal and never the content', async () => {
    h = await startHostHarness([{ steps: [{ toolUse: { name: 'readFile', input: { path: '.env' } } }] }, { steps: [{ text: 'Cannot.' }] }], { '.env': 'TOKEN=sk-live-123456\n' });
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'print .env');
    expect(last(h.eventsOf(s.id), 'toolEnd')).toMatchObject({ status: 'error', output: expect.stringMatching(/secret/) });
    expect(h.fake.requests.map((r) => r.raw).join('')).not.toContain('sk-live-123456');
  });

  it('later turns read the prefix from the cache; the meter adds up per turn and per session', async () => {
    const script: FakeScript = () => ({ steps: [{ text: 'ok' }] });
    h = await startHostHarness(script);
    const s = await h.host.createSession({ role: 'planner' });
    for (const p of ['one', 'two', 'three']) await h.host.prompt(s.id, p);
    const usages = h.eventsOf(s.id).filter((e): e is Extract<AgentStreamEvent, { type: 'usage' }> => e.type === 'usage');
    expect(usages).toHaveLength(3);
    expect(usages[0]!.call.cacheReadTokens).toBe(0);
    expect(usages[1]!.call.cacheReadTokens).toBeGreaterThan(0);
    expect(usages[2]!.call.cacheReadTokens).toBeGreaterThan(usages[1]!.call.cacheReadTokens);
    expect(usages[2]!.session.usage.cacheReadTokens).toBe(usages.reduce((n, u) => n + u.call.cacheReadTokens, 0));
    // Sonnet is in the default price table, so every turn has a cost.
    expect(usages[2]!.session.costUsd).toBeGreaterThan(usages[1]!.session.costUsd!);
    expect((await h.host.listSessions())[0]!.totals.usage.cacheReadTokens).toBe(usages[2]!.session.usage.cacheReadTokens);
  });
});

describe('several sessions at once', () => {
  it('one session answers while another is still streaming; stopping one leaves the other alone', async () => {
    h = await startHostHarness((r) => (JSON.stringify(r.body.messages).includes('slow') ? { steps: [{ text: 'thinking' }, { hang: true }] } : { steps: [{ text: 'quick answer' }] }));
    const slow = await h.host.createSession({ role: 'planner' });
    const quick = await h.host.createSession({ role: 'executor' });
    const slowTurn = h.host.prompt(slow.id, 'slow question');
    await expect.poll(() => h!.eventsOf(slow.id).some((e) => e.type === 'textDelta')).toBe(true);
    expect((await h.host.listSessions()).find((s) => s.id === slow.id)?.running).toBe(true);
    expect((await h.host.prompt(quick.id, 'quick question')).stopReason).toBe('end_turn');
    expect(textOf(h.eventsOf(quick.id))).toBe('quick answer');
    h.host.stop(slow.id);
    expect((await slowTurn).stopReason).toBe('aborted');
    expect(h.eventsOf(quick.id).filter((e) => e.type === 'turnEnd')).toEqual([{ type: 'turnEnd', stopReason: 'end_turn' }]);
  });
});

describe('unexpected failures', () => {
  it('a turn whose session file cannot be written ends with an error the pane can show, not a hang', async () => {
    h = await startHostHarness([{ steps: [{ text: 'never' }] }]);
    const s = await h.host.createSession({ role: 'executor' });
    await rm(join(h.userData, 'sessions'), { recursive: true, force: true });
    const result = await h.host.prompt(s.id, 'hi');
    expect(result).toMatchObject({ stopReason: 'error', error: expect.stringContaining('The turn failed') });
    expect(h.eventsOf(s.id).at(-1)).toMatchObject({ type: 'turnEnd', stopReason: 'error', error: { kind: 'internal' } });
    expect((await h.host.listSessions())[0]?.running).toBe(false);
  });
});

/** How many processes on this machine have exactly this command line (arguments joined by NUL). */
async function processesRunning(cmdline: string): Promise<number> {
  let count = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const text = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (text.replace(/\0$/, '') === cmdline) count += 1;
  }
  return count;
}
