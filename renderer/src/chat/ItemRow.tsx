import { memo } from 'react';
import { getServices } from '../app/services';
import { useDialog } from '../state/dialog';
import { notifyError } from '../state/notifications';
import { useTerminals } from '../state/terminals';
import { ApprovalCard } from './ApprovalCard';
import { ChangesetCard } from './ChangesetCard';
import { ToolCard } from './ToolCard';
import { chipLabel } from './chips';
import { getChat } from './chatService';
import { formatUsage, shortModel, usageDetail } from './format';
import { IsolatedMarkdown } from './markdown/IsolatedMarkdown';
import type { ChatItem } from './model';

const terminalTitle = (id: string) => useTerminals.getState().terminals.find((t) => t.id === id)?.title;

/** Errors the user fixes in the agent settings (credentials, region, model access, endpoint). */
const SETTINGS_ERRORS = new Set(['accessDenied', 'modelNotEnabled', 'endpoint', 'validation']);

/** One transcript row. Memoised: a finished item keeps its object, so it does not render again. */
export const ItemRow = memo(function ItemRow({ item, sessionId, busy }: { item: ChatItem; sessionId: string; busy: boolean }) {
  switch (item.kind) {
    case 'user':
      return <UserMessage item={item} sessionId={sessionId} busy={busy} />;
    case 'text':
      return (
        <div className={`chat-answer${item.streaming ? ' streaming' : ''}`} data-testid="chat-answer">
          <IsolatedMarkdown text={item.text} final={!item.streaming} />
        </div>
      );
    case 'tool':
      return <ToolCard item={item} />;
    case 'changeset':
      return <ChangesetCard item={item} />;
    case 'approval':
      return <ApprovalCard item={item} />;
    case 'notice':
      return (
        <div className="chat-notice" data-testid="chat-notice">
          {item.text}
        </div>
      );
    case 'error': {
      const settings = SETTINGS_ERRORS.has(item.errorKind) ? getServices().registry.get('keel.settings.openAgent') : undefined;
      return (
        <div className="chat-error" role="alert" data-testid="chat-error" data-kind={item.errorKind}>
          <p>{item.message}</p>
          {settings && (
            <button className="button secondary" onClick={() => void getServices().registry.execute(settings.id)}>
              Open Agent Settings
            </button>
          )}
        </div>
      );
    }
    case 'turnEnd':
      return <TurnFooter item={item} />;
  }
});

function UserMessage({ item, sessionId, busy }: { item: Extract<ChatItem, { kind: 'user' }>; sessionId: string; busy: boolean }) {
  const restore = async () => {
    const answer = await useDialog.getState().ask({
      title: 'Restore to before this prompt?',
      detail: 'Files the agent changed since then and the conversation from this prompt on are rolled back.',
      buttons: [
        { id: 'restore', label: 'Restore', primary: true, danger: true },
        { id: 'cancel', label: 'Cancel' },
      ],
    });
    if (answer === 'restore') await getChat().restoreCheckpoint(sessionId, item.checkpointId!).catch((err) => notifyError('Could not restore the checkpoint', err));
  };
  return (
    <div className="chat-user" data-testid="chat-user">
      <div className="chat-user-text" data-testid="chat-user-text">{item.text}</div>
      {(item.chips.length > 0 || item.checkpointId) && (
        <div className="chat-user-foot">
          {item.chips.map((c, i) => (
            <span key={i} className="chat-chip static">
              {chipLabel(c, { terminal: terminalTitle })}
            </span>
          ))}
          {item.checkpointId && !busy && (
            <button className="chat-link-button" title="Roll files and conversation back to before this prompt" onClick={() => void restore()}>
              Restore checkpoint
            </button>
          )}
        </div>
      )}
    </div>
  );
}

const STOP_LABELS: Record<string, string> = {
  aborted: 'Stopped',
  error: 'Failed',
  max_tokens: 'Cut off: the answer reached the model’s output limit',
  max_rounds: 'Stopped after too many tool rounds',
  content_filtered: 'Blocked by the model’s content filter',
};

function TurnFooter({ item }: { item: Extract<ChatItem, { kind: 'turnEnd' }> }) {
  const label = STOP_LABELS[item.stopReason];
  return (
    <div className="chat-turn-end" data-testid="chat-turn-end" data-stop-reason={item.stopReason} title={usageDetail(item.usage, item.modelId)}>
      {label && <span className="chat-turn-stop">{label}</span>}
      {item.modelId && <span>{shortModel(item.modelId)}</span>}
      {item.usage && <span data-testid="chat-turn-usage">{formatUsage(item.usage)}</span>}
    </div>
  );
}
