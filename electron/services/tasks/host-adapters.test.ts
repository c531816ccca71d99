import { describe, expect, it } from 'vitest';
import type { AgentSessionInfo, AgentStreamEvent } from '../../../protocol';
import { AgentHostExecutor, reviewPort, type AgentHostLike, type ChangeReviewLike } from './host-adapters';
import type { ExecutorEvent, ReviewOutcome } from './ports';

const APPLIED: ReviewOutcome = { status: 'applied', files: [{ path: 'a.js', hunksApplied: 1, hunksTotal: 1 }] };

function reviews(status: string, outcome?: ReviewOutcome) {
  const listeners: ((e: { id: string; outcome: ReviewOutcome }) => void)[] = [];
  const service: ChangeReviewLike = {
    register: () => ({ id: 'x', settled: Promise.resolve(APPLIED) }),
    get: async () => ({ status, ...(outcome ? { outcome } : {}) }),
    onDidSettle: (l) => {
      listeners.push(l);
      return { dispose: () => listeners.splice(listeners.indexOf(l), 1) };
    },
    discard: async () => ({ status: 'discarded', files: [] }),
  };
  return { service, settle: (id: string, o: ReviewOutcome) => [...listeners].forEach((l) => l({ id, outcome: o })), listeners };
}

describe('reviewPort.whenSettled', () => {
  it('resolves with the outcome when the review settles later, ignoring other reviews', async () => {
    const r = reviews('pending');
    const settled = reviewPort(() => r.service).whenSettled('cs-1');
    await Promise.resolve();
    r.settle('cs-2', { status: 'rejected', files: [] });
    r.settle('cs-1', APPLIED);
    await expect(settled).resolves.toEqual(APPLIED);
    expect(r.listeners).toHaveLength(0);
  });

  it('resolves at once when the review was decided before the runner listened', async () => {
    const r = reviews('applied', APPLIED);
    await expect(reviewPort(() => r.service).whenSettled('cs-1')).resolves.toEqual(APPLIED);
  });
});

describe('AgentHostExecutor', () => {
  it('runs one executor session with the spec context and reads its last turn: summary, tools, usage, review', async () => {
    const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 0 };
    const events: AgentStreamEvent[] = [
      { type: 'turnStart', turn: 1, text: 'p', chips: [] },
      { type: 'textDelta', text: 'Let me look.' },
      { type: 'toolStart', toolUseId: 't1', name: 'fsWrite', input: { path: 'src/a.js', text: 'x' } },
      { type: 'usage', modelId: 'm', call: usage, turn: { usage, costUsd: 0.01 }, session: { usage, costUsd: 0.01 } },
      { type: 'textDelta', text: 'Added ' },
      { type: 'textDelta', text: 'a.js.' },
      { type: 'usage', modelId: 'm', call: usage, turn: { usage, costUsd: 0.02 }, session: { usage, costUsd: 0.02 } },
      { type: 'changeset', changesetId: 'cs-9', applied: false, files: [{ path: 'src/a.js', kind: 'add', added: 1, removed: 0 }] },
    ];
    const created: unknown[] = [];
    const info = { id: 's1', totals: { usage, costUsd: 0.02 } } as unknown as AgentSessionInfo;
    const host: AgentHostLike = {
      createSession: async (opts) => (created.push(opts), info),
      prompt: async () => ({ stopReason: 'end_turn', changesetId: 'cs-9' }),
      history: async () => ({ session: info, events }),
    };
    const seen: ExecutorEvent[] = [];
    const result = await new AgentHostExecutor(() => host).run({
      specDir: '.kiro/specs/x',
      taskId: '1',
      title: '1 Add a',
      context: { instructions: 'INSTR', steering: ['STEER'], specDocuments: ['REQ', 'DESIGN'], prompt: 'p' },
      mode: 'supervised',
      signal: new AbortController().signal,
      onEvent: (e) => seen.push(e),
    });
    // The host adds its own steering; the runner adds only its instructions and the spec documents. The origin
    // makes the review (and the session's changesets) name this task instead of "chat".
    expect(created).toEqual([
      {
        role: 'executor',
        title: 'Task 1 Add a',
        mode: 'supervised',
        extraContext: { system: ['INSTR'], specDocuments: ['REQ', 'DESIGN'] },
        origin: { kind: 'task', specDir: '.kiro/specs/x', taskId: '1' },
      },
    ]);
    expect(result).toEqual({ sessionId: 's1', stopReason: 'end_turn', text: 'Added a.js.', review: { id: 'cs-9', files: [{ path: 'src/a.js', kind: 'add', added: 1, removed: 0 }] } });
    expect(seen).toEqual([
      { type: 'session', sessionId: 's1' },
      { type: 'tool', name: 'fsWrite', summary: 'src/a.js' },
      { type: 'usage', usage: { inputTokens: 20, outputTokens: 10, cacheReadTokens: 200, cacheWriteTokens: 0 }, costUsd: 0.02 },
    ]);
  });
});
