import { useEffect, useState } from 'react';
import { getServices } from '../app/services';
import { useLayout } from '../state/layout';
import { useChatFocus } from './chatFocus';

/**
 * "Agent working" in the status bar while a chat turn runs and the chat is not on screen, so a long turn (or one
 * waiting for a command approval) is not forgotten behind another view. Fed by the host's session list events;
 * the list is also asked for once when the page is idle after start-up (a reload in the middle of a turn).
 */
export function ChatStatusItem() {
  const [running, setRunning] = useState(0);
  const chatShown = useLayout((s) => s.sidebarVisible && s.sideView === 'chat');
  useEffect(() => {
    const { client } = getServices();
    let live = true;
    const count = (sessions: { running: boolean; open: boolean }[]) => live && setRunning(sessions.filter((s) => s.running && s.open).length);
    const off = client.on('agent/sessions', ({ sessions }) => count(sessions));
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 1000));
    idle(() => void client.request('agent/listSessions', {}).then(count, () => {}), { timeout: 3000 });
    return () => {
      live = false;
      off();
    };
  }, []);
  if (running === 0 || chatShown) return null;
  return (
    <button
      className="status-item status-button"
      data-testid="status-chat-running"
      title="A chat turn is running — show the chat"
      onClick={() => {
        useLayout.getState().showSideView('chat');
        useChatFocus.getState().request();
      }}
    >
      {running === 1 ? 'Agent working…' : `${running} agents working…`}
    </button>
  );
}
