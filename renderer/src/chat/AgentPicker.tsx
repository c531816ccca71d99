import { useCallback, useEffect, useState } from 'react';
import type { CustomAgentInfo } from '../../../protocol';
import { getServices } from '../app/services';

/**
 * Which agent the session runs under: Keel's default or a custom agent from `.kiro/agents` / `~/.kiro/agents`.
 * A change applies from the next turn (a running turn keeps its agent), as in Kiro 1.0. The list is read again
 * whenever the picker gets focus, so an agent saved a moment ago is there.
 */
export function AgentPicker({ value, onChange }: { value: string | undefined; onChange: (agent: string | null) => void }) {
  const [agents, setAgents] = useState<CustomAgentInfo[]>([]);
  const refresh = useCallback(() => {
    getServices()
      .client.request('agent/customAgents', {})
      .then((r) => setAgents(r.agents))
      .catch(() => undefined);
  }, []);
  useEffect(refresh, [refresh]);

  const current = agents.find((a) => a.name === value);
  const title = value === undefined ? "Keel's default agent: every tool" : current ? describe(current) : `"${value}" is no longer in .kiro/agents: the next turn runs as the default agent`;
  return (
    <label className="chat-agent" title={title}>
      <span className="chat-agent-label">Agent</span>
      <select data-testid="chat-agent" aria-label="Agent" value={value ?? ''} onFocus={refresh} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">Default</option>
        {value !== undefined && !current && <option value={value}>{value} (missing)</option>}
        {agents.map((a) => (
          <option key={`${a.source}:${a.name}`} value={a.name} title={describe(a)}>
            {a.name}
            {a.source === 'user' ? ' (user)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

function describe(a: CustomAgentInfo): string {
  const lines = [a.description ?? a.name, `Tools: ${a.tools.join(', ') || 'none'}`, a.path];
  if (a.warnings.length) lines.push(`${a.warnings.length} warning(s): ${a.warnings[0]}`);
  if (a.errors.length) lines.push(`Error: ${a.errors[0]}`);
  return lines.join('\n');
}
