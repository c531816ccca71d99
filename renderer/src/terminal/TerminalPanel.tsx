import { useEffect, useRef } from 'react';
import { getServices } from '../app/services';
import { useTerminals } from '../state/terminals';
import { Icon } from '../workbench/icons';

/** The terminal panel's header part: one tab per terminal, New and Kill. */
export function TerminalToolbar() {
  const { terminals, active, activate } = useTerminals();
  const service = getServices().terminals;
  const keyLabel = (id: string) => getServices().registry.get(id)?.keyLabel;
  return (
    <>
      <div className="terminal-tabs" role="tablist">
        {terminals.map((t, i) => (
          <div
            key={t.id}
            role="tab"
            aria-selected={t.id === active}
            className={`terminal-tab${t.id === active ? ' active' : ''}${t.exitCode !== null ? ' exited' : ''}`}
            data-testid="terminal-tab"
            data-terminal-id={t.id}
            title={t.exitCode !== null ? `${t.title} — exited with code ${t.exitCode}` : t.title}
            onClick={() => {
              activate(t.id);
              service.focusActive();
            }}
            onMouseDown={(e) => {
              if (e.button === 1) {
                e.preventDefault();
                void service.kill(t.id);
              }
            }}
          >
            <Icon name="terminal" />
            <span className="terminal-tab-label">
              {i + 1}: {t.title}
            </span>
            {t.exitCode !== null && (
              <span className={`exit-code${t.exitCode === 0 ? ' ok' : ''}`} data-testid="terminal-exit-code">
                exit {t.exitCode}
              </span>
            )}
          </div>
        ))}
      </div>
      <div className="panel-actions">
        <button
          className="icon-button"
          title={`New Terminal (${keyLabel('workbench.action.terminal.new')})`}
          aria-label="New Terminal"
          data-testid="terminal-new"
          onClick={() => void service.create()}
        >
          <Icon name="plus" />
        </button>
        <button
          className="icon-button"
          title="Kill Terminal"
          aria-label="Kill Terminal"
          data-testid="terminal-kill"
          disabled={!active}
          onClick={() => active && void service.kill(active)}
        >
          <Icon name="trash" />
        </button>
      </div>
    </>
  );
}

/** The element the terminal service shows xterm instances in; reattaches to running terminals after a reload. */
export function TerminalView() {
  const { terminals, restored } = useTerminals();
  const hostRef = useRef<HTMLDivElement>(null);
  const service = getServices().terminals;

  useEffect(() => {
    service.setHost(hostRef.current);
    return () => service.setHost(null);
  }, [service]);

  // First time the panel shows after a (re)load: reattach to the host's running terminals.
  useEffect(() => {
    if (!restored) void service.restore().catch(() => {});
  }, [restored, service]);

  return (
    <div className="terminal-host" ref={hostRef}>
      {restored && terminals.length === 0 && (
        <div className="panel-message">
          No terminal is open.{' '}
          <button className="link-button" onClick={() => void service.create()}>
            Create a new terminal
          </button>
        </div>
      )}
    </div>
  );
}
