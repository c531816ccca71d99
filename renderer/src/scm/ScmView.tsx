import { useEffect, useRef, type KeyboardEvent } from 'react';
import { getServices } from '../app/services';
import { InlineInput } from '../widgets/InlineInput';
import { Icon } from '../workbench/icons';
import { branchNameProblem } from './branchName';
import { createBranch, showBranchPicker } from './branchPicker';
import { BranchIcon, CheckIcon } from './ScmIcons';
import { ScmList } from './ScmList';
import { ScmLog } from './ScmLog';
import { commit, initRepository, refreshStatus, startScm } from './scmController';
import { useScm } from './scmStore';
import './scm.css';

/** Focus requests from Ctrl/Cmd+Shift+G, which may arrive before the view is mounted. */
let focusWanted = false;
const focusListeners = new Set<() => void>();
export function focusCommitMessage(): void {
  focusWanted = true;
  focusListeners.forEach((l) => l());
}

function isMac(): boolean {
  return getServices().registry.platform === 'mac';
}

function CommitBox() {
  const message = useScm((s) => s.message);
  const branch = useScm((s) => s.status?.branch);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const focus = () => {
      if (!focusWanted || !ref.current) return;
      focusWanted = false;
      ref.current.focus();
    };
    focusListeners.add(focus);
    focus();
    return () => void focusListeners.delete(focus);
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (isMac() ? e.metaKey : e.ctrlKey)) {
      e.preventDefault();
      void commit();
    }
  };
  const key = isMac() ? 'Cmd+Enter' : 'Ctrl+Enter';
  // The box grows with the message up to about ten lines, as VS Code's does.
  const rows = Math.min(10, Math.max(1, message.split('\n').length));
  return (
    <div className="scm-commit">
      <textarea
        ref={ref}
        className="scm-message"
        rows={rows}
        value={message}
        placeholder={`Message (${key} to commit${branch ? ` on "${branch}"` : ''})`}
        aria-label="Commit message"
        data-testid="scm-message"
        spellCheck
        onChange={(e) => useScm.getState().set({ message: e.target.value })}
        onKeyDown={onKeyDown}
      />
      <button className="button primary scm-commit-button" data-testid="scm-commit" onClick={() => void commit()} title={`Commit (${key})`}>
        <CheckIcon /> Commit
      </button>
    </div>
  );
}

function NotARepository() {
  return (
    <div className="scm-empty" data-testid="scm-no-repo">
      <p>The folder currently open doesn&apos;t have a git repository. You can initialize a repository which will enable source control features powered by git.</p>
      <button className="button primary" data-testid="scm-init" onClick={() => void initRepository()}>
        Initialize Repository
      </button>
    </div>
  );
}

/** Restricted Mode: git never runs here, since a repository's own config can make git run programs. */
function RestrictedMode() {
  return (
    <div className="scm-empty" data-testid="scm-restricted">
      <p>Source control is off in Restricted Mode: a repository&apos;s configuration can make git run programs, so Keel runs no git in a folder you have not trusted.</p>
      <button className="button primary" data-testid="scm-manage-trust" onClick={() => void getServices().registry.execute('keel.trust.manage')}>
        Manage Workspace Trust
      </button>
    </div>
  );
}

export function ScmView() {
  const status = useScm((s) => s.status);
  const error = useScm((s) => s.error);
  const busy = useScm((s) => s.busy);
  const creatingBranch = useScm((s) => s.creatingBranch);
  useEffect(() => {
    startScm();
    void refreshStatus();
  }, []);

  if (!status) {
    return (
      <div className="scm-view" data-testid="scm-view">
        {error ? <div className="scm-empty">{error}</div> : <div className="editor-loading" aria-busy="true" />}
      </div>
    );
  }
  if (status.state === 'none' || status.state === 'restricted') {
    return (
      <div className="scm-view" data-testid="scm-view">
        {status.state === 'none' ? <NotARepository /> : <RestrictedMode />}
      </div>
    );
  }
  return (
    <div className="scm-view" data-testid="scm-view">
      <div className={`scm-progress${busy > 0 ? ' active' : ''}`} aria-hidden="true" />
      <div className="scm-toolbar">
        <button className="scm-branch" data-testid="scm-branch" title="Switch or create a branch" onClick={() => void showBranchPicker()}>
          <BranchIcon />
          <span>{status.branch ?? 'no branch'}</span>
          {status.detached && <span className="scm-muted">(detached)</span>}
          {(status.ahead > 0 || status.behind > 0) && <span className="scm-muted">{`↓${status.behind} ↑${status.ahead}`}</span>}
        </button>
        <button className="scm-icon-button" title="Refresh" aria-label="Refresh" onClick={() => void refreshStatus()}>
          <Icon name="refresh" size={16} />
        </button>
      </div>
      {creatingBranch && (
        <div className="scm-branch-input" data-testid="scm-branch-input">
          <InlineInput initial="" validate={branchNameProblem} onCommit={(name) => void createBranch(name)} onCancel={() => useScm.getState().set({ creatingBranch: false })} />
        </div>
      )}
      <CommitBox />
      <ScmList />
      <ScmLog />
    </div>
  );
}
