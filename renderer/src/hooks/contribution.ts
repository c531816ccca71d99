import { lazy } from 'react';
import { useLayout } from '../state/layout';
import { registerCommands, registerEditor, registerSideView } from '../workbench/contributions';
import { HooksIcon } from './HookIcons';
import { isHookTabDirty, saveHookTab, useHookEditors } from './hookEditorStore';
import { hookFileOf, isNewHookTab, newHookTabId, HOOK_SCHEME } from './hookTab';
import { HooksView } from './HooksView';
import { useTabs } from '../state/tabs';

// The hook form brings specs-schema (and zod): loaded with the first hook opened, not at start-up.
const HookEditor = lazy(() => import('./HookEditor'));

registerSideView({ id: 'hooks', title: 'Hooks', icon: HooksIcon, order: 60, commandId: 'keel.hooks.show', component: HooksView });

registerEditor({
  scheme: HOOK_SCHEME,
  component: HookEditor,
  title: (tab) => (isNewHookTab(tab) ? 'New Hook' : (hookFileOf(tab).split('/').pop()?.replace(/\.kiro\.hook$/, '') ?? 'Hook')),
  description: (tab) => (isNewHookTab(tab) ? 'A new hook (saved under .kiro/hooks/)' : `Hook ${hookFileOf(tab)}`),
  isDirty: isHookTabDirty,
  save: saveHookTab,
  onClose: (tab) => useHookEditors.getState().drop(tab),
});

registerCommands((register) => {
  register({ id: 'keel.hooks.show', category: 'View', title: 'Show Hooks', inTerminal: true, run: () => useLayout.getState().showSideView('hooks') });
  register({
    id: 'keel.hooks.new',
    category: 'Hooks',
    title: 'New Hook',
    run: () => {
      useLayout.getState().showSideView('hooks');
      useTabs.getState().open(newHookTabId());
    },
  });
});
