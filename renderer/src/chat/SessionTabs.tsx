import { useQuickInput } from '../state/quickInput';
import { notifyError } from '../state/notifications';
import { useDialog } from '../state/dialog';
import { getChat, useChat } from './chatService';

/** One tab per open session; + starts a new one, the clock lists saved sessions to bring back. */
export function SessionTabs() {
  const tabs = useChat((s) => s.tabs);
  const active = useChat((s) => s.active);
  const sessions = useChat((s) => s.sessions);
  const chat = getChat();

  const close = async (id: string) => {
    if (sessions[id]?.busy) {
      const answer = await useDialog.getState().ask({
        title: 'Stop the running turn and close this session?',
        detail: 'The conversation is saved; you can open it again from the session history.',
        buttons: [
          { id: 'close', label: 'Stop and Close', primary: true },
          { id: 'cancel', label: 'Cancel' },
        ],
      });
      if (answer !== 'close') return;
    }
    await chat.close(id).catch((err) => notifyError('Could not close the session', err));
  };

  const showHistory = () => {
    const saved = chat.store.getState().saved;
    useQuickInput.getState().showPick({
      placeholder: saved.length ? 'Open a saved chat session' : 'No saved chat sessions yet',
      items: saved.map((s) => ({
        label: s.title || 'Untitled session',
        description: `${new Date(s.createdAt).toLocaleString()}${s.open ? ' · open' : ''}`,
        run: () => void chat.openSaved(s.id).catch((err) => notifyError('Could not open the session', err)),
      })),
    });
  };

  return (
    <div className="chat-tabs" role="tablist" aria-label="Chat sessions">
      <div className="chat-tab-list">
        {tabs.map((id) => {
          const s = sessions[id];
          const title = s?.info.title || 'New session';
          return (
            <div
              key={id}
              role="tab"
              tabIndex={0}
              aria-selected={id === active}
              className={`chat-tab${id === active ? ' active' : ''}`}
              data-testid="chat-tab"
              data-session-id={id}
              title={title}
              onClick={() => chat.select(id)}
              onKeyDown={(e) => e.key === 'Enter' && chat.select(id)}
              onAuxClick={(e) => e.button === 1 && void close(id)}
            >
              {s?.busy && <span className="chat-tab-busy" aria-label="running" />}
              <span className="chat-tab-title">{title}</span>
              <button
                className="chat-tab-close"
                aria-label={`Close ${title}`}
                data-testid="chat-tab-close"
                onClick={(e) => {
                  e.stopPropagation();
                  void close(id);
                }}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button
        className="chat-icon-button"
        title="New session"
        aria-label="New session"
        data-testid="chat-new-session"
        onClick={() => void chat.newSession().catch((err) => notifyError('Could not start a session', err))}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" stroke="currentColor" strokeWidth="1.3" aria-hidden="true">
          <path d="M8 3v10M3 8h10" strokeLinecap="round" />
        </svg>
      </button>
      <button className="chat-icon-button" title="Session history" aria-label="Session history" data-testid="chat-history" onClick={showHistory}>
        <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.2" aria-hidden="true">
          <circle cx="8" cy="8" r="5.5" />
          <path d="M8 5v3l2 1.5" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
