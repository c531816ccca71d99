import { lazy } from 'react';
import { registerCommands, registerPanel } from '../workbench/contributions';
import { useLayout } from '../state/layout';
import { useProblemsBadge } from './problemsBadge';

const ProblemsPanel = lazy(() => import('./ProblemsPanel').then((m) => ({ default: m.ProblemsPanel })));

registerPanel({ id: 'problems', title: 'Problems', order: 20, component: ProblemsPanel, useBadge: useProblemsBadge });

registerCommands((register) => {
  register({
    id: 'workbench.actions.view.problems',
    category: 'View',
    title: 'Show Problems',
    keybindings: ['ctrlcmd+shift+m'],
    inTerminal: true,
    run: () => useLayout.getState().showPanel('problems'),
  });
});
