import type { FileChange, McpState } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { defineFolderService } from '../app/folder-service';
import type { WorkspaceTrust } from '../trust/workspace-trust';
import { workspaceTrustKey } from '../trust/workspace-trust';
import { WORKSPACE_MCP_CONFIG } from './mcp-config';
import type { McpServerStatus } from './mcp-connection';
import { McpManager, type ToolApprovalGate } from './mcp-manager';

export interface McpServiceOptions {
  root: string;
  trust: WorkspaceTrust;
  onDidChangeFiles: (listener: (changes: readonly FileChange[]) => void) => Disposable;
  onState?: (state: McpState) => void;
  /** The user-level mcp.json (default `~/.kiro/settings/mcp.json`). */
  userConfigFile?: string;
}

/**
 * The open folder's MCP servers. Nothing starts until the folder is trusted; a trust decision or an approval of
 * a changed mcp.json reloads the servers at once. The agent reaches the tools through `manager` and sets the
 * gate that asks before a tool call (`setApprovalGate`); without one, only autoApproved tools may be called.
 */
export class McpService implements Disposable {
  readonly manager: Promise<McpManager>;
  private gate: ToolApprovalGate | undefined;
  private readonly disposables = new DisposableStore();

  constructor(private readonly options: McpServiceOptions) {
    const { trust } = options;
    this.manager = McpManager.start({
      root: options.root,
      trust: {
        isWorkspaceTrusted: async () => {
          await trust.ready.catch(() => undefined);
          return trust.isTrusted();
        },
        isConfigApproved: (content) => trust.isApprovedContent(WORKSPACE_MCP_CONFIG, content),
      },
      approval: { approve: (request) => (this.gate ? this.gate.approve(request) : Promise.resolve(false)) },
      fileEvents: { onDidChange: options.onDidChangeFiles },
      ...(options.userConfigFile ? { userConfigFile: options.userConfigFile } : {}),
    });
    this.manager.catch((err: unknown) => console.error('Keel: MCP could not start:', err));
    void this.manager.then((manager) => {
      if (this.disposables.isDisposed) return;
      this.disposables.add(manager.onDidChangeStatus((statuses) => this.options.onState?.(stateOf(statuses, manager))));
      this.disposables.add(trust.onDidChange(() => void manager.reload()));
      this.options.onState?.(stateOf(manager.statuses(), manager));
    }, () => undefined);
  }

  setApprovalGate(gate: ToolApprovalGate | undefined): void {
    this.gate = gate;
  }

  async state(): Promise<McpState> {
    const manager = await this.manager;
    return stateOf(manager.statuses(), manager);
  }

  async restart(name: string): Promise<void> {
    await (await this.manager).restart(name);
  }

  async dispose(): Promise<void> {
    await this.disposables.dispose();
    const manager = await this.manager.catch(() => undefined);
    await manager?.dispose();
  }
}

function stateOf(statuses: McpServerStatus[], manager: McpManager): McpState {
  return {
    servers: statuses.map((s) => ({
      name: s.name,
      scope: s.scope,
      transport: s.transport,
      state: s.state,
      ...(s.message ? { message: s.message } : {}),
      log: s.stderrTail,
      tools: s.tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), autoApproved: t.autoApproved })),
    })),
    problems: manager.configProblems(),
  };
}

export const mcpServiceKey = defineFolderService(
  'mcp',
  (ctx) =>
    new McpService({
      root: ctx.workspace.root,
      trust: ctx.scoped(workspaceTrustKey),
      onDidChangeFiles: ctx.workspace.onDidChangeFiles,
      onState: (state) => ctx.emit('mcp/changed', state),
    }),
);
