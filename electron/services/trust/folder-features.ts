import type { FolderContext } from '../app/folder-service';
import { hooksServiceKey } from '../hooks/hooks-service';
import { mcpServiceKey } from '../mcp/mcp-service';
import { commandApprovalKey } from './command-approval';
import { workspaceTrustKey } from './workspace-trust';

/**
 * What starts with every folder (run through `workbench.whenOpen`): trust (its changes broadcast as
 * `trust/changed`), the hooks engine (saves and watcher events), the MCP servers (started only once trusted) and
 * the command gate. Each is a folder service, so closing the folder disposes all of them.
 */
export function startFolderFeatures(ctx: FolderContext): void {
  const trust = ctx.scoped(workspaceTrustKey);
  trust.onDidChange((state) => ctx.emit('trust/changed', state));
  ctx.scoped(commandApprovalKey);
  ctx.scoped(hooksServiceKey);
  ctx.scoped(mcpServiceKey);
}
