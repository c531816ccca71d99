import { useState } from 'react';
import { notifyError } from '../state/notifications';
import { CommandText } from '../widgets/command/CommandText';
import { getChat } from './chatService';
import type { ChatItem } from './model';

type Decision = 'run' | 'runAndTrust' | 'modify' | 'reject';

/** The agent wants to run a command: Run / Run and trust / Modify / Reject, answered here. */
export function ApprovalCard({ item }: { item: Extract<ChatItem, { kind: 'approval' }> }) {
  const [editing, setEditing] = useState(false);
  const [command, setCommand] = useState(item.command);
  const [sent, setSent] = useState(false);
  const answer = (decision: Decision) => {
    setSent(true);
    getChat()
      .answerCommand(item.requestId, decision, decision === 'modify' ? command : undefined)
      .catch((err) => {
        setSent(false);
        notifyError('Could not answer the command request', err);
      });
  };
  const waiting = !item.done && !sent;
  return (
    <div className={`chat-approval${waiting ? ' waiting' : ''}`} data-testid="chat-approval">
      <div className="chat-approval-title">{waiting ? 'Run this command?' : 'Command'}</div>
      {editing && waiting ? (
        <textarea className="chat-approval-edit" value={command} onChange={(e) => setCommand(e.target.value)} rows={Math.min(6, command.split('\n').length + 1)} aria-label="Command to run" />
      ) : (
        <CommandText command={item.command} testId="chat-approval-command" />
      )}
      <div className="chat-approval-cwd">in {item.cwd || 'the workspace folder'}</div>
      {waiting && (
        <div className="chat-approval-actions">
          {editing ? (
            <button className="button primary" onClick={() => answer('modify')} disabled={!command.trim()}>
              Run modified
            </button>
          ) : (
            <>
              <button className="button primary" data-testid="chat-approval-run" onClick={() => answer('run')}>
                Run
              </button>
              <button className="button secondary" onClick={() => answer('runAndTrust')} title="Run, and run commands like this one without asking">
                Run and trust
              </button>
              <button className="button secondary" onClick={() => setEditing(true)}>
                Modify
              </button>
            </>
          )}
          <button className="button secondary" data-testid="chat-approval-reject" onClick={() => answer('reject')}>
            Reject
          </button>
        </div>
      )}
    </div>
  );
}
