// The Steering side view and its commands (issue #5 item 4). Everything but the icon loads on first use, so the
// pane (and the specs-schema parser it uses) stays out of the start-up chunk.
import { lazy } from 'react';
import { useLayout } from '../state/layout';
import { registerCommands, registerSideView } from '../workbench/contributions';
import { SteeringIcon } from './SteeringIcon';

const SteeringView = lazy(() => import('./SteeringView').then((m) => ({ default: m.SteeringView })));

registerSideView({ id: 'steering', title: 'Steering', icon: SteeringIcon, order: 45, commandId: 'kiro.steering.show', component: SteeringView });

registerCommands((register) => {
  register({ id: 'kiro.steering.show', category: 'View', title: 'Show Steering', run: () => useLayout.getState().showSideView('steering') });
  register({
    id: 'kiro.steering.createDefaults',
    category: 'Steering',
    title: 'Create Default Steering Files',
    run: async () => {
      useLayout.getState().showSideView('steering');
      const { createDefaults } = await import('./steeringActions');
      await createDefaults();
    },
  });
});
