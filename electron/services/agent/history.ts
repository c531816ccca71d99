import { addUsage, zeroUsage, type SessionRecord, type Usage } from '../../../agent';
import { AgentStreamEvent, type AgentCost } from '../../../protocol';

/** Tool output kept in events; the model saw the whole text, the chat card shows the tail. */
export const MAX_EVENT_OUTPUT = 20_000;

export function cutOutput(text: string): string {
  return text.length > MAX_EVENT_OUTPUT ? `… (${text.length - MAX_EVENT_OUTPUT} characters cut)\n${text.slice(-MAX_EVENT_OUTPUT)}` : text;
}

/**
 * Rebuilds the chat pane's event list from a saved session, so a session opened after a restart looks as it did:
 * prompts, answers, tool cards, usage, changesets and checkpoints in their original order.
 */
export function eventsFromRecords(records: readonly SessionRecord[]): AgentStreamEvent[] {
  const out: AgentStreamEvent[] = [];
  const toolNames = new Map<string, string>();
  /** The ledger's notes on each tool call (duration, a hook's block), written before the results message. */
  const runs = new Map<string, Extract<SessionRecord, { type: 'toolRun' }>>();
  let turn = 0;
  let turnUsage: Cost = { usage: zeroUsage(), costUsd: null };
  let sessionUsage: Cost = { usage: zeroUsage(), costUsd: null };
  /**
   * A turnStart note was read and its prompt message not yet: other notes (the checkpoint, a context notice) may
   * come in between, since the checkpoint is taken while the turn already runs.
   */
  let awaitingPrompt = false;
  for (const r of records) {
    if (r.type === 'ui') {
      // The checkpoint of a turn is noted after its prompt (it is taken while the model already runs).
      if (r.event.type === 'checkpointTaken' && typeof r.event.checkpointId === 'string') {
        const id = r.event.checkpointId;
        const start = out.findLast((e) => e.type === 'turnStart' && e.turn === r.event.turn);
        if (start?.type === 'turnStart') start.checkpointId = id;
        continue;
      }
      const parsed = AgentStreamEvent.safeParse(r.event);
      if (!parsed.success) continue;
      if (parsed.data.type === 'turnStart') {
        turn = parsed.data.turn;
        turnUsage = { usage: zeroUsage(), costUsd: null };
        awaitingPrompt = true;
      }
      out.push(parsed.data);
    } else if (r.type === 'message') {
      for (const b of r.message.content) {
        if (b.type !== 'toolResult') continue;
        const run = runs.get(b.toolUseId);
        out.push({
          type: 'toolEnd',
          toolUseId: b.toolUseId,
          name: toolNames.get(b.toolUseId) ?? 'tool',
          status: b.status,
          output: cutOutput(b.content),
          reused: false,
          ...(run?.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
          ...(run?.blocked !== undefined ? { blocked: run.blocked } : {}),
        });
      }
      const text = r.message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
      if (r.message.role === 'user') {
        // Sessions written without a turnStart note (older files, other hosts) still show their prompts.
        if (text && !awaitingPrompt) {
          out.push({ type: 'turnStart', turn: ++turn, text, chips: [] });
          turnUsage = { usage: zeroUsage(), costUsd: null };
        }
        if (text) awaitingPrompt = false;
        continue;
      }
      if (text) out.push({ type: 'textDelta', text });
      for (const b of r.message.content) {
        if (b.type !== 'toolUse') continue;
        toolNames.set(b.id, b.name);
        out.push({ type: 'toolStart', toolUseId: b.id, name: b.name, input: b.input });
      }
    } else if (r.type === 'compaction') {
      out.push({ type: 'compacted', summarizedMessages: r.summarizedMessages });
    } else if (r.type === 'toolRun') {
      runs.set(r.toolUseId, r);
    } else if (r.type === 'usage') {
      turnUsage = addCost(turnUsage, r.usage, r.costUsd);
      sessionUsage = addCost(sessionUsage, r.usage, r.costUsd);
      out.push({ type: 'usage', modelId: r.modelId, call: r.usage, turn: turnUsage, session: sessionUsage });
    }
  }
  return out;
}

type Cost = AgentCost;

export function addCost(total: Cost, usage: Usage, costUsd: number | undefined): Cost {
  return {
    usage: addUsage(total.usage, usage),
    costUsd: costUsd === undefined ? total.costUsd : (total.costUsd ?? 0) + costUsd,
  };
}
