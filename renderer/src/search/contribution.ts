import { registerCommands, registerSideView } from '../workbench/contributions';
import { registerSearchCommands } from './searchCommands';
import { SearchIcon } from './SearchIcon';
import { SearchView } from './SearchView';

registerSideView({
  id: 'search',
  title: 'Search',
  icon: SearchIcon,
  order: 20,
  commandId: 'workbench.view.search',
  component: SearchView,
});
registerCommands((register) => registerSearchCommands(register));
