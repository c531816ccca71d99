import { useLayout } from '../state/layout';
import { registerCommands } from '../workbench/contributions';

// MCP servers are a section of the Hooks view (hooks and MCP are both "what this folder runs"); this command
// takes the user there.
registerCommands((register) => {
  register({ id: 'keel.mcp.show', category: 'MCP', title: 'Show MCP Servers', run: () => useLayout.getState().showSideView('hooks') });
});
