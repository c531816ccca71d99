import type { FileChange, McpState, McpToolAnswer, McpToolAsk } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { defineFolderService } from '../app/folder-service';
import type { WorkspaceTrust } from '../trust/workspace-trust';
import { workspaceTrustKey } from '../trust/workspace-trust';
import { sharedAlwaysAllowStore, type AlwaysAllowStore } from './always-allow-store';
import { WORKSPACE_MCP_CONFIG } from './mcp-config';
import { McpManager } from './mcp-manager';
import { McpToolApproval } from './mcp-tool-approval';

export interface McpServiceOptions {
  root: string;
  trust: WorkspaceTrust;
  onDidChangeFiles: (listener: (changes: readonly FileChange[]) => void) => Disposable;
  /** Where "Always allow" answers are kept (the user data dir's store). */
  alwaysAllow: () => Promise<AlwaysAllowStore>;
  onState?: (state: McpState) => void;
  onToolAsk?: (ask: McpToolAsk) => void;
  onToolAskClosed?: (closed: { id: string }) => void;
  /** The user-level mcp.json (default `~/.kiro/settings/mcp.json`). */
  userConfigFile?: string;
}

/**
 * The open folder's MCP servers. Nothing starts until the folder is trusted; a trust decision or an approval of
 * a changed mcp.json reloads the servers at once. The agent reaches the tools through `manager`; a call to a tool
 * that is not autoApproved waits for the user's answer through `approval` (the dialog), unless they said
 * "Always allow" for it before.
 */
export class McpService implements Disposable {
  readonly manager: Promise<McpManager>;
  readonly approval: McpToolApproval;
  private readonly disposables = new DisposableStore();
  private announced = 0;

  constructor(private readonly options: McpServiceOptions) {
    const { trust } = options;
    this.approval = new McpToolApproval(options.root, options.alwaysAllow);
    this.disposables.add(this.approval);
    this.disposables.add(this.approval.onAsk((ask) => options.onToolAsk?.(ask)));
    this.disposables.add(this.approval.onAskClosed((closed) => options.onToolAskClosed?.(closed)));
    this.manager = McpManager.start({
      root: options.root,
      trust: {
        isWorkspaceTrusted: async () => {
          await trust.ready.catch(() => undefined);
          return trust.isTrusted();
        },
        isConfigApproved: (content) => trust.isApprovedContent(WORKSPACE_MCP_CONFIG, content),
        isFileApproved: (file, content) => trust.isApprovedContent(file, content),
      },
      approval: this.approval,
      fileEvents: { onDidChange: options.onDidChangeFiles },
      ...(options.userConfigFile ? { userConfigFile: options.userConfigFile } : {}),
    });
    this.manager.catch((err: unknown) => console.error('Keel: MCP could not start:', err));
    void this.manager.then((manager) => {
      if (this.disposables.isDisposed) return;
      this.disposables.add(manager.onDidChangeStatus(() => this.announce()));
      this.disposables.add(this.approval.onDidChangeAllowed(() => this.announce()));
      this.disposables.add(trust.onDidChange(() => void manager.reload()));
      this.announce();
    }, () => undefined);
  }

  async state(): Promise<McpState> {
    const manager = await this.manager;
    const statuses = manager.statuses();
    return {
      servers: await Promise.all(
        statuses.map(async (s) => {
          const fingerprint = manager.fingerprintOf(s.name);
          return {
            name: s.name,
            scope: s.scope,
            transport: s.transport,
            state: s.state,
            ...(s.message ? { message: s.message } : {}),
            log: s.stderrTail,
            tools: await Promise.all(
              s.tools.map(async (t) => ({
                name: t.name,
                ...(t.description ? { description: t.description } : {}),
                autoApproved: t.autoApproved,
                alwaysAllowed: !t.autoApproved && (await this.approval.isAlwaysAllowed(s.name, t.name, fingerprint)),
              })),
            ),
          };
        }),
      ),
      problems: manager.configProblems(),
    };
  }

  async restart(name: string): Promise<void> {
    await (await this.manager).restart(name);
  }

  answerTool(id: string, answer: McpToolAnswer): Promise<void> {
    return this.approval.answer(id, answer);
  }

  async dispose(): Promise<void> {
    await this.disposables.dispose();
    const manager = await this.manager.catch(() => undefined);
    await manager?.dispose();
  }

  private announce(): void {
    if (!this.options.onState || this.disposables.isDisposed) return;
    // Only the newest state goes out: an older one finishing late must not overwrite it.
    const n = ++this.announced;
    void this.state().then(
      (s) => n === this.announced && !this.disposables.isDisposed && this.options.onState?.(s),
      (err: unknown) => console.error('Keel: could not report the MCP servers:', err),
    );
  }
}

export const mcpServiceKey = defineFolderService(
  'mcp',
  (ctx) =>
    new McpService({
      root: ctx.workspace.root,
      trust: ctx.scoped(workspaceTrustKey),
      onDidChangeFiles: ctx.workspace.onDidChangeFiles,
      alwaysAllow: () => sharedAlwaysAllowStore(ctx.userDataDir),
      onState: (state) => ctx.emit('mcp/changed', state),
      onToolAsk: (ask) => ctx.emit('mcp/toolAsk', ask),
      onToolAskClosed: (closed) => ctx.emit('mcp/toolAskClosed', closed),
    }),
);
