import { lazy } from 'react';
import { useTabs } from '../state/tabs';
import { registerCommands, registerEditor } from '../workbench/contributions';
import { isSettingsDirty, useAgentSettings } from './settingsStore';

/** The Settings editor is one tab, `settings:agent`. */
export const AGENT_SETTINGS_TAB = 'settings:agent';

const SettingsEditor = lazy(() => import('./SettingsEditor').then((m) => ({ default: m.SettingsEditor })));

registerEditor({
  scheme: 'settings',
  component: SettingsEditor,
  title: () => 'Agent Settings',
  description: () => 'Agent settings: models, providers, mode, prices',
  isDirty: () => isSettingsDirty(),
  save: () => useAgentSettings.getState().save(),
  // A closed tab forgets its draft; the next open reads the saved settings again.
  onClose: () => useAgentSettings.setState({ saved: null, draft: null, rows: [], tests: {}, saveError: undefined }),
});

export function openAgentSettings(): void {
  useTabs.getState().open(AGENT_SETTINGS_TAB);
}

registerCommands((register) => {
  register({ id: 'keel.settings.openAgent', category: 'Preferences', title: 'Open Agent Settings', keybindings: ['Ctrl+,'], run: openAgentSettings });
});
