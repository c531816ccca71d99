import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStreamEvent } from '../../../protocol';
import { startHostHarness, type HostHarness } from './test-support';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Msg = { role: string; content: Array<{ text?: string }> };
const userTexts = (body: Record<string, unknown>) =>
  (body.messages as Msg[]).filter((m) => m.role === 'user').flatMap((m) => m.content.flatMap((c) => (c.text ? [c.text] : [])));

describe('sessions survive a restart', () => {
  it('a new host lists the session, shows its history and continues the conversation', async () => {
    h = await startHostHarness([{ steps: [{ text: 'First answer.' }] }, { steps: [{ text: 'Second answer.' }] }]);
    const s = await h.host.createSession({ role: 'planner', title: 'Plan the login' });
    await h.host.prompt(s.id, 'first question');
    await h.host.dispose();

    const restarted = h.restart();
    const listed = await restarted.listSessions();
    expect(listed).toEqual([expect.objectContaining({ id: s.id, title: 'Plan the login', role: 'planner', open: false })]);
    const history = await restarted.history(s.id);
    expect(history.session).toMatchObject({ open: true, running: false, title: 'Plan the login' });
    expect(history.events.map((e) => e.type)).toEqual(['turnStart', 'textDelta', 'usage', 'turnEnd']);
    expect(history.events[0]).toMatchObject({ type: 'turnStart', text: 'first question' });

    const before = h.events.length;
    await restarted.prompt(s.id, 'second question');
    expect(userTexts(h.fake.requests[1]!.body)).toEqual(['first question', 'second question']);
    // Numbering continues after the replayed events, so the pane that loaded the history misses nothing.
    expect(h.events.slice(before).map((e) => e.seq)[0]).toBe(history.lastSeq + 1);
  });

  it('an untitled session is named by its first prompt, in the tab and in the saved list after a restart', async () => {
    h = await startHostHarness([{ steps: [{ text: 'ok' }] }, { steps: [{ text: 'ok' }] }]);
    const s = await h.host.createSession({ role: 'executor' });
    expect(s.title).toBe('New chat');
    await h.host.prompt(s.id, 'Why does the login form reject valid emails when they contain a plus sign?\nMore detail.', { chips: [{ kind: 'gitDiff' }] });
    const title = 'Why does the login form reject valid emails when they…';
    expect((await h.host.listSessions())[0]).toMatchObject({ title });
    await h.host.prompt(s.id, 'second prompt');
    expect((await h.host.listSessions())[0]).toMatchObject({ title });
    await h.host.dispose();
    expect((await h.restart().listSessions())[0]).toMatchObject({ id: s.id, title, open: false });
  });

  it('closing unloads a session but keeps it on disk to open again', async () => {
    h = await startHostHarness([{ steps: [{ text: 'hi' }] }]);
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'hello');
    await h.host.closeSession(s.id);
    expect((await h.host.listSessions())[0]).toMatchObject({ id: s.id, open: false });
    expect(await h.host.openSession(s.id)).toMatchObject({ id: s.id, open: true });
  });
});

describe('Autopilot and checkpoints', () => {
  it('applies edits at once, and restoring the checkpoint brings back files and conversation', async () => {
    h = await startHostHarness(
      [
        { steps: [{ toolUse: { name: 'fsWrite', input: { path: 'notes.md', text: 'agent was here\n' } } }] },
        { steps: [{ toolUse: { name: 'strReplace', input: { path: 'app.ts', oldStr: 'v1', newStr: 'v2' } } }] },
        { steps: [{ text: 'Done.' }] },
        { steps: [{ text: 'Fresh start.' }] },
      ],
      { 'app.ts': 'const version = "v1";\n' },
    );
    const s = await h.host.createSession({ role: 'executor', mode: 'autopilot' });
    const result = await h.host.prompt(s.id, 'bump the version and leave a note');
    expect(await readFile(join(h.root, 'app.ts'), 'utf8')).toBe('const version = "v2";\n');
    expect(await readFile(join(h.root, 'notes.md'), 'utf8')).toBe('agent was here\n');
    const events = h.eventsOf(s.id);
    expect(events.find((e) => e.type === 'changeset')).toMatchObject({
      changesetId: result.changesetId,
      applied: true,
      files: [
        { path: 'app.ts', kind: 'modify', added: 1, removed: 1 },
        { path: 'notes.md', kind: 'add', added: 1, removed: 0 },
      ],
    });
    const start = events.find((e): e is Extract<AgentStreamEvent, { type: 'turnStart' }> => e.type === 'turnStart')!;
    expect(start.checkpointId).toMatch(/^[0-9a-f]{40}$/);

    // The user's own edit after the turn is part of what a restore rolls back (and kept in the shadow history).
    await writeFile(join(h.root, 'app.ts'), 'const version = "v3";\n');
    await h.host.restoreCheckpoint(s.id, start.checkpointId!);
    expect(await readFile(join(h.root, 'app.ts'), 'utf8')).toBe('const version = "v1";\n');
    await expect(readFile(join(h.root, 'notes.md'))).rejects.toThrow();
    expect(h.eventsOf(s.id).at(-1)).toEqual({ type: 'restored', checkpointId: start.checkpointId, turn: 1 });

    // The conversation is back to before that prompt: the next request carries only the new one.
    await h.host.prompt(s.id, 'start over');
    expect(userTexts(h.fake.requests.at(-1)!.body)).toEqual(['start over']);
    // …also after a restart.
    await h.host.dispose();
    const again = h.restart();
    await again.openSession(s.id);
    const reopened = (await again.history(s.id)).events;
    expect(reopened.some((e) => e.type === 'restored')).toBe(true);
    // The Restore button of the first prompt survives the restart.
    expect(reopened.find((e) => e.type === 'turnStart')).toMatchObject({ turn: 1, checkpointId: start.checkpointId });
  });

  it('Autopilot writes nothing when no checkpoint can be taken, and says why', async () => {
    h = await startHostHarness(
      [{ steps: [{ toolUse: { name: 'fsWrite', input: { path: 'a.txt', text: 'changed' } } }] }, { steps: [{ text: 'Could not write.' }] }],
      { 'a.txt': 'original' },
    );
    // A file where the checkpoint folder should be: git cannot create the shadow repository.
    await mkdir(h.userData, { recursive: true });
    await writeFile(join(h.userData, 'checkpoints'), 'in the way');
    const s = await h.host.createSession({ role: 'executor', mode: 'autopilot' });
    await h.host.prompt(s.id, 'change a.txt');
    expect(await readFile(join(h.root, 'a.txt'), 'utf8')).toBe('original');
    const events = h.eventsOf(s.id);
    expect(events.find((e) => e.type === 'turnStart')).not.toHaveProperty('checkpointId');
    expect(events.find((e) => e.type === 'toolEnd')).toMatchObject({ status: 'error', output: expect.stringContaining('Autopilot needs a checkpoint') });
  });

  it('the shadow repository lives in user data, never in the workspace', async () => {
    h = await startHostHarness([{ steps: [{ text: 'ok' }] }], { 'a.txt': 'a' });
    const s = await h.host.createSession({ role: 'executor' });
    await h.host.prompt(s.id, 'hi');
    await expect(readFile(join(h.root, '.git', 'HEAD'))).rejects.toThrow();
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(h.root)).toEqual(['a.txt']);
    expect((await readdir(join(h.userData, 'checkpoints'))).length).toBe(1);
  });
});
