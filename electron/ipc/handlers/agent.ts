import { parseAgentSettings, routeRole, testConnection, type AgentSettings } from '../../../agent';
import { KeelError, type AgentSettingsWire, type agentRequests } from '../../../protocol';
import { agentHostKey } from '../../services/agent/agent-host';
import { loadAgentSettings, saveAgentSettings, SettingsError, withoutEmptyOptionals } from '../../services/agent/settings-store';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/agent.ts: sessions go to the open folder's agent host; settings need no folder. */
export function agentHandlers({ workbench, userDataDir }: HandlerDeps): FeatureHandlers<typeof agentRequests> {
  const host = () => workbench.scoped(agentHostKey);
  return {
    'agent/listSessions': () => host().listSessions(),
    'agent/createSession': ({ role, title, mode }) => host().createSession({ role, ...(title !== undefined ? { title } : {}), ...(mode ? { mode } : {}) }),
    'agent/openSession': ({ sessionId }) => host().openSession(sessionId),
    'agent/closeSession': async ({ sessionId }) => {
      await host().closeSession(sessionId);
      return {};
    },
    'agent/history': ({ sessionId }) => host().history(sessionId),
    'agent/prompt': ({ sessionId, text, chips, workbench }) => host().startPrompt(sessionId, text, chips, workbench),
    'agent/stop': ({ sessionId }) => {
      host().stop(sessionId);
      return {};
    },
    'agent/setMode': ({ sessionId, mode }) => host().setMode(sessionId, mode),
    'agent/customAgents': () => host().customAgents(),
    'agent/setCustomAgent': ({ sessionId, agent }) => host().setCustomAgent(sessionId, agent),
    'agent/restoreCheckpoint': async ({ sessionId, checkpointId }) => {
      await host().restoreCheckpoint(sessionId, checkpointId);
      return {};
    },
    'agent/answerCommand': ({ requestId, decision, command, reason }) => {
      if (decision === 'modify') {
        if (!command?.trim()) throw new KeelError('BAD_REQUEST', 'Modify needs the command to run instead.');
        host().answerCommand(requestId, { kind: 'modify', command });
      } else if (decision === 'reject') host().answerCommand(requestId, { kind: 'reject', ...(reason ? { reason } : {}) });
      else host().answerCommand(requestId, { kind: decision });
      return {};
    },
    'agent/getSettings': async () => {
      const { settings, problems } = await loadAgentSettings(userDataDir);
      const endpointOverride = process.env.KEEL_BEDROCK_ENDPOINT;
      return { settings: toWire(settings), problems, ...(endpointOverride ? { endpointOverride } : {}) };
    },
    'agent/setSettings': async ({ settings }) => {
      try {
        return { settings: toWire(await saveAgentSettings(userDataDir, settings)) };
      } catch (e) {
        if (e instanceof SettingsError) throw new KeelError('BAD_REQUEST', e.errors.join('; '));
        throw e;
      }
    },
    'agent/testConnection': async ({ role, settings }) => {
      let effective: AgentSettings;
      if (settings) {
        const parsed = parseAgentSettings(withoutEmptyOptionals(settings));
        if (!parsed.ok) return { ok: false, kind: 'validation', message: `Fix the settings first: ${parsed.errors.join('; ')}` };
        effective = parsed.settings;
      } else effective = (await loadAgentSettings(userDataDir)).settings;
      const routed = routeRole(effective, role);
      return testConnection(routed.provider, routed.modelId, AbortSignal.timeout(30_000));
    },
    'agent/prices': async () => ({ prices: (await loadAgentSettings(userDataDir)).settings.prices }),
  };
}

function toWire(s: AgentSettings): AgentSettingsWire {
  return s;
}
