import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { getServices } from '../app/services';
import { useTerminals } from '../state/terminals';
import { AgentPicker } from './AgentPicker';
import { addChip, chipLabel, removeTrigger, type Suggestion } from './chips';
import { hostChipSources } from './chipSources';
import { useChatFocus } from './chatFocus';
import { getChat, useChat } from './chatService';
import { draftKey, emptyDraft } from './chatStore';
import { messageOf } from './chatController';
import { formatUsage, shortModel, usageDetail } from './format';
import type { Mode } from './model';
import { useChipSuggestions } from './useChipSuggestions';

/**
 * The prompt box: attached chips, the text (`#` opens the context menu), mode, model and session meter, and
 * Send / Stop. Enter sends, Shift+Enter breaks the line.
 */
export function Composer() {
  const chat = getChat();
  const draft = useChat((s) => s.drafts[draftKey(s)] ?? emptyDraft);
  const active = useChat((s) => s.active);
  const session = useChat((s) => (s.active ? s.sessions[s.active] : undefined));
  const sending = useChat((s) => s.sending);
  const [newMode, setNewMode] = useState<Mode>('supervised');
  const [newAgent, setNewAgent] = useState<string | undefined>(undefined);
  const [caret, setCaret] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const sources = useMemo(() => hostChipSources(getServices().client), []);
  const chips = useChipSuggestions(draft.text, caret, sources);
  const terminalTitle = (id: string) => useTerminals.getState().terminals.find((t) => t.id === id)?.title;

  const focusRequests = useChatFocus((s) => s.requests);
  useEffect(() => {
    if (focusRequests > 0) box.current?.focus();
  }, [focusRequests]);

  // Grow with the text up to a limit, then scroll.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 220)}px`;
  }, [draft.text]);

  const busy = session?.busy ?? false;
  const mode = session?.info.mode ?? newMode;
  const canSend = draft.text.trim().length > 0 && !busy && !sending;

  const setText = (text: string, nextCaret: number) => {
    chat.setDraft({ ...draft, text });
    setCaret(nextCaret);
    requestAnimationFrame(() => box.current?.setSelectionRange(nextCaret, nextCaret));
  };

  const choose = (s: Suggestion) => {
    const menu = chips.menu;
    if (!menu) return;
    if (s.action.type === 'provider') {
      const insert = `${s.label}:`;
      const text = draft.text.slice(0, menu.trigger.start) + insert + draft.text.slice(menu.trigger.end);
      setText(text, menu.trigger.start + insert.length);
      return;
    }
    const { text, caret: at } = removeTrigger(draft.text, menu.trigger);
    chat.setDraft({ text, chips: addChip(draft.chips, s.action.chip) });
    setCaret(at);
    requestAnimationFrame(() => box.current?.setSelectionRange(at, at));
  };

  const send = () => {
    if (!canSend) return;
    setError(null);
    chat.send(active ? undefined : newMode, active ? undefined : newAgent).catch((err) => setError(messageOf(err)));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    const menu = chips.menu;
    if (menu && menu.items.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        chips.move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const item = menu.items[menu.selected];
        if (item) choose(item);
        return;
      }
    }
    if (menu && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      chips.dismiss();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  };

  const toggleMode = (next: Mode) => {
    if (next === mode) return;
    if (!active) return setNewMode(next);
    chat.setMode(active, next).catch((err) => setError(messageOf(err)));
  };

  const chooseAgent = (agent: string | null) => {
    if (!active) return setNewAgent(agent ?? undefined);
    chat.setCustomAgent(active, agent).catch((err) => setError(messageOf(err)));
  };

  const menu = chips.menu;
  return (
    <div className="chat-composer" data-testid="chat-composer">
      {menu && (menu.items.length > 0 || menu.error) && (
        <ul className="chat-suggest" role="listbox" aria-label="Context" data-testid="chat-suggest">
          {menu.error && <li className="chat-suggest-error">{menu.error}</li>}
          {menu.items.map((s, i) => (
            <li
              key={`${s.label}|${i}`}
              role="option"
              aria-selected={i === menu.selected}
              className={i === menu.selected ? 'selected' : undefined}
              data-testid="chat-suggest-item"
              onMouseEnter={() => chips.select(i)}
              // mousedown, not click: the text box must keep focus and its caret.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
            >
              <span className="chat-suggest-label">{s.label}</span>
              {s.description && <span className="chat-suggest-desc">{s.description}</span>}
            </li>
          ))}
        </ul>
      )}
      {draft.chips.length > 0 && (
        <div className="chat-chips" data-testid="chat-chips">
          {draft.chips.map((c, i) => (
            <span key={`${c.kind}|${c.target ?? ''}`} className="chat-chip" data-testid="chat-chip">
              {chipLabel(c, { terminal: terminalTitle })}
              <button aria-label={`Remove ${chipLabel(c)}`} onClick={() => chat.setDraft({ ...draft, chips: draft.chips.filter((_, j) => j !== i) })}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      <textarea
        ref={box}
        className="chat-input"
        data-testid="chat-input"
        aria-label="Prompt"
        rows={2}
        placeholder={busy ? 'The agent is working… (type your next prompt)' : 'Ask or describe a change — # adds context'}
        value={draft.text}
        onChange={(e) => {
          chat.setDraft({ ...draft, text: e.target.value });
          setCaret(e.target.selectionStart);
          if (e.target.value.endsWith('#')) chips.resetDismiss();
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p className="chat-send-error" role="alert" data-testid="chat-send-error">
          {error}
        </p>
      )}
      <div className="chat-composer-bar">
        <div className="chat-mode" role="radiogroup" aria-label="Mode">
          {(['supervised', 'autopilot'] as const).map((m) => (
            <button
              key={m}
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'on' : undefined}
              data-testid={`chat-mode-${m}`}
              title={m === 'supervised' ? 'Edits wait for your review' : 'Edits are applied at once, behind a checkpoint'}
              onClick={() => toggleMode(m)}
            >
              {m === 'supervised' ? 'Supervised' : 'Autopilot'}
            </button>
          ))}
        </div>
        <AgentPicker value={session ? session.info.customAgent : newAgent} onChange={chooseAgent} />
        <span className="chat-bar-gap" />
        {busy && active ? (
          <button className="button secondary chat-stop" data-testid="chat-stop" onClick={() => void chat.stop(active).catch((err) => setError(messageOf(err)))}>
            Stop
          </button>
        ) : (
          <button className="button primary chat-send" data-testid="chat-send" disabled={!canSend} onClick={send}>
            Send
          </button>
        )}
      </div>
      {session && (
        <div className="chat-meter" data-testid="chat-meter" title={usageDetail(session.sessionUsage, session.modelId)}>
          <span className="chat-model">{shortModel(session.modelId)}</span>
          {session.sessionUsage.usage.outputTokens > 0 && <span>session: {formatUsage(session.sessionUsage)}</span>}
        </div>
      )}
    </div>
  );
}
