import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStreamEvent } from '../../../protocol';
import { startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const GREET = "export const greet = () => 'Hello';\n";
const editScript = [
  { steps: [{ text: 'Reading it.' }, { toolUse: { name: 'readFile', input: { path: 'src/greet.ts' } } }] },
  { steps: [{ toolUse: { name: 'strReplace', input: { path: 'src/greet.ts', oldStr: "'Hello'", newStr: "'Hello, world'" } } }] },
  { steps: [{ text: 'I changed the greeting.' }] },
];

function only<T extends AgentStreamEvent['type']>(events: AgentStreamEvent[], type: T): Extract<AgentStreamEvent, { type: T }>[] {
  return events.filter((e): e is Extract<AgentStreamEvent, { type: T }> => e.type === type);
}

describe('AgentHost (Supervised)', () => {
  it('a turn reads a file and proposes an edit: changeset registered with counts, disk untouched until accepted', async () => {
    h = await startHostHarness(editScript, { 'src/greet.ts': GREET });
    const s = await h.host.createSession({ role: 'executor', mode: 'supervised' });
    const result = await h.host.prompt(s.id, 'Make it say hello world');

    expect(result.stopReason).toBe('end_turn');
    const events = h.eventsOf(s.id);
    expect(only(events, 'toolEnd').map((e) => [e.name, e.status])).toEqual([
      ['readFile', 'success'],
      ['strReplace', 'success'],
    ]);
    const [changeset] = only(events, 'changeset');
    expect(changeset).toMatchObject({ changesetId: result.changesetId, applied: false, files: [{ path: 'src/greet.ts', kind: 'modify', added: 1, removed: 1 }] });
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
    // The changeset event comes before the turn's end, so the pane can show it with the answer.
    expect(events.map((e) => e.type).slice(-2)).toEqual(['changeset', 'turnEnd']);

    await h.host.acceptChangeset(result.changesetId!);
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe("export const greet = () => 'Hello, world';\n");
    expect(only(h.eventsOf(s.id), 'changesetSettled')).toEqual([{ type: 'changesetSettled', changesetId: result.changesetId, status: 'applied' }]);
  });

  it('numbers events per session and replays them for a reattaching pane', async () => {
    h = await startHostHarness([{ steps: [{ text: 'one' }] }, { steps: [{ text: 'two' }] }]);
    const a = await h.host.createSession({ role: 'executor' });
    const b = await h.host.createSession({ role: 'planner' });
    await h.host.prompt(a.id, 'first');
    await h.host.prompt(b.id, 'second');
    const seqs = h.events.filter((e) => e.sessionId === a.id).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const history = await h.host.history(a.id);
    expect(history.lastSeq).toBe(seqs.length);
    expect(history.events.filter((e) => e.type !== 'textDelta')).toEqual(h.eventsOf(a.id).filter((e) => e.type !== 'textDelta'));
    expect(only(history.events, 'textDelta')).toEqual([{ type: 'textDelta', text: 'one' }]);
    expect(only(history.events, 'turnStart')[0]).toMatchObject({ text: 'first' });
  });
});

describe('review origin', () => {
  it("a task's session registers its changeset as coming from that task", async () => {
    const registered: unknown[] = [];
    h = await startHostHarness(editScript, { 'src/greet.ts': GREET }, {
      review: () => ({
        register: (input) => {
          registered.push({ source: input.source, files: input.changeset.list().map((c) => c.path), summary: input.summary });
          return { id: 'r1', settled: new Promise(() => {}) };
        },
      }),
    });
    const s = await h.host.createSession({ role: 'executor', origin: { kind: 'task', specDir: '.kiro/specs/greet', taskId: '2.1' } });
    expect((await h.host.prompt(s.id, 'Do task 2.1')).changesetId).toBe('r1');
    // The review's summary is what the agent said it did, not the prompt.
    expect(registered).toEqual([
      { source: { kind: 'task', specDir: '.kiro/specs/greet', taskId: '2.1', sessionId: s.id }, files: ['src/greet.ts'], summary: 'I changed the greeting.' },
    ]);
  });
});

describe('Supervised search', () => {
  it("grepSearch through the fast (disk) search still finds the agent's pending edit and not the text it replaced", async () => {
    const { readFile: read } = await import('node:fs/promises');
    let root = '';
    // What the Search view's ripgrep does: reads the disk only.
    const diskSearch = {
      search: async ({ pattern }: { pattern: string }) => {
        const text = await read(join(root, 'src/greet.ts'), 'utf8');
        return text.split('\n').flatMap((line, i) => (new RegExp(pattern, 'i').test(line) ? [{ path: 'src/greet.ts', line: i + 1, text: line }] : []));
      },
    };
    h = await startHostHarness(
      [
        { steps: [{ toolUse: { name: 'strReplace', input: { path: 'src/greet.ts', oldStr: "'Hello'", newStr: "'Howdy'" } } }] },
        { steps: [{ toolUse: { name: 'grepSearch', input: { query: 'Howdy|Hello' } } }] },
        { steps: [{ text: 'Checked.' }] },
      ],
      { 'src/greet.ts': GREET },
      { search: diskSearch },
    );
    root = h.root;
    const s = await h.host.createSession({ role: 'executor', mode: 'supervised' });
    await h.host.prompt(s.id, 'Say howdy');
    const grep = only(h.eventsOf(s.id), 'toolEnd').find((e) => e.name === 'grepSearch');
    expect(grep?.output).toBe("src/greet.ts:1: export const greet = () => 'Howdy';");
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe(GREET);
  });
});

describe('Supervised changes across turns', () => {
  it('the next turn reads the edit still waiting for review and builds on it; accepted in order, both land', async () => {
    h = await startHostHarness(
      [
        { steps: [{ toolUse: { name: 'strReplace', input: { path: 'src/greet.ts', oldStr: "'Hello'", newStr: "'Howdy'" } } }] },
        { steps: [{ text: 'Done.' }] },
        { steps: [{ toolUse: { name: 'readFile', input: { path: 'src/greet.ts' } } }] },
        { steps: [{ toolUse: { name: 'strReplace', input: { path: 'src/greet.ts', oldStr: "'Howdy'", newStr: "'Howdy, partner'" } } }] },
        { steps: [{ text: 'Done too.' }] },
      ],
      { 'src/greet.ts': GREET },
    );
    const s = await h.host.createSession({ role: 'executor', mode: 'supervised' });
    const first = await h.host.prompt(s.id, 'Say howdy');
    const second = await h.host.prompt(s.id, 'Add partner');
    const read = only(h.eventsOf(s.id), 'toolEnd').find((e) => e.name === 'readFile');
    expect(read?.output).toBe("export const greet = () => 'Howdy';\n");
    // The second changeset is only the second turn's step.
    const cards = only(h.eventsOf(s.id), 'changeset');
    expect(cards.map((c) => c.files.map((f) => [f.path, f.added, f.removed]))).toEqual([[['src/greet.ts', 1, 1]], [['src/greet.ts', 1, 1]]]);
    await h.host.acceptChangeset(first.changesetId!);
    await h.host.acceptChangeset(second.changesetId!);
    expect(await readFile(join(h.root, 'src/greet.ts'), 'utf8')).toBe("export const greet = () => 'Howdy, partner';\n");
  });

  it('once a change is settled (rejected), later turns read the disk again', async () => {
    h = await startHostHarness(
      [
        { steps: [{ toolUse: { name: 'strReplace', input: { path: 'src/greet.ts', oldStr: "'Hello'", newStr: "'Howdy'" } } }] },
        { steps: [{ text: 'Done.' }] },
        { steps: [{ toolUse: { name: 'readFile', input: { path: 'src/greet.ts' } } }] },
        { steps: [{ text: 'Read.' }] },
      ],
      { 'src/greet.ts': GREET },
    );
    const s = await h.host.createSession({ role: 'executor', mode: 'supervised' });
    const first = await h.host.prompt(s.id, 'Say howdy');
    await h.host.rejectChangeset(first.changesetId!);
    await new Promise((r) => setImmediate(r));
    await h.host.prompt(s.id, 'Read it');
    expect(only(h.eventsOf(s.id), 'toolEnd').find((e) => e.name === 'readFile')?.output).toBe(GREET);
  });
});
