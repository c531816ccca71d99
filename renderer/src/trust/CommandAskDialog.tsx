import { useState } from 'react';
import type { CommandAnswer, CommandAsk, PermissionScope } from '../../../protocol';
import { getServices } from '../app/services';
import { notifyError } from '../state/notifications';
import { CommandInline, CommandText } from '../widgets/command/CommandText';
import { Icon } from '../workbench/icons';
import { Modal } from './Modal';

const ORIGIN: Record<string, string> = {
  substitution: 'inside $(…)',
  'inner-script': 'inside a script given to a shell',
  'exec-argument': 'run by another command',
  'function-body': 'in a function',
};

/**
 * The agent (or an askAgent hook) wants to run a command that is not trusted, or that a permissions rule asks about
 * (the rule is named): Run / Always allow (saved to the chosen scope's permissions.yaml) / Modify / Reject.
 */
export function CommandAskDialog({ ask, more }: { ask: CommandAsk; more: number }) {
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState(ask.command);
  const [busy, setBusy] = useState(false);
  // Where "Always allow" writes its rule (Kiro's permissions.yaml of this workspace, or the user's own).
  const [scope, setScope] = useState<PermissionScope>('user');
  const answer = (a: CommandAnswer) => {
    setBusy(true);
    getServices()
      .client.request('trust/answerCommand', { id: ask.id, answer: a })
      .catch((err) => notifyError('Could not answer the command', err))
      .finally(() => setBusy(false));
  };
  const destructive = ask.warnings.length > 0;
  const who = ask.source === 'agent' ? 'The agent' : 'A hook';
  return (
    <Modal title={`${who} wants to run a command`} testId="command-ask" wide onDismiss={() => answer({ choice: 'reject' })}>
      {editing ? (
        <textarea
          className="trust-command-edit"
          data-testid="command-edit"
          data-autofocus
          value={edited}
          spellCheck={false}
          rows={Math.min(8, Math.max(2, edited.split('\n').length))}
          onChange={(e) => setEdited(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && edited.trim()) answer({ choice: 'modify', command: edited });
          }}
        />
      ) : (
        <CommandText command={ask.command} testId="command-text" />
      )}
      {ask.cwd && <div className="trust-meta">in {ask.cwd}</div>}
      {ask.rule && (
        <div className="trust-meta" data-testid="command-rule">
          Asked because of a permissions rule: <code>{ask.rule.label}</code>
        </div>
      )}
      {destructive && (
        <div className="trust-warning" data-testid="command-warning" role="alert">
          <Icon name="warning" size={16} />
          <div>
            {ask.warnings.map((w) => (
              <div key={w}>{w}</div>
            ))}
          </div>
        </div>
      )}
      {ask.parseError && <div className="trust-warning">{ask.parseError}</div>}
      {ask.commands.length > 1 || ask.commands.some((c) => !c.trusted) ? (
        <ul className="trust-commands" aria-label="Commands in this line">
          {ask.commands.map((c, i) => (
            <li key={i} className={c.trusted ? 'trusted' : 'untrusted'}>
              <span className="trust-mark">{c.trusted ? '✓' : '?'}</span>
              <CommandInline text={c.text} />
              <span className="trust-reason">
                {c.reason}
                {ORIGIN[c.origin] ? ` · ${ORIGIN[c.origin]}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="dialog-buttons">
        {more > 0 && <span className="trust-more">{more} more waiting</span>}
        <button className="button secondary" disabled={busy} data-testid="command-reject" onClick={() => answer({ choice: 'reject' })}>
          Reject
        </button>
        {editing ? (
          <button className="button primary" disabled={busy || !edited.trim()} data-testid="command-run-modified" onClick={() => answer({ choice: 'modify', command: edited })}>
            Run Edited Command
          </button>
        ) : (
          <>
            <button className="button secondary" disabled={busy} data-testid="command-modify" onClick={() => setEditing(true)}>
              Modify…
            </button>
            {ask.suggestedPatterns.length > 0 && (
              <select
                className="trust-scope"
                data-testid="command-trust-scope"
                aria-label="Where to save the always-allow rule"
                title="Where the allow rule is written: ~/.kiro/settings/permissions.yaml (everywhere) or .kiro/settings/permissions.yaml (this workspace)"
                value={scope}
                disabled={busy}
                onChange={(e) => setScope(e.target.value as PermissionScope)}
              >
                <option value="user" title="~/.kiro/settings/permissions.yaml">Save for: all my workspaces</option>
                <option value="workspace" title=".kiro/settings/permissions.yaml">Save for: this workspace</option>
              </select>
            )}
            {ask.suggestedPatterns.length > 0 && (
              <button
                className="button secondary"
                disabled={busy}
                data-testid="command-run-trust"
                title="Runs it now and writes an allow rule for commands starting with this to the chosen permissions.yaml"
                onClick={() => answer({ choice: 'runAndTrust', patterns: ask.suggestedPatterns, scope })}
              >
                Always Allow <code>{ask.suggestedPatterns.join(', ')}</code>
              </button>
            )}
            <button className={`button ${destructive ? 'danger' : 'primary'}`} disabled={busy} data-testid="command-run" onClick={() => answer({ choice: 'run' })}>
              Run
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
