/**
 * The runner's ports on the other features' services: the agent host (H1) runs the executor session and registers
 * its Supervised changeset with the change review (H5), whose outcome the runner awaits; checks are approved by
 * the trust service (H6). Only the shapes used here are named, so tests can pass small fakes.
 */
import type { AgentSessionInfo, AgentStreamEvent } from '../../../protocol';
import type { FileSummary, Usage } from './journal-records';
import type { Executor, ExecutorRequest, ExecutorResult, ReviewOutcome, ReviewPort } from './ports';

export interface AgentHostLike {
  createSession(opts: {
    role: 'executor';
    title: string;
    mode: 'supervised' | 'autopilot';
    extraContext: { system?: string[]; specDocuments?: string[] };
    /** How the review names the session's changesets: this task, not "chat". */
    origin: { kind: 'task'; specDir: string; taskId: string };
  }): Promise<AgentSessionInfo>;
  prompt(sessionId: string, text: string, opts: { signal?: AbortSignal }): Promise<{ stopReason: string; changesetId?: string; error?: string }>;
  history(sessionId: string): Promise<{ session: AgentSessionInfo; events: AgentStreamEvent[] }>;
}

/**
 * One executor session per task run. The host adds its system prompt and steering; the runner adds its executor
 * instructions and the spec documents — the same bytes for every task of a spec, so the prefix is cached.
 */
export class AgentHostExecutor implements Executor {
  constructor(private readonly host: () => AgentHostLike) {}

  async run(request: ExecutorRequest): Promise<ExecutorResult> {
    const host = this.host();
    const session = await host.createSession({
      role: 'executor',
      title: `Task ${request.title}`,
      mode: request.mode,
      extraContext: { system: [request.context.instructions], specDocuments: request.context.specDocuments },
      origin: { kind: 'task', specDir: request.specDir, taskId: request.taskId },
    });
    request.onEvent({ type: 'session', sessionId: session.id });
    const result = await host.prompt(session.id, request.context.prompt, { signal: request.signal });
    const { events, session: after } = await host.history(session.id);
    const turn = lastTurn(events);
    for (const e of turn) if (e.type === 'toolStart') request.onEvent({ type: 'tool', name: e.name, summary: describeInput(e.input) });
    const usage = turn.reduce<Usage | undefined>((sum, e) => (e.type === 'usage' ? add(sum, e.call) : sum), undefined);
    if (usage) request.onEvent({ type: 'usage', usage, ...(after.totals.costUsd !== null ? { costUsd: after.totals.costUsd } : {}) });
    const changeset = turn.find((e): e is Extract<AgentStreamEvent, { type: 'changeset' }> => e.type === 'changeset');
    const files: FileSummary[] = changeset?.files.map((f) => ({ path: f.path, kind: f.kind, added: f.added, removed: f.removed })) ?? [];
    return {
      sessionId: session.id,
      stopReason: result.stopReason,
      text: finalText(turn),
      ...(result.error ? { error: result.error } : {}),
      ...(request.mode === 'supervised' ? (result.changesetId ? { review: { id: result.changesetId, files } } : {}) : { written: files }),
    };
  }
}

/** What the runner uses of H5's ChangeReviewService. */
export interface ChangeReviewLike {
  register: ReviewPort['register'];
  get(id: string): Promise<{ status: string; outcome?: ReviewOutcome }>;
  onDidSettle(listener: (e: { id: string; outcome: ReviewOutcome }) => void): { dispose(): void };
  discard(id: string): Promise<ReviewOutcome>;
}

export function reviewPort(service: () => ChangeReviewLike): ReviewPort {
  return {
    register: (input) => service().register(input),
    whenSettled: (id) =>
      new Promise<ReviewOutcome>((resolve, reject) => {
        const reviews = service();
        const sub = reviews.onDidSettle((e) => {
          if (e.id !== id) return;
          sub.dispose();
          resolve(e.outcome);
        });
        // Settled before we listened (or unknown): ask once.
        reviews.get(id).then(
          (detail) => {
            if (detail.status === 'pending' || !detail.outcome) return;
            sub.dispose();
            resolve(detail.outcome);
          },
          (err: unknown) => {
            sub.dispose();
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      }),
    discard: (id) => service().discard(id).catch(() => undefined),
  };
}

/** Events of the session's last turn (from its last `turnStart`). */
function lastTurn(events: readonly AgentStreamEvent[]): AgentStreamEvent[] {
  let start = 0;
  events.forEach((e, i) => {
    if (e.type === 'turnStart') start = i;
  });
  return events.slice(start);
}

/** The agent's closing words: the text streamed after its last tool call. */
function finalText(turn: readonly AgentStreamEvent[]): string {
  let text = '';
  for (const e of turn) {
    if (e.type === 'toolStart' || e.type === 'retry') text = '';
    else if (e.type === 'textDelta') text += e.text;
  }
  return text.trim();
}

function describeInput(input: unknown): string {
  if (input && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    const first = o.path ?? o.command ?? o.pattern ?? o.query;
    if (typeof first === 'string') return first;
  }
  return JSON.stringify(input ?? null).slice(0, 80);
}

function add(a: Usage | undefined, b: Usage): Usage {
  if (!a) return { ...b };
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}
