import './chat.css';
import { Composer } from './Composer';
import { SessionTabs } from './SessionTabs';
import { Transcript } from './Transcript';
import { getChat, useChat } from './chatService';

/** The chat ("vibe") pane: session tabs, the transcript of the active session, the prompt box. */
export default function ChatView() {
  const ready = useChat((s) => s.ready);
  const loadError = useChat((s) => s.loadError);
  const active = useChat((s) => s.active);
  return (
    <div className="chat" data-testid="chat">
      <SessionTabs />
      {loadError ? (
        <div className="chat-load-error" role="alert">
          <p>The chat cannot reach the agent: {loadError}</p>
          <button className="button secondary" onClick={() => void getChat().reload()}>
            Try again
          </button>
        </div>
      ) : !ready ? (
        <div className="chat-transcript" aria-busy="true" />
      ) : active ? (
        <Transcript key={active} sessionId={active} />
      ) : (
        <EmptyState />
      )}
      <Composer />
    </div>
  );
}

function EmptyState() {
  return (
    <div className="chat-transcript chat-empty" data-testid="chat-empty">
      <p className="chat-empty-title">Ask about your code or describe a change.</p>
      <p>
        Type <kbd>#</kbd> to attach context: a file, a folder, a spec, steering, a terminal, problems, the git diff or the
        whole codebase.
      </p>
      <p>In Supervised mode every edit waits for your review; Autopilot applies edits behind a checkpoint you can restore.</p>
    </div>
  );
}
