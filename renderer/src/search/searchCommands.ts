import type { CommandSpec } from '../commands/registry';
import { useLayout } from '../state/layout';
import { stepMatch } from './searchController';
import { useSearch } from './searchStore';
import { focusSearchInput } from './SearchView';

const hasResults = () => useSearch.getState().files.length > 0;

/** The Search view's commands, with VS Code's ids and keys. */
export function registerSearchCommands(register: (spec: CommandSpec) => unknown): void {
  register({
    id: 'workbench.view.search',
    category: 'View',
    title: 'Show Search',
    keybindings: ['ctrlcmd+shift+f'],
    inTerminal: true,
    run: () => {
      useLayout.getState().showSideView('search');
      focusSearchInput();
    },
  });
  register({
    id: 'search.action.focusNextSearchResult',
    category: 'Search',
    title: 'Focus Next Search Result',
    keybindings: ['f4'],
    enabled: hasResults,
    run: () => stepMatch(1),
  });
  register({
    id: 'search.action.focusPreviousSearchResult',
    category: 'Search',
    title: 'Focus Previous Search Result',
    keybindings: ['shift+f4'],
    enabled: hasResults,
    run: () => stepMatch(-1),
  });
}
