import { useEffect } from 'react';
import { useLayout } from '../state/layout';
import { BranchIcon } from './ScmIcons';
import { showBranchPicker } from './branchPicker';
import { startScm } from './scmController';
import { useScm } from './scmStore';

/** Branch (click: switch branch) and the number of changed files (click: Source Control), as in VS Code. */
export function ScmStatusItem() {
  const summary = useScm((s) => s.summary);
  useEffect(() => startScm(), []);
  if (!summary || summary.state !== 'repo') return null;
  const { staged, changes, conflicts } = summary.counts;
  const total = staged + changes + conflicts;
  return (
    <>
      <button className="status-item status-button" data-testid="status-branch" title={`${summary.branch ?? ''}${summary.detached ? ' (detached)' : ''} — switch branch`} onClick={() => void showBranchPicker()}>
        <BranchIcon />
        {summary.branch ?? '—'}
        {summary.unborn ? ' (no commits)' : ''}
      </button>
      <button
        className="status-item status-button"
        data-testid="status-changes"
        title={`${changes} change(s), ${staged} staged${conflicts ? `, ${conflicts} conflict(s)` : ''} — show Source Control`}
        onClick={() => useLayout.getState().showSideView('scm')}
      >
        {total === 0 ? 'No changes' : `${total.toLocaleString()} change${total === 1 ? '' : 's'}`}
      </button>
    </>
  );
}
