import { useLayoutEffect, useRef } from 'react';
import { ItemRow } from './ItemRow';
import { useChat } from './chatService';

/**
 * The active session's items. Rows are memoised on their item object, and the transcript reducer replaces only the
 * item that changed, so a streaming answer re-renders one row per frame. The view follows the stream while the
 * user is at the bottom and stays put when they scrolled up to read.
 */
export function Transcript({ sessionId }: { sessionId: string }) {
  const items = useChat((s) => s.sessions[sessionId]?.items);
  const busy = useChat((s) => s.sessions[sessionId]?.busy ?? false);
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [items]);

  return (
    <div
      ref={ref}
      className="chat-transcript"
      data-testid="chat-transcript"
      aria-live="polite"
      aria-busy={busy}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {items?.length ? items.map((item) => <ItemRow key={item.id} item={item} sessionId={sessionId} busy={busy} />) : <p className="chat-hint">Send a prompt to start.</p>}
      {busy && <div className="chat-working" data-testid="chat-working">Working…</div>}
    </div>
  );
}
