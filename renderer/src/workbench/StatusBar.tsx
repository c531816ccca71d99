import { useConnection } from '../state/connection';
import { useDocuments } from '../state/documents';
import { useLayout } from '../state/layout';
import { useEditorStatus } from '../state/status';
import { useTabs } from '../state/tabs';
import { useWorkspace } from '../state/workspace';
import { encodingLabel } from '../editor/textCodec';
import { getStatusItems } from './contributions';
import { Icon } from './icons';

const CONNECTION_TEXT = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Disconnected — reconnecting…',
} as const;

export function StatusBar() {
  const name = useWorkspace((s) => s.name);
  const closed = useWorkspace((s) => s.closed);
  const { status, host } = useConnection();
  const active = useTabs((s) => s.active);
  const doc = useDocuments((s) => (active ? s.docs[active] : undefined));
  const editor = useEditorStatus();
  const { theme, toggleTheme } = useLayout();
  const ready = doc?.status === 'ready';
  return (
    <footer className={`status-bar${status === 'disconnected' ? ' offline' : ''}`} data-testid="status-bar">
      <div className="status-left">
        {name && (
          <span className="status-item" title="Workspace folder" data-testid="status-workspace">
            <Icon name="folder" size={14} />
            {name}
          </span>
        )}
        {host === 'browser' && (
          <span
            className={`status-item connection ${status}`}
            data-testid="status-connection"
            data-status={status}
            title={status === 'disconnected' ? 'The connection to the Keel host was lost; retrying.' : 'Keel browser host'}
          >
            {status === 'disconnected' && <Icon name="disconnected" size={14} />}
            {CONNECTION_TEXT[status]}
          </span>
        )}
        {closed && (
          <button
            className="status-item status-button warning"
            data-testid="status-folder-closed"
            title="The host closed this folder; edits can no longer be saved here. Reload to see the open folder."
            onClick={() => location.reload()}
          >
            <Icon name="warning" size={14} />
            Folder closed — click to reload
          </button>
        )}
        {editor.chord && <span className="status-item">{editor.chord}</span>}
        {getStatusItems('left').map(({ id, component: Item }) => (
          <Item key={id} />
        ))}
      </div>
      <div className="status-right">
        {ready && (
          <>
            <span className="status-item" data-testid="status-cursor">
              Ln {editor.line}, Col {editor.column}
              {editor.selected > 0 && ` (${editor.selected} selected)`}
            </span>
            <span className="status-item" data-testid="status-encoding">
              {encodingLabel(doc.bom)}
            </span>
            <span className="status-item" data-testid="status-eol">
              {doc.eol}
            </span>
            {editor.language && (
              <span className="status-item" data-testid="status-language">
                {editor.language}
              </span>
            )}
          </>
        )}
        {getStatusItems('right').map(({ id, component: Item }) => (
          <Item key={id} />
        ))}
        <button
          className="status-item status-button"
          data-testid="theme-toggle"
          title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          onClick={toggleTheme}
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} size={14} />
        </button>
      </div>
    </footer>
  );
}
