import path from 'node:path';
import type { FileChange } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { defaultUserMcpConfig, readIfExists, resolveMcpConfig, WORKSPACE_MCP_CONFIG, type McpConfigProblem, type McpServerSpec } from './mcp-config';
import { McpConnection, type McpCallResult, type McpServerStatus, type McpToolInfo } from './mcp-connection';

/** What the manager needs to know about trust; `workspaceMcpTrust` adapts the WorkspaceTrustStore. */
export interface McpTrust {
  isWorkspaceTrusted(): Promise<boolean>;
  /** True when exactly this content of the workspace mcp.json was approved by the user. */
  isConfigApproved(content: string): Promise<boolean>;
}

/** Asks the user whether a tool call may run (the agent's approval dialog). */
export interface ToolApprovalGate {
  approve(request: { server: string; tool: string; args: Record<string, unknown> }): Promise<boolean>;
}

export interface McpManagerOptions {
  root: string;
  trust: McpTrust;
  approval?: ToolApprovalGate;
  /** The user-level mcp.json (default `~/.kiro/settings/mcp.json`). */
  userConfigFile?: string;
  /** Reloads when the workspace mcp.json changes. */
  fileEvents?: { onDidChange(listener: (changes: readonly FileChange[]) => void): Disposable };
  env?: NodeJS.ProcessEnv;
  startTimeoutMs?: number;
}

/**
 * The MCP servers of a workspace: merged from the user-level and workspace mcp.json, started when allowed,
 * their status (with stderr log) reported on every change, their tools listed and called. Nothing starts in an
 * untrusted workspace; a workspace mcp.json changed since approval starts none of its servers until approved
 * again (servers from the user's own file still run).
 */
export class McpManager implements Disposable {
  private readonly connections = new Map<string, McpConnection>();
  private readonly listeners = new Set<(statuses: McpServerStatus[]) => void>();
  private readonly disposables = new DisposableStore();
  private problems: McpConfigProblem[] = [];
  private reloading: Promise<void> = Promise.resolve();
  private disposed = false;

  private constructor(private readonly options: McpManagerOptions) {}

  static async start(options: McpManagerOptions): Promise<McpManager> {
    const manager = new McpManager(options);
    if (options.fileEvents) {
      manager.disposables.add(
        options.fileEvents.onDidChange((changes) => {
          if (changes.some((c) => c.path === WORKSPACE_MCP_CONFIG || WORKSPACE_MCP_CONFIG.startsWith(`${c.path}/`))) void manager.reload();
        }),
      );
    }
    await manager.reload();
    return manager;
  }

  statuses(): McpServerStatus[] {
    return [...this.connections.values()].map((c) => c.current);
  }

  /** Problems with the config files themselves or with single entries (shown next to the server list). */
  configProblems(): McpConfigProblem[] {
    return [...this.problems];
  }

  onDidChangeStatus(listener: (statuses: McpServerStatus[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Tools of the servers that are ready, as offered to the agent. */
  listTools(): McpToolInfo[] {
    return this.statuses().flatMap((s) => (s.state === 'ready' ? s.tools : []));
  }

  /** Re-reads both config files and trust; unchanged running servers keep running. Calls are serialized. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.doReload()).catch((err: unknown) => {
      this.problems = [{ scope: 'workspace', message: `Could not read the MCP configuration: ${err instanceof Error ? err.message : String(err)}` }];
      this.emit();
    });
    return this.reloading;
  }

  async restart(name: string): Promise<void> {
    const connection = this.connections.get(name);
    if (!connection) throw new Error(`No MCP server named ${name}.`);
    const state = connection.current.state;
    if (state === 'disabled' || state === 'blocked') throw new Error(`The MCP server ${name} is ${state}: ${connection.current.message ?? ''}`.trim());
    await connection.stop();
    await connection.start();
  }

  /** Calls a tool; unless autoApproved, the approval gate must say yes first (no gate means no). */
  async callTool(server: string, tool: string, args: Record<string, unknown> = {}): Promise<McpCallResult> {
    const connection = this.connections.get(server);
    if (!connection) throw new Error(`No MCP server named ${server}.`);
    const info = connection.current.tools.find((t) => t.name === tool);
    if (info && !info.autoApproved) {
      const allowed = this.options.approval ? await this.options.approval.approve({ server, tool, args }) : false;
      if (!allowed) throw new Error(`The call to ${tool} (${server}) was not approved.`);
    }
    return connection.callTool(tool, args);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.reloading;
    await this.disposables.dispose();
    await Promise.all([...this.connections.values()].map((c) => c.stop()));
    this.connections.clear();
  }

  private async doReload(): Promise<void> {
    if (this.disposed) return;
    const env = this.options.env ?? process.env;
    const trusted = await this.options.trust.isWorkspaceTrusted();
    const workspaceText = await readIfExists(path.join(this.options.root, WORKSPACE_MCP_CONFIG));
    const userText = await readIfExists(this.options.userConfigFile ?? defaultUserMcpConfig());
    // The text checked for approval is the text used: a swap between check and use cannot slip through.
    const approved = workspaceText === undefined || (await this.options.trust.isConfigApproved(workspaceText));
    const config = resolveMcpConfig({ ...(approved ? { workspaceText } : {}), userText, env, workspaceFolder: this.options.root });
    this.problems = config.problems;

    const wanted = new Map(config.servers.map((s) => [s.name, s]));
    const blockedWorkspace = !approved && workspaceText !== undefined ? resolveMcpConfig({ workspaceText, env, workspaceFolder: this.options.root }).servers : [];
    for (const s of blockedWorkspace) if (!wanted.has(s.name)) wanted.set(s.name, s);

    for (const [name, connection] of this.connections) {
      const next = wanted.get(name);
      const notStarted = connection.current.state === 'blocked' || connection.current.state === 'disabled';
      if (!next || notStarted || fingerprint(next) !== fingerprint(connection.spec) || !trusted || (connection.spec.scope === 'workspace' && !approved)) {
        await connection.stop();
        this.connections.delete(name);
      }
    }
    const starts: Promise<void>[] = [];
    for (const spec of wanted.values()) {
      if (this.connections.has(spec.name)) continue;
      const connection = new McpConnection(spec, {
        cwd: this.options.root,
        env,
        startTimeoutMs: this.options.startTimeoutMs ?? 30_000,
        onStatus: () => this.emit(),
      });
      this.connections.set(spec.name, connection);
      if (!trusted) connection.markNotStarted('blocked', 'The workspace is not trusted: MCP servers do not start until you trust it.');
      else if (spec.scope === 'workspace' && !approved && blockedWorkspace.includes(spec)) {
        connection.markNotStarted('blocked', `${WORKSPACE_MCP_CONFIG} changed since you approved it: review and approve it to start this server.`);
      } else if (spec.disabled) connection.markNotStarted('disabled', 'Disabled in mcp.json.');
      else starts.push(connection.start());
    }
    await Promise.all(starts);
    this.emit();
  }

  private emit(): void {
    const statuses = this.statuses();
    for (const l of [...this.listeners]) l(statuses);
  }
}

function fingerprint(spec: McpServerSpec): string {
  return JSON.stringify(spec);
}
