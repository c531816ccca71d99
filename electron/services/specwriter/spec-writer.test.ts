import { describe, expect, it } from 'vitest';
import type { EventName, EventOf } from '../../../protocol';
import { BUGFIX, DESIGN, REQUIREMENTS, TASKS } from '../../../e2e/fixtures/specwriter/documents';
import { MemoryPhaseStore } from './phase-store';
import type { Planner, PlannerResult, PlannerRun } from './planner';
import { INCOMPLETE_MARK, SpecWriter, type SpecFiles } from './spec-writer';

/** A planner that answers each phase from a table, streaming in two halves; `hold` keeps a phase open for Stop. */
class ScriptedPlanner implements Planner {
  readonly prompts: string[] = [];
  hold = false;
  constructor(private readonly docs: Record<string, string>) {}
  async write(run: PlannerRun): Promise<PlannerResult> {
    this.prompts.push(run.prompt);
    const kind = /^Phase: (\w+)/.exec(run.prompt)?.[1] ?? '';
    const doc = this.docs[kind] ?? '';
    run.onText(doc.slice(0, doc.length >> 1));
    if (this.hold) {
      await new Promise((resolve) => run.signal.addEventListener('abort', resolve, { once: true }));
      return { stopReason: 'aborted', text: doc.slice(0, doc.length >> 1) };
    }
    run.onText(doc);
    return { stopReason: 'end_turn', text: doc };
  }
}

function setup(docs: Record<string, string> = { requirements: REQUIREMENTS, design: DESIGN, tasks: TASKS, bugfix: BUGFIX }) {
  const disk = new Map<string, string>();
  const files: SpecFiles = {
    read: async (p) => disk.get(p),
    write: async (p, t) => void disk.set(p, t),
    exists: async (p) => [...disk.keys()].some((k) => k === p || k.startsWith(p + '/')),
  };
  const events: { name: string; payload: unknown }[] = [];
  const emit = <E extends EventName>(name: E, payload: EventOf<E>) => void events.push({ name, payload });
  const planner = new ScriptedPlanner(docs);
  const store = new MemoryPhaseStore();
  const make = () => new SpecWriter({ files, planner, store, emit, textIntervalMs: 0 });
  return { disk, events, planner, store, writer: make(), make };
}

/** Waits for the phase being written to end (the service runs the planner in the background). */
async function settled(writer: SpecWriter, dir: string) {
  for (;;) {
    const s = (await writer.list()).find((x) => x.dir === dir)!;
    if (s.phases[s.current]?.status !== 'writing') return s;
    await new Promise((r) => setTimeout(r, 1));
  }
}

const dir = '.kiro/specs/due-dates';
const start = { name: 'due-dates', type: 'feature' as const, workflow: 'requirements-first' as const, prompt: 'Todos get due dates.' };

describe('SpecWriter', () => {
  it('writes a spec through its three phases, each building on the approved (and user-edited) documents', async () => {
    const { writer, disk, planner, events } = setup();
    const first = await writer.start(start);
    expect(first.phases[0]?.status).toBe('writing');
    expect(disk.get(`${dir}/.config.kiro`)).toMatch(/^\{"specId": "[0-9a-f-]{36}", "workflowType": "requirements-first", "specType": "feature"\}$/);
    let s = await settled(writer, dir);
    expect(s.phases[0]).toMatchObject({ status: 'review', edited: false, problems: [] });
    expect(disk.get(`${dir}/requirements.md`)).toBe(REQUIREMENTS);
    // The editor saw the document grow before it landed on disk.
    const texts = events.filter((e) => e.name === 'specwriter/text').map((e) => (e.payload as { text: string }).text);
    expect(texts[0]).toBe(REQUIREMENTS.slice(0, REQUIREMENTS.length >> 1));
    expect(texts.at(-1)).toBe(REQUIREMENTS);

    // The user edits a criterion and saves; approving builds the design on the edited text.
    disk.set(`${dir}/requirements.md`, REQUIREMENTS.replace('store the date with the todo', 'store the date in UTC'));
    await writer.approve(dir);
    s = await settled(writer, dir);
    expect(planner.prompts[1]).toContain('store the date in UTC');
    expect(s.phases.map((p) => p.status)).toEqual(['approved', 'review', 'pending']);
    await writer.approve(dir);
    s = await settled(writer, dir);
    expect(planner.prompts[2]).toContain('store the date in UTC');
    expect(planner.prompts[2]).toContain(DESIGN);
    expect(disk.get(`${dir}/tasks.md`)).toBe(TASKS);
    s = await writer.approve(dir);
    expect(s.current).toBe(3);
    expect(s.phases.every((p) => p.status === 'approved')).toBe(true);
  });

  it('refine rewrites the current phase only, from the draft and the feedback', async () => {
    const { writer, planner, disk } = setup();
    await writer.start(start);
    await settled(writer, dir);
    await writer.refine(dir, 'Add sorting.');
    const s = await settled(writer, dir);
    expect(planner.prompts[1]).toContain('<feedback>\nAdd sorting.\n</feedback>');
    expect(planner.prompts[1]).toContain(`<current-draft path="requirements.md">\n${REQUIREMENTS}`);
    expect(s.phases[0]?.status).toBe('review');
    expect(disk.get(`${dir}/requirements.md`)).toBe(REQUIREMENTS);
  });

  it('never overwrites a document the user edited without asking', async () => {
    const { writer, disk, planner } = setup();
    await writer.start(start);
    await settled(writer, dir);
    const mine = REQUIREMENTS + '\nMy own note.\n';
    disk.set(`${dir}/requirements.md`, mine);
    await writer.filesChanged([`${dir}/requirements.md`]);
    expect((await writer.list())[0]?.phases[0]?.edited).toBe(true);
    await expect(writer.refine(dir, 'shorter')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/You edited/) });
    expect(disk.get(`${dir}/requirements.md`)).toBe(mine);
    expect(planner.prompts).toHaveLength(1);
    await writer.refine(dir, 'shorter', true);
    await settled(writer, dir);
    expect(planner.prompts[1]).toContain('My own note.'); // the rewrite starts from the user's version
  });

  it('Stop keeps what was streamed, marked incomplete, and the state says stopped', async () => {
    const { writer, disk, planner } = setup();
    planner.hold = true;
    await writer.start(start);
    await new Promise((r) => setTimeout(r, 5));
    const s = await writer.stop(dir);
    expect(s.phases[0]?.status).toBe('stopped');
    expect(disk.get(`${dir}/requirements.md`)).toBe(`${REQUIREMENTS.slice(0, REQUIREMENTS.length >> 1).trimEnd()}\n\n${INCOMPLETE_MARK}\n`);
    // Refining it again does not feed the marker back to the model.
    planner.hold = false;
    await writer.refine(dir, '');
    await settled(writer, dir);
    expect(planner.prompts[1]).not.toContain(INCOMPLETE_MARK);
    expect(disk.get(`${dir}/requirements.md`)).toBe(REQUIREMENTS);
  });

  it('shows broken output as problems and asks before approving it', async () => {
    const { writer } = setup({ requirements: '# Requirements Document\n\nI could not find the todo code.\n' });
    await writer.start(start);
    const s = await settled(writer, dir);
    expect(s.phases[0]?.problems.map((p) => p.code)).toContain('specwriter/no-requirements');
    await expect(writer.approve(dir)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Approve anyway\? .*requirements\.md has 1 error/) });
    expect((await writer.approve(dir, true)).phases[0]?.status).toBe('approved');
  });

  it('a model failure is reported on the phase, with nothing written over the document', async () => {
    const { writer, disk } = setup({});
    await writer.start(start);
    const s = await settled(writer, dir);
    expect(s.phases[0]).toMatchObject({ status: 'failed', error: 'The planner answered without a document.' });
    expect(disk.get(`${dir}/requirements.md`)).toBe('');
  });

  it('the phase state survives a restart; a phase cut off mid-stream comes back stopped', async () => {
    const { writer, make, planner } = setup();
    await writer.start(start);
    await settled(writer, dir);
    await writer.approve(dir);
    await settled(writer, dir);
    const again = make();
    expect((await again.list())[0]?.phases.map((p) => p.status)).toEqual(['approved', 'review', 'pending']);

    planner.hold = true;
    await again.refine(dir, 'more detail');
    const third = make(); // a new process: the running phase of the old one is gone
    expect((await third.list())[0]?.phases[1]?.status).toBe('stopped');
    await again.dispose();
  });

  it('a bugfix spec starts with bugfix.md; an existing spec folder is refused', async () => {
    const { writer, disk } = setup();
    await writer.start({ ...start, name: 'blank-todo', type: 'bugfix', prompt: 'Empty titles make blank todos.' });
    const s = await settled(writer, '.kiro/specs/blank-todo');
    expect(s.phases[0]).toMatchObject({ kind: 'bugfix', status: 'review', problems: [] });
    expect(disk.get('.kiro/specs/blank-todo/bugfix.md')).toBe(BUGFIX);
    expect(disk.get('.kiro/specs/blank-todo/.config.kiro')).toContain('"specType": "bugfix"');
    await expect(writer.start({ ...start, name: 'blank-todo' })).rejects.toMatchObject({ code: 'EXISTS' });
  });
});

describe('SpecWriter refusals', () => {
  it('a move the state does not allow is refused as a bad request, not as a question for the user', async () => {
    const { writer, planner } = setup();
    planner.hold = true;
    await writer.start(start);
    await expect(writer.approve(dir, true)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/still writing the requirements/) });
    await expect(writer.refine(dir, 'x', true)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await writer.stop(dir);
    await expect(writer.stop(dir)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(writer.approve('.kiro/specs/nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('SpecWriter after a restart', () => {
  it('re-checks the documents edited while Keel was closed', async () => {
    const { writer, make, disk } = setup();
    await writer.start(start);
    await settled(writer, dir);
    disk.set(`${dir}/requirements.md`, REQUIREMENTS.replace('### Requirement 2: Show late todos', '### Requirement 3: Show late todos'));
    const phase = (await make().list())[0]!.phases[0]!;
    expect(phase.edited).toBe(true);
    expect(phase.problems.map((p) => p.code)).toContain('trace/numbering-gap');
  });

  it('two approvals at once advance one phase, not two', async () => {
    const { writer } = setup();
    await writer.start(start);
    await settled(writer, dir);
    const results = await Promise.allSettled([writer.approve(dir), writer.approve(dir)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await writer.list())[0]?.current).toBe(1);
  });
});

describe('SpecWriter design-first', () => {
  it('writes the design from the request, then requirements derived from the approved design, then tasks', async () => {
    const { writer, planner, disk } = setup();
    const first = await writer.start({ ...start, workflow: 'design-first' });
    expect(first.phases.map((p) => p.kind)).toEqual(['design', 'requirements', 'tasks']);
    expect(disk.get(`${dir}/.config.kiro`)).toContain('"workflowType": "design-first"');
    await settled(writer, dir);
    await writer.approve(dir);
    await settled(writer, dir);
    expect(planner.prompts[1]).toMatch(/^Phase: requirements/);
    expect(planner.prompts[1]).toContain(`<approved-document path="${dir}/design.md">\n${DESIGN}`);
    expect(planner.prompts[1]).toMatch(/Derive the requirements from the approved design/);
    await writer.approve(dir);
    await settled(writer, dir);
    expect(planner.prompts[2]).toMatch(/^Phase: tasks/);
    expect(disk.get(`${dir}/tasks.md`)).toBe(TASKS);
  });
});
