import { useState } from 'react';
import type { McpServerInfo } from '../../../protocol';
import { getServices } from '../app/services';
import { useHooks } from '../hooks/hooksStore';
import { notifyError } from '../state/notifications';
import { Icon } from '../workbench/icons';

const STATE_LABEL: Record<McpServerInfo['state'], string> = {
  stopped: 'stopped',
  disabled: 'disabled',
  blocked: 'blocked',
  starting: 'starting…',
  ready: 'ready',
  error: 'error',
};

/** MCP servers of the workspace and the user: status (starting / ready / error with the log), tools, restart. */
export function McpServers() {
  const mcp = useHooks((s) => s.mcp);
  if (!mcp) return null;
  return (
    <div className="mcp-servers" data-testid="mcp-servers">
      {mcp.servers.length === 0 && mcp.problems.length === 0 && (
        <div className="hooks-empty">
          No MCP servers. Add them to <code>.kiro/settings/mcp.json</code> (this workspace) or <code>~/.kiro/settings/mcp.json</code> (all workspaces).
        </div>
      )}
      {mcp.problems.map((p, i) => (
        <div key={i} className="hooks-problem" role="alert">
          <Icon name="error" size={14} />
          <span>
            {p.server ? `${p.server}: ` : ''}
            {p.message} <span className="hooks-muted">({p.scope} mcp.json)</span>
          </span>
        </div>
      ))}
      {mcp.servers.map((s) => (
        <McpServerRow key={s.name} server={s} />
      ))}
    </div>
  );
}

function McpServerRow({ server }: { server: McpServerInfo }) {
  const [open, setOpen] = useState(server.state === 'error');
  const restartable = server.state !== 'disabled' && server.state !== 'blocked';
  const revoke = (tool: string) =>
    void getServices().client.request('mcp/revokeTool', { server: server.name, tool }).catch((err) => notifyError(`Could not revoke ${tool}`, err));
  const restart = () => void getServices().client.request('mcp/restart', { name: server.name }).catch((err) => notifyError(`Could not restart ${server.name}`, err));
  return (
    <div className="mcp-server" data-testid="mcp-server" data-name={server.name} data-state={server.state}>
      <div className="hook-row-top">
        <button className="icon-button" aria-label={open ? 'Hide details' : 'Show details'} aria-expanded={open} onClick={() => setOpen(!open)}>
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />
        </button>
        <span className={`status-dot ${server.state}`} aria-hidden="true" />
        <span className="hook-name">{server.name}</span>
        <span className="hook-badge" data-testid="mcp-state">
          {STATE_LABEL[server.state]}
        </span>
        {restartable && (
          <button className="icon-button" title={`Restart ${server.name}`} aria-label={`Restart ${server.name}`} data-testid="mcp-restart" onClick={restart}>
            <Icon name="refresh" size={14} />
          </button>
        )}
      </div>
      <div className="hook-sub">
        {server.scope === 'user' ? 'user' : 'workspace'} · {server.transport}
        {server.state === 'ready' && ` · ${server.tools.length} ${server.tools.length === 1 ? 'tool' : 'tools'}`}
      </div>
      {server.message && <div className={`hook-sub ${server.state === 'error' ? 'error' : ''}`}>{server.message}</div>}
      {open && (
        <div className="mcp-details">
          {server.tools.length > 0 && (
            <ul className="mcp-tools" aria-label={`Tools of ${server.name}`}>
              {server.tools.map((t) => (
                <li key={t.name} title={t.description} data-testid="mcp-tool">
                  <code>{t.name}</code>
                  {t.autoApproved && <span className="hook-badge">auto-approved</span>}
                  {t.alwaysAllowed && (
                    <>
                      <span className="hook-badge" data-testid="mcp-tool-always">
                        always allowed
                      </span>
                      <button className="link-button" data-testid="mcp-tool-revoke" title="Ask again before the agent uses this tool" onClick={() => revoke(t.name)}>
                        Revoke
                      </button>
                    </>
                  )}
                  {t.description && <span className="hooks-muted"> — {t.description}</span>}
                </li>
              ))}
            </ul>
          )}
          {server.log.length > 0 && (
            <pre className="hook-output" aria-label={`Log of ${server.name}`} data-testid="mcp-log">
              {server.log.join('\n')}
            </pre>
          )}
        </div>
      )}
    </div>
  );
}
