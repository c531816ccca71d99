import { describe, expect, it } from 'vitest';
import type { AgentStreamEvent } from '../../../protocol';
import { agentTurnRunner, type HookAgentHost } from './agent-turns';

function fakeHost(result: { stopReason: string; changesetId?: string; error?: string }, events: AgentStreamEvent[]) {
  const calls: string[] = [];
  const host: HookAgentHost = {
    createSession: async (opts) => {
      calls.push(`create ${opts.title} ${opts.mode}`);
      return { id: 's1' };
    },
    prompt: async (id, text) => {
      calls.push(`prompt ${id} ${text}`);
      return result;
    },
    history: async () => ({ events }),
  };
  return { host, calls };
}

describe('askAgent hooks through the agent host', () => {
  it('runs a supervised turn in a session named after the hook and returns the answer and the changeset', async () => {
    const { host, calls } = fakeHost({ stopReason: 'end_turn', changesetId: 'cs-1' }, [
      { type: 'textDelta', text: 'Docs ' },
      { type: 'textDelta', text: 'updated.' },
    ] as AgentStreamEvent[]);
    const out = await agentTurnRunner(() => host).runTurn({ prompt: 'Update the docs', hookName: 'Docs', trigger: { event: 'userTriggered' }, signal: new AbortController().signal });
    expect(calls).toEqual(['create Hook: Docs supervised', 'prompt s1 Update the docs']);
    expect(out.output).toBe('Docs updated.\n\n(Its changes wait for your review: changeset cs-1.)');
  });

  it('a failed turn fails the run with the reason', async () => {
    const { host } = fakeHost({ stopReason: 'error', error: 'Bedrock said no' }, []);
    await expect(agentTurnRunner(() => host).runTurn({ prompt: 'x', hookName: 'H', trigger: { event: 'agentStop' }, signal: new AbortController().signal })).rejects.toThrow('Bedrock said no');
  });
});
