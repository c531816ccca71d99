import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../agent';
import { eventsFromRecords } from './history';

const prompt = (text: string): SessionRecord => ({ type: 'message', message: { role: 'user', content: [{ type: 'text', text }] } });
const answer = (text: string): SessionRecord => ({ type: 'message', message: { role: 'assistant', content: [{ type: 'text', text }] } });
const ui = (event: Record<string, unknown>): SessionRecord => ({ type: 'ui', event });

describe('eventsFromRecords (a session reopened after a restart)', () => {
  it('shows each prompt once, even when the checkpoint note or a notice was saved before the prompt message', () => {
    const events = eventsFromRecords([
      ui({ type: 'turnStart', turn: 1, text: 'fix it', chips: [], messageCount: 0 }),
      ui({ type: 'checkpointTaken', turn: 1, checkpointId: 'abc1234' }),
      ui({ type: 'notice', message: '#file:gone.ts does not exist.' }),
      prompt('fix it'),
      answer('Done.'),
      ui({ type: 'turnEnd', stopReason: 'end_turn' }),
    ]);
    expect(events.map((e) => e.type)).toEqual(['turnStart', 'notice', 'textDelta', 'turnEnd']);
    expect(events[0]).toMatchObject({ text: 'fix it', checkpointId: 'abc1234' });
  });

  it('still shows prompts of files written without turnStart notes', () => {
    const events = eventsFromRecords([prompt('one'), answer('1'), prompt('two'), answer('2')]);
    expect(events.filter((e) => e.type === 'turnStart').map((e) => e.type === 'turnStart' && [e.turn, e.text])).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  it('keeps tool durations and hook blocks, and marks where the history was compacted', () => {
    const events = eventsFromRecords([
      ui({ type: 'turnStart', turn: 1, text: 'go', chips: [] }),
      prompt('go'),
      { type: 'compaction', summarizedMessages: 4, summary: 'S' },
      { type: 'message', message: { role: 'assistant', content: [{ type: 'toolUse', id: 't1', name: 'fsWrite', input: { path: 'a' } }] } },
      { type: 'toolRun', toolUseId: 't1', name: 'fsWrite', status: 'error', content: 'Blocked by hook: no', durationMs: 0, blocked: 'no' },
      { type: 'message', message: { role: 'user', content: [{ type: 'toolResult', toolUseId: 't1', status: 'error', content: 'Blocked by hook: no' }] } },
    ]);
    expect(events.find((e) => e.type === 'compacted')).toEqual({ type: 'compacted', summarizedMessages: 4 });
    expect(events.find((e) => e.type === 'toolEnd')).toMatchObject({ name: 'fsWrite', blocked: 'no', durationMs: 0 });
  });
});
