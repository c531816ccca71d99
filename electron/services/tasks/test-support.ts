// Test support for the task runner: the agent library on the fake Bedrock as the executor, a scripted reviewer, a
// scripted command approval, a workspace copy of a small spec. Not part of the runtime.
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AgentSession, BedrockProvider, Changeset, countLines, type CheckpointHook } from '../../../agent';
import { createNodeToolContext, NodeWorkspace } from '../../../agent/node';
import { startFakeBedrock, type FakeBedrock, type FakeResponse } from '../../../e2e/fixtures/fake-bedrock';
import { WorkspaceFs } from '../workspace/workspace-fs';
import type { FileSummary } from './journal-records';
import type { CommandApproval, Executor, ExecutorRequest, ExecutorResult, ReviewOutcome, ReviewPort } from './ports';

export const MODEL = 'us.amazon.nova-pro-v1:0';

/** The agent library as the executor, as H1's agent host runs it: one session per task, the request's context. */
export class LibraryExecutor implements Executor {
  readonly sessions: AgentSession[] = [];

  constructor(
    private readonly root: string,
    private readonly fake: Pick<FakeBedrock, 'url'>,
  ) {}

  async run(request: ExecutorRequest): Promise<ExecutorResult> {
    const originals = new Map<string, string | null>();
    const ws = await NodeWorkspace.open(this.root);
    const checkpoint: CheckpointHook = {
      beforeApply: async (paths) => {
        for (const p of paths) if (!originals.has(p)) originals.set(p, (await ws.stat(p)) ? await ws.readFile(p) : null);
      },
    };
    const setup = await createNodeToolContext({ root: this.root, mode: request.mode, checkpoint, changeset: new Changeset() });
    const provider = new BedrockProvider({ region: 'us-east-1', endpoint: this.fake.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
    const session = await AgentSession.create({
      provider,
      modelId: MODEL,
      system: [request.context.instructions, ...request.context.steering],
      specDocuments: request.context.specDocuments,
      toolContext: setup.context,
      changeset: setup.changeset,
      clock: { now: () => 0, sleep: async () => undefined },
      random: () => 0.5,
    });
    this.sessions.push(session);
    request.onEvent({ type: 'session', sessionId: session.id });
    const result = await session.runTurn(request.context.prompt, {
      signal: request.signal,
      onEvent: (e) => {
        if (e.type === 'usage') request.onEvent({ type: 'usage', modelId: e.modelId, usage: e.call });
        if (e.type === 'toolStart') request.onEvent({ type: 'tool', name: e.name, summary: JSON.stringify(e.input).slice(0, 80) });
      },
    });
    const written: FileSummary[] = [];
    for (const [path, original] of originals) {
      const now = (await ws.stat(path)) ? await ws.readFile(path) : null;
      const { added, removed } = countLines(original ?? '', now ?? '');
      written.push({ path, kind: original === null ? 'add' : now === null ? 'delete' : 'modify', added, removed });
    }
    return {
      sessionId: session.id,
      stopReason: result.stopReason,
      text: result.text,
      ...(result.error ? { error: result.error.message } : {}),
      ...(request.mode === 'supervised' ? { changeset: setup.changeset } : { written }),
    };
  }
}

/** A reviewer that decides each registered change with `decide` (default: accept everything). */
export class ScriptedReview implements ReviewPort {
  readonly registered: { id: string; summary: string; taskId: string; paths: string[] }[] = [];
  readonly discarded: string[] = [];
  private readonly pending = new Map<string, { changeset: Changeset; resolve: (o: ReviewOutcome) => void }>();

  constructor(
    private readonly root: string,
    private readonly decide: (index: number) => 'accept' | 'reject' | 'hold' = () => 'accept',
  ) {}

  register(input: Parameters<ReviewPort['register']>[0]): { id: string; settled: Promise<ReviewOutcome> } {
    const id = `review-${this.registered.length + 1}`;
    const index = this.registered.length;
    this.registered.push({ id, summary: input.summary, taskId: input.source.taskId, paths: input.changeset.list().map((c) => c.path) });
    const settled = new Promise<ReviewOutcome>((resolve) => this.pending.set(id, { changeset: input.changeset, resolve }));
    const decision = this.decide(index);
    if (decision !== 'hold') void this.settle(id, decision);
    return { id, settled };
  }

  whenSettled(id: string): Promise<ReviewOutcome> {
    return Promise.reject(new Error(`ScriptedReview registers its own reviews; ${id} is unknown`));
  }

  async discard(id: string): Promise<ReviewOutcome | undefined> {
    this.discarded.push(id);
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    const outcome: ReviewOutcome = { status: 'discarded', files: entry.changeset.list().map((c) => ({ path: c.path, hunksApplied: 0, hunksTotal: 1 })) };
    entry.resolve(outcome);
    return outcome;
  }

  /** Decides a held review as the user would: accept applies every change, reject applies nothing. */
  async settle(id: string, decision: 'accept' | 'reject'): Promise<void> {
    const entry = this.pending.get(id);
    if (!entry) throw new Error(`No pending review ${id}`);
    const { changeset, resolve } = entry;
    this.pending.delete(id);
    const files = changeset.list().map((c) => ({ path: c.path, hunksTotal: 1, hunksApplied: decision === 'accept' ? 1 : 0 }));
    if (decision === 'accept') await changeset.accept(await NodeWorkspace.open(this.root));
    resolve({ status: decision === 'accept' ? 'applied' : 'rejected', files });
  }
}

export class ScriptedApproval implements CommandApproval {
  readonly asked: string[] = [];
  constructor(private readonly answer: { run: boolean; reason?: string } = { run: true }) {}
  async ask(request: { command: string }): Promise<{ run: boolean; command: string; reason?: string }> {
    this.asked.push(request.command);
    return { ...this.answer, command: request.command };
  }
}

export const SPEC_DIR = '.kiro/specs/demo';

export const DEMO_TASKS = `# Implementation Plan

- [ ] 1. Create the greeting module
  - Export \`greet(name)\` from \`src/greet.js\`
  - _Requirements: 1.1_

- [ ] 2. Shout support
  - [ ] 2.1 Add \`shout(name)\`
    - _Requirements: 1.2_
  - [ ] 2.2 Add \`whisper(name)\`
    - Run: \`node check.js\`

- [ ]* 3. Optional polish
`;

export const DEMO_REQUIREMENTS = `# Requirements Document

## Requirements

### Requirement 1: Greet

**User Story:** As a user, I want a greeting, so that I feel welcome.

#### Acceptance Criteria

1. WHEN greet is called THE module SHALL return "Hello, <name>".
2. WHEN shout is called THE module SHALL return the greeting in capitals.
`;

/** A workspace with the demo spec (or the repo's example project), a user data dir, the fake Bedrock. */
export async function demoWorkspace(files: Record<string, string> = {}): Promise<{ root: string; userData: string; ws: WorkspaceFs }> {
  const base = await mkdtemp(join(tmpdir(), 'keel-tasks-'));
  const root = join(base, 'repo');
  const userData = join(base, 'user-data');
  const all: Record<string, string> = {
    [`${SPEC_DIR}/tasks.md`]: DEMO_TASKS,
    [`${SPEC_DIR}/requirements.md`]: DEMO_REQUIREMENTS,
    [`${SPEC_DIR}/design.md`]: '# Design\n\nOne module, `src/greet.js`.\n',
    '.kiro/steering/tech.md': '---\ninclusion: always\n---\n# Tech\n\nPlain Node.js.\n',
    'check.js': 'process.exit(0);\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return { root, userData, ws: await WorkspaceFs.open(root) };
}

export async function copyOf(from: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keel-tasks-copy-'));
  await cp(from, dir, { recursive: true });
  return dir;
}

export const readTasks = (root: string, specDir = SPEC_DIR): Promise<string> => readFile(join(root, specDir, 'tasks.md'), 'utf8');

/** A model turn that writes one file and ends with a summary. */
export function writesFile(path: string, content: string, summary = `Wrote ${path}.`): FakeResponse[] {
  return [{ steps: [{ toolUse: { name: 'fsWrite', input: { path, text: content } } }] }, { steps: [{ text: summary }] }];
}

export { startFakeBedrock };
