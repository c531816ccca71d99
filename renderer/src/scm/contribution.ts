// Source control: the side view, the diff editor tabs, the status-bar item and the commands (issue #9).
import { lazy } from 'react';
import { useLayout } from '../state/layout';
import { registerCommands, registerEditor, registerSideView, registerStatusItem } from '../workbench/contributions';
import { showBranchPicker, startCreateBranch } from './branchPicker';
import { commit, refreshStatus } from './scmController';
import { parseScmDiffTab, scmDiffTitle } from './scmDiffTab';
import { ScmIcon } from './ScmIcons';
import { ScmStatusItem } from './ScmStatusItem';
import { focusCommitMessage, ScmView } from './ScmView';

// The diff editor brings Monaco; it loads with the first diff opened.
const ScmDiffEditor = lazy(() => import('./ScmDiffEditor'));

registerSideView({ id: 'scm', title: 'Source Control', icon: ScmIcon, order: 30, commandId: 'workbench.view.scm', component: ScmView });

registerEditor({
  scheme: 'scm-diff',
  component: ScmDiffEditor,
  title: scmDiffTitle,
  description: (tab) => {
    const { side, path } = parseScmDiffTab(tab);
    return side === 'staged' ? `${path} (HEAD ↔ Index)` : `${path} (Index ↔ Working Tree)`;
  },
});

registerStatusItem({ id: 'scm.branch', align: 'left', order: 5, component: ScmStatusItem });

registerCommands((register) => {
  register({
    id: 'workbench.view.scm',
    category: 'View',
    title: 'Show Source Control',
    keybindings: ['ctrlcmd+shift+g'],
    inTerminal: true,
    run: () => {
      useLayout.getState().showSideView('scm');
      focusCommitMessage();
    },
  });
  register({ id: 'git.checkout', category: 'Git', title: 'Checkout to…', run: () => showBranchPicker() });
  register({ id: 'git.branch', category: 'Git', title: 'Create Branch…', run: () => startCreateBranch() });
  register({ id: 'git.commit', category: 'Git', title: 'Commit', run: async () => void (await commit()) });
  register({ id: 'git.refresh', category: 'Git', title: 'Refresh', run: () => refreshStatus() });
});
