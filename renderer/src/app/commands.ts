import { useDocuments } from '../state/documents';
import { useLayout } from '../state/layout';
import { useQuickInput } from '../state/quickInput';
import { useTabs } from '../state/tabs';
import { useTerminals } from '../state/terminals';
import { useWorkspace } from '../state/workspace';
import { closeActive, closeEditors, closeOthers, openFolder, reopenClosed, save, saveAll, startCreate } from './actions';
import type { Services } from './services';
import { runCommandContributions } from '../workbench/contributions';

const recentOthers = () => {
  const { recent, root } = useWorkspace.getState();
  return recent.filter((p) => p !== root);
};
const hasActiveEditor = () => useTabs.getState().active !== null;
const hasTabs = () => useTabs.getState().tabs.length > 0;

/** Shows the panel, creating a first terminal if there is none (VS Code's Ctrl+`). */
export async function showTerminal(services: Services): Promise<void> {
  useLayout.getState().showPanel('terminal');
  await services.terminals.restore().catch(() => {});
  if (useTerminals.getState().terminals.length === 0) await services.terminals.create();
  else services.terminals.focusActive();
}

/** The workbench's commands with VS Code's ids and default keybindings. */
export function registerWorkbenchCommands(services: Services): void {
  const { registry, terminals } = services;
  const r = registry.register.bind(registry);

  r({
    id: 'workbench.action.showCommands',
    title: 'Show All Commands',
    keybindings: ['ctrlcmd+shift+p', 'f1'],
    inTerminal: true,
    run: () => useQuickInput.getState().show('commands'),
  });
  r({
    id: 'workbench.action.quickOpen',
    title: 'Go to File...',
    keybindings: ['ctrlcmd+p'],
    inTerminal: true,
    run: () => useQuickInput.getState().show('files'),
  });
  r({
    id: 'workbench.action.toggleSidebarVisibility',
    category: 'View',
    title: 'Toggle Primary Side Bar Visibility',
    keybindings: ['ctrlcmd+b'],
    inTerminal: true,
    run: () => useLayout.getState().toggleSidebar(),
  });
  r({
    id: 'workbench.view.explorer',
    category: 'View',
    title: 'Show Explorer',
    keybindings: ['ctrlcmd+shift+e'],
    inTerminal: true,
    run: () => useLayout.getState().showSideView('explorer'),
  });
  r({
    id: 'workbench.action.togglePanel',
    category: 'View',
    title: 'Toggle Panel Visibility',
    keybindings: ['ctrlcmd+j'],
    inTerminal: true,
    run: () => {
      const layout = useLayout.getState();
      if (layout.panelVisible) layout.setPanel(false);
      // The panel comes back with the tab it last showed; the terminal tab makes sure a terminal exists.
      else if (layout.panelView === 'terminal') void showTerminal(services);
      else layout.setPanel(true);
    },
  });
  r({
    id: 'workbench.action.terminal.toggleTerminal',
    category: 'View',
    title: 'Toggle Terminal',
    keybindings: ['ctrl+`'],
    inTerminal: true,
    run: () => {
      const layout = useLayout.getState();
      if (layout.panelVisible && layout.panelView === 'terminal') layout.setPanel(false);
      else void showTerminal(services);
    },
  });
  r({
    id: 'workbench.action.terminal.new',
    category: 'Terminal',
    title: 'Create New Terminal',
    keybindings: ['ctrl+shift+`'],
    inTerminal: true,
    run: async () => {
      useLayout.getState().showPanel('terminal');
      await terminals.restore().catch(() => {});
      await terminals.create();
    },
  });
  r({
    id: 'workbench.action.terminal.kill',
    category: 'Terminal',
    title: 'Kill the Active Terminal Instance',
    enabled: () => useTerminals.getState().active !== null,
    run: async () => {
      const id = useTerminals.getState().active;
      if (id) await terminals.kill(id);
    },
  });
  r({
    id: 'workbench.action.files.save',
    category: 'File',
    title: 'Save',
    keybindings: ['ctrlcmd+s'],
    enabled: hasActiveEditor,
    // A contributed editor (a spec) saves what it shows through its own save.
    run: () => save(),
  });
  r({
    id: 'workbench.action.files.saveAll',
    category: 'File',
    title: 'Save All',
    keybindings: ['ctrlcmd+k s'],
    enabled: () => Object.values(useDocuments.getState().docs).some((d) => d.dirty),
    run: saveAll,
  });
  r({
    id: 'workbench.action.files.newUntitledFile',
    category: 'File',
    title: 'New File...',
    keybindings: ['ctrlcmd+alt+n'],
    run: async () => {
      useLayout.getState().setSidebar(true);
      await startCreate('newFile');
    },
  });
  r({
    id: 'explorer.newFolder',
    category: 'File',
    title: 'New Folder...',
    run: async () => {
      useLayout.getState().setSidebar(true);
      await startCreate('newFolder');
    },
  });
  r({
    id: 'workbench.action.closeActiveEditor',
    category: 'View',
    title: 'Close Editor',
    keybindings: ['ctrlcmd+w', 'ctrl+f4'],
    enabled: hasActiveEditor,
    run: async () => void (await closeActive()),
  });
  r({
    id: 'workbench.action.closeOtherEditors',
    category: 'View',
    title: 'Close Other Editors in Group',
    enabled: () => useTabs.getState().tabs.length > 1,
    run: async () => void (await closeOthers()),
  });
  r({
    id: 'workbench.action.closeAllEditors',
    category: 'View',
    title: 'Close All Editors',
    keybindings: ['ctrlcmd+k ctrlcmd+w'],
    enabled: hasTabs,
    run: async () => void (await closeEditors([...useTabs.getState().tabs])),
  });
  r({
    id: 'workbench.action.reopenClosedEditor',
    category: 'View',
    title: 'Reopen Closed Editor',
    keybindings: ['ctrlcmd+shift+t'],
    run: reopenClosed,
  });
  r({
    id: 'workbench.action.nextEditor',
    category: 'View',
    title: 'Open Next Editor',
    keybindings: ['ctrl+pagedown'],
    enabled: hasTabs,
    run: () => useTabs.getState().activateRelative(1),
  });
  r({
    id: 'workbench.action.previousEditor',
    category: 'View',
    title: 'Open Previous Editor',
    keybindings: ['ctrl+pageup'],
    enabled: hasTabs,
    run: () => useTabs.getState().activateRelative(-1),
  });
  r({
    id: 'workbench.action.files.openFolder',
    category: 'File',
    title: 'Open Folder...',
    keybindings: ['ctrlcmd+k ctrlcmd+o'],
    enabled: () => useWorkspace.getState().canOpenFolder,
    run: () => openFolder(),
  });
  r({
    id: 'workbench.action.openRecent',
    category: 'File',
    title: 'Open Recent...',
    keybindings: ['ctrl+r'],
    enabled: () => recentOthers().length > 0,
    run: () =>
      useQuickInput.getState().showPick({
        placeholder: 'Select a folder to open',
        items: recentOthers().map((path) => ({
          label: path.split(/[\\/]/).filter(Boolean).pop() ?? path,
          description: path,
          run: () => void openFolder(path),
        })),
      }),
  });
  r({
    id: 'workbench.action.toggleTheme',
    category: 'Preferences',
    title: 'Toggle Light/Dark Theme',
    run: () => useLayout.getState().toggleTheme(),
  });
  r({
    id: 'workbench.files.action.refreshFilesExplorer',
    category: 'File',
    title: 'Refresh Explorer',
    run: () => services.explorer.getState().refreshAll(),
  });
  r({
    id: 'workbench.files.action.collapseExplorerFolders',
    category: 'View',
    title: 'Collapse Folders in Explorer',
    run: () => services.explorer.getState().collapseAll(),
  });
  runCommandContributions(r, services);
}
