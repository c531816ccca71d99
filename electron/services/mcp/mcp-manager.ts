import { createHash } from 'node:crypto';
import path from 'node:path';
import type { FileChange } from '../../../protocol';
import { DisposableStore, type Disposable } from '../../base/disposable';
import { defaultUserMcpConfig, readIfExists, resolveMcpConfig, WORKSPACE_MCP_CONFIG, type McpConfigProblem, type McpServerSpec } from './mcp-config';
import { POWERS_DIR, powerMcpServers } from './power-mcp';
import { McpConnection, type McpCallResult, type McpServerStatus, type McpToolInfo } from './mcp-connection';

/** What the manager needs to know about trust; `workspaceMcpTrust` adapts the WorkspaceTrustStore. */
export interface McpTrust {
  isWorkspaceTrusted(): Promise<boolean>;
  /** True when exactly this content of the workspace mcp.json was approved by the user. */
  isConfigApproved(content: string): Promise<boolean>;
  /** True when exactly this content of another guarded MCP file (a power's mcp.json) was approved; absent: never. */
  isFileApproved?(file: string, content: string): Promise<boolean>;
}

/** A tool call that needs the user's yes (the tool is not autoApproved). */
export interface ToolApprovalRequest {
  server: string;
  tool: string;
  args: Record<string, unknown>;
  description?: string;
  /** Identifies how the server is launched (command/args or URL): an "always allow" is kept for this one only. */
  fingerprint: string;
  /** The agent session that wants the call (the dialog says so). */
  sessionId?: string;
}

/** Asks the user whether a tool call may run (the agent's approval dialog). */
export interface ToolApprovalGate {
  approve(request: ToolApprovalRequest, signal?: AbortSignal): Promise<boolean | { allowed: boolean; reason?: string }>;
}

export interface CallToolOptions {
  /** Stops waiting for the approval and cancels the call (the agent's Stop). */
  signal?: AbortSignal;
  sessionId?: string;
  /** A permissions.yaml rule on this tool: `ask` asks even an auto-approved tool, `allow` runs it unasked. */
  permission?: 'ask' | 'allow';
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
          const isConfig = (p: string) => p === WORKSPACE_MCP_CONFIG || WORKSPACE_MCP_CONFIG.startsWith(`${p}/`) || /^\.kiro\/powers\/[^/]+\/mcp\.json$/.test(p) || `${POWERS_DIR}/`.startsWith(`${p}/`);
          if (changes.some((c) => isConfig(c.path))) void manager.reload();
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

  /** Resolves once the reloads asked for so far are done (servers they start are ready or failed). */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.reloading;
      await current;
    } while (current !== this.reloading);
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
  async callTool(server: string, tool: string, args: Record<string, unknown> = {}, options: CallToolOptions = {}): Promise<McpCallResult> {
    const connection = this.connections.get(server);
    if (!connection) throw new Error(`No MCP server named ${server}.`);
    const info = connection.current.tools.find((t) => t.name === tool);
    if (info && (options.permission === 'ask' || (!info.autoApproved && options.permission !== 'allow'))) {
      const request: ToolApprovalRequest = {
        server,
        tool,
        args,
        fingerprint: serverFingerprint(connection.spec),
        ...(info.description ? { description: info.description } : {}),
        ...(options.sessionId ? { sessionId: options.sessionId } : {}),
      };
      const answer = this.options.approval ? await this.options.approval.approve(request, options.signal) : false;
      const verdict = typeof answer === 'boolean' ? { allowed: answer } : answer;
      if (!verdict.allowed) throw new Error(`The call to ${tool} (${server}) was not approved${verdict.reason ? `: ${verdict.reason}` : '.'}`);
    }
    return connection.callTool(tool, args, options.signal);
  }

  /** The fingerprint of a configured server (see ToolApprovalRequest.fingerprint); undefined when unknown. */
  fingerprintOf(server: string): string | undefined {
    const connection = this.connections.get(server);
    return connection ? serverFingerprint(connection.spec) : undefined;
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
    // Powers' own mcp.json files: the same trust, each file approved on its own.
    const fileApproved = this.options.trust.isFileApproved?.bind(this.options.trust) ?? (async () => false);
    const powers = await powerMcpServers(this.options.root, new Set(wanted.keys()), fileApproved, env);
    this.problems.push(...powers.problems);
    for (const s of powers.servers) wanted.set(s.name, s);
    const blockedPower = new Map(powers.blocked.map((b) => [b.spec, b.file]));
    for (const b of powers.blocked) wanted.set(b.spec.name, b.spec);

    for (const [name, connection] of this.connections) {
      const next = wanted.get(name);
      const notStarted = connection.current.state === 'blocked' || connection.current.state === 'disabled';
      const blockedNow = next !== undefined && blockedPower.has(next);
      if (!next || notStarted || blockedNow || fingerprint(next) !== fingerprint(connection.spec) || !trusted || (connection.spec.scope === 'workspace' && !approved)) {
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
      } else if (blockedPower.has(spec)) {
        connection.markNotStarted('blocked', `${blockedPower.get(spec) ?? 'The power\'s mcp.json'} is new or changed since you approved it: review and approve it to start this server.`);
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

/**
 * What a server *is* for an "always allow": where it comes from and how it is launched. Environment values and
 * headers stay out (they hold tokens and change with them); a different command, arguments or URL is another
 * server and asks again.
 */
export function serverFingerprint(spec: McpServerSpec): string {
  const launch = spec.transport === 'stdio' ? { command: spec.command, args: spec.args } : { url: spec.url };
  return createHash('sha256').update(JSON.stringify({ scope: spec.scope, name: spec.name, transport: spec.transport, ...launch })).digest('hex').slice(0, 32);
}
