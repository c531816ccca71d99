import type { AgentStreamEvent } from '../../../protocol';
import type { AgentTurnRunner } from './hook-types';

/** The slice of the agent host (electron/services/agent) an askAgent hook needs. */
export interface HookAgentHost {
  createSession(opts: { role: 'planner' | 'executor'; title?: string; mode?: 'supervised' | 'autopilot' }): Promise<{ id: string }>;
  prompt(sessionId: string, text: string, opts: { signal?: AbortSignal }): Promise<{ stopReason: string; changesetId?: string; error?: string }>;
  history(sessionId: string): Promise<{ events: AgentStreamEvent[] }>;
}

/**
 * askAgent hooks run as a turn in a session of their own ("Hook: <name>", listed with the chat sessions), in
 * Supervised mode: whatever the agent changes waits in the review like any other turn's changes. The run log gets
 * the agent's answer; a turn that fails is a failed run. `onSession` learns each session made for a hook (their
 * turns fire no promptSubmit/agentStop hooks, so hooks cannot start agent turns in a loop).
 */
export function agentTurnRunner(host: () => HookAgentHost, onSession?: (sessionId: string) => void): AgentTurnRunner {
  return {
    async runTurn({ prompt, hookName, signal }) {
      const agent = host();
      const session = await agent.createSession({ role: 'executor', title: `Hook: ${hookName}`, mode: 'supervised' });
      onSession?.(session.id);
      const result = await agent.prompt(session.id, prompt, { signal });
      if (result.error) throw new Error(result.error);
      const { events } = await agent.history(session.id);
      const text = events.map((e) => (e.type === 'textDelta' ? e.text : '')).join('');
      const review = result.changesetId ? `\n\n(Its changes wait for your review: changeset ${result.changesetId}.)` : '';
      return { output: `${text.trim() || `(the turn ended: ${result.stopReason})`}${review}` };
    },
  };
}
