import type { ChatEvent, ChatItem, SessionInfo, SessionView } from './model';

export function emptySession(info: SessionInfo): SessionView {
  return { info, items: [], busy: info.running, callStart: 0, seq: 0, modelId: info.modelId, sessionUsage: info.totals, lastSeq: 0 };
}

/**
 * Applies a batch of events to one session and returns the new session. Pure: only items that change are
 * replaced, so memoised rows of finished items do not render again while an answer streams. `times` are the
 * events' arrival times (live events only; a replayed history has none, so it shows no tool durations).
 */
export function applyEvents(session: SessionView, events: readonly ChatEvent[], times?: readonly number[]): SessionView {
  if (events.length === 0) return session;
  const s: SessionView = { ...session, items: [...session.items] };
  events.forEach((e, i) => apply(s, e, times?.[i]));
  return s;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Item<K extends ChatItem['kind']> = Extract<ChatItem, { kind: K }>;

function push(s: SessionView, item: DistributiveOmit<ChatItem, 'id'>): void {
  s.seq += 1;
  s.items.push({ ...item, id: `i${s.seq}` } as ChatItem);
}

function replaceLast<K extends ChatItem['kind']>(s: SessionView, kind: K, where: (i: Item<K>) => boolean, update: (i: Item<K>) => ChatItem): boolean {
  for (let i = s.items.length - 1; i >= 0; i--) {
    const item = s.items[i]!;
    if (item.kind === kind && where(item as Item<K>)) {
      s.items[i] = update(item as Item<K>);
      return true;
    }
  }
  return false;
}

function apply(s: SessionView, e: ChatEvent, at: number | undefined): void {
  switch (e.type) {
    case 'turnStart':
      push(s, { kind: 'user', turn: e.turn, text: e.text, chips: e.chips, checkpointId: e.checkpointId });
      s.busy = true;
      s.callStart = s.items.length;
      s.turnUsage = undefined;
      return;
    case 'textDelta': {
      const last = s.items[s.items.length - 1];
      if (last?.kind === 'text' && last.streaming) s.items[s.items.length - 1] = { ...last, text: last.text + e.text };
      else push(s, { kind: 'text', text: e.text, streaming: true });
      return;
    }
    case 'retry': {
      // The half-streamed answer is void: drop it rather than show text the model is about to say again.
      s.items.splice(s.callStart);
      const seconds = Math.max(1, Math.round(e.delayMs / 1000));
      push(s, { kind: 'notice', transient: true, text: `${e.error.message} Retrying (attempt ${e.attempt}) in ${seconds} s…` });
      s.callStart = s.items.length;
      return;
    }
    case 'toolStart':
      finishCall(s);
      push(s, { kind: 'tool', toolUseId: e.toolUseId, name: e.name, input: e.input, output: '', status: 'running', startedAt: at });
      s.callStart = s.items.length;
      return;
    case 'toolOutput':
      replaceLast(s, 'tool', (t) => t.toolUseId === e.toolUseId, (t) => ({ ...t, output: t.output + e.chunk }));
      return;
    case 'toolEnd':
      replaceLast(s, 'tool', (t) => t.toolUseId === e.toolUseId, (t) => ({
        ...t,
        status: e.status,
        output: e.output,
        reused: e.reused,
        // The host measures the tool's own run; arrival times are the fallback for sessions saved before that.
        durationMs: e.durationMs ?? (t.startedAt === undefined || at === undefined ? undefined : at - t.startedAt),
        ...(e.blocked !== undefined ? { blocked: e.blocked } : {}),
      }));
      s.callStart = s.items.length;
      return;
    case 'notice':
      // About the prompt's context (a missing include, a refused secret, a failed hook): kept, not transient.
      push(s, { kind: 'notice', transient: false, text: e.message });
      return;
    case 'compacted':
      push(s, {
        kind: 'notice',
        transient: false,
        text: `The conversation neared the model's context limit: its first ${e.summarizedMessages} messages were summarised. They stay shown here; the agent works from the summary.`,
      });
      return;
    case 'commandApproval':
      push(s, { kind: 'approval', requestId: e.requestId, command: e.command, cwd: e.cwd, done: false });
      return;
    case 'commandApprovalDone':
      replaceLast(s, 'approval', (a) => a.requestId === e.requestId, (a) => ({ ...a, done: true }));
      return;
    case 'usage':
      s.turnUsage = e.turn;
      s.sessionUsage = e.session;
      s.modelId = e.modelId;
      return;
    case 'changeset': {
      const status = e.applied ? 'applied' : 'pending';
      // The same changeset growing (the agent kept editing) updates its card in place.
      if (!replaceLast(s, 'changeset', (c) => c.changesetId === e.changesetId, (c) => ({ ...c, files: e.files, applied: e.applied, status }))) {
        push(s, { kind: 'changeset', changesetId: e.changesetId, files: e.files, applied: e.applied, status });
      }
      return;
    }
    case 'changesetSettled':
      replaceLast(s, 'changeset', (c) => c.changesetId === e.changesetId, (c) => ({ ...c, status: e.status }));
      return;
    case 'turnEnd': {
      finishCall(s);
      for (let i = 0; i < s.items.length; i++) {
        const item = s.items[i]!;
        if (item.kind === 'tool' && item.status === 'running') s.items[i] = { ...item, status: 'stopped' };
        if (item.kind === 'approval' && !item.done) s.items[i] = { ...item, done: true };
      }
      if (e.error && e.stopReason !== 'aborted') push(s, { kind: 'error', errorKind: e.error.kind, message: e.error.message });
      push(s, { kind: 'turnEnd', stopReason: e.stopReason, modelId: s.modelId, usage: s.turnUsage });
      s.busy = false;
      s.turnUsage = undefined;
      s.callStart = s.items.length;
      return;
    }
    case 'restored': {
      // The conversation went back to before turn `turn`: what followed is gone from the model's view too.
      const at = s.items.findIndex((i) => i.kind === 'user' && i.turn >= e.turn);
      if (at >= 0) s.items.splice(at);
      push(s, { kind: 'notice', transient: false, text: `Restored files and conversation to before turn ${e.turn}.` });
      s.callStart = s.items.length;
      return;
    }
  }
}

/** The model's answer so far is complete (a tool call or the turn's end follows): stop its caret, drop retry notes. */
function finishCall(s: SessionView): void {
  for (let i = s.callStart; i < s.items.length; i++) {
    const item = s.items[i]!;
    if (item.kind === 'text' && item.streaming) s.items[i] = { ...item, streaming: false };
  }
  const kept = s.items.filter((i) => !(i.kind === 'notice' && i.transient));
  if (kept.length !== s.items.length) s.items.splice(0, s.items.length, ...kept);
  s.callStart = s.items.length;
}
