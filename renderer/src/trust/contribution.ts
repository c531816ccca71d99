import { registerCommands, registerStatusItem } from '../workbench/contributions';
import { TrustStatus } from './TrustStatus';
import { useTrust } from './trustStore';

// The status item is always mounted, so it also hosts the trust dialogs (first open, re-approval, command ask).
registerStatusItem({ id: 'trust', align: 'left', order: 5, component: TrustStatus });

registerCommands((register) => {
  register({
    id: 'keel.trust.manage',
    category: 'Workspace',
    title: 'Manage Workspace Trust',
    run: () => useTrust.getState().set({ dialogRequested: true, firstOpenDismissed: false }),
  });
});
