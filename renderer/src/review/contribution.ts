import { lazy } from 'react';
import { useTabs } from '../state/tabs';
import { registerCommands, registerEditor, registerStatusItem } from '../workbench/contributions';
import { PendingChangesStatus } from './PendingChangesStatus';
import { isReviewTab, reviewIdOf, reviewTabTitle } from './openReview';
import { reviewController } from './reviewNav';
import { showChanges } from './showChanges';

// The review editor (and Monaco's diff editor with it) loads with the first review opened.
const ReviewEditor = lazy(() => import('./ReviewEditor'));

registerEditor({
  scheme: 'review',
  component: ReviewEditor,
  title: reviewTabTitle,
  description: (tab) => `Review of change ${reviewIdOf(tab)}`,
});

registerStatusItem({ id: 'review.pending', align: 'left', order: 15, component: PendingChangesStatus });

const activeReview = () => {
  const tab = useTabs.getState().active;
  return isReviewTab(tab) ? reviewController(tab) : undefined;
};

// VS Code's diff navigation keys (Alt+F5 / Shift+Alt+F5, F7 / Shift+F7); Alt+Y / Alt+N decide the current hunk.
registerCommands((register, services) => {
  register({ id: 'keel.review.showChanges', category: 'Review', title: 'Show Changes', run: () => showChanges(services) });
  const when = () => activeReview() !== undefined;
  register({ id: 'keel.review.nextHunk', category: 'Review', title: 'Go to Next Change', keybindings: ['Alt+F5', 'F7'], enabled: when, run: () => activeReview()?.step(1) });
  register({ id: 'keel.review.previousHunk', category: 'Review', title: 'Go to Previous Change', keybindings: ['Shift+Alt+F5', 'Shift+F7'], enabled: when, run: () => activeReview()?.step(-1) });
  register({ id: 'keel.review.acceptHunk', category: 'Review', title: 'Accept Hunk', keybindings: ['Alt+Y'], enabled: when, run: () => activeReview()?.decideCurrent('accepted') });
  register({ id: 'keel.review.rejectHunk', category: 'Review', title: 'Reject Hunk', keybindings: ['Alt+N'], enabled: when, run: () => activeReview()?.decideCurrent('rejected') });
});
