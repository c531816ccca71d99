import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerSpec } from './mcp-config';

export type McpServerState = 'stopped' | 'disabled' | 'blocked' | 'starting' | 'ready' | 'error';

export interface McpToolInfo {
  server: string;
  name: string;
  description?: string;
  inputSchema: unknown;
  /** Runs without asking (listed in the server's autoApprove, or autoApprove holds "*"). */
  autoApproved: boolean;
}

export interface McpServerStatus {
  name: string;
  scope: McpServerSpec['scope'];
  transport: McpServerSpec['transport'];
  state: McpServerState;
  /** For error and blocked: what went wrong, in words. */
  message?: string;
  /** The last lines the server wrote on stderr (its log), newest last. */
  stderrTail: string[];
  tools: McpToolInfo[];
}

export interface McpCallResult {
  content: unknown[];
  isError: boolean;
  structuredContent?: unknown;
}

const STDERR_LINES = 50;

/**
 * One MCP server: its process or HTTP endpoint, an SDK client, its status and stderr log. `disabledTools` are
 * dropped from the tool list and refused on call, so the agent never sees them.
 */
export class McpConnection {
  private client: Client | undefined;
  private status: McpServerStatus;
  private stderrLines: string[] = [];
  private partialLine = '';
  private stopping = false;

  constructor(
    readonly spec: McpServerSpec,
    private readonly options: { cwd: string; env: NodeJS.ProcessEnv; startTimeoutMs: number; onStatus: (status: McpServerStatus) => void },
  ) {
    this.status = { name: spec.name, scope: spec.scope, transport: spec.transport, state: 'stopped', stderrTail: [], tools: [] };
  }

  get current(): McpServerStatus {
    return { ...this.status, stderrTail: [...this.stderrLines], tools: [...this.status.tools] };
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.stderrLines = [];
    this.set({ state: 'starting', message: undefined, tools: [] });
    const client = new Client({ name: 'keel', version: '0.1.0' });
    this.client = client;
    let transport: Transport;
    try {
      transport = this.createTransport();
      client.onclose = () => {
        if (!this.stopping && this.client === client && this.status.state === 'ready') {
          this.set({ state: 'error', message: `The server stopped unexpectedly.${this.lastErrorLine()}`, tools: [] });
        }
      };
      await withTimeout(client.connect(transport), this.options.startTimeoutMs, `did not answer within ${this.options.startTimeoutMs / 1000} s`);
      const tools = await this.fetchTools(client);
      if (this.client !== client) return; // stopped or restarted meanwhile
      this.set({ state: 'ready', tools });
    } catch (err) {
      if (this.client !== client) return;
      const reason = err instanceof Error ? err.message : String(err);
      const vars = this.spec.missingVars.length ? ` Not set: ${this.spec.missingVars.join(', ')}.` : '';
      this.set({ state: 'error', message: `Could not start: ${reason}.${vars}${this.lastErrorLine()}`, tools: [] });
      await client.close().catch(() => undefined);
      this.client = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const client = this.client;
    this.client = undefined;
    if (client) await client.close().catch(() => undefined);
    this.set({ state: 'stopped', tools: [], message: undefined });
  }

  /** For a server that is not started on purpose (disabled, blocked by trust). */
  markNotStarted(state: 'disabled' | 'blocked', message?: string): void {
    this.set({ state, message, tools: [] });
  }

  async callTool(tool: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<McpCallResult> {
    if (this.spec.disabledTools.includes(tool)) throw new Error(`The tool ${tool} of ${this.spec.name} is disabled in mcp.json.`);
    if (!this.client || this.status.state !== 'ready') throw new Error(`The MCP server ${this.spec.name} is not running (${this.status.state}).`);
    if (!this.status.tools.some((t) => t.name === tool)) throw new Error(`The MCP server ${this.spec.name} has no tool ${tool}.`);
    const result = await this.client.callTool({ name: tool, arguments: args }, undefined, signal ? { signal } : undefined);
    const content = Array.isArray(result.content) ? (result.content as unknown[]) : [];
    return { content, isError: result.isError === true, ...(result.structuredContent !== undefined ? { structuredContent: result.structuredContent } : {}) };
  }

  private createTransport(): Transport {
    const spec = this.spec;
    if (spec.transport === 'http') {
      return new StreamableHTTPClientTransport(new URL(spec.url), { requestInit: { headers: spec.headers } });
    }
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...this.options.env, ...spec.env })) if (v !== undefined) env[k] = v;
    const transport = new StdioClientTransport({ command: spec.command, args: spec.args, env, cwd: this.options.cwd, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => this.collectStderr(chunk.toString('utf8')));
    return transport;
  }

  private async fetchTools(client: Client): Promise<McpToolInfo[]> {
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      for (const t of page.tools) {
        if (this.spec.disabledTools.includes(t.name)) continue;
        tools.push({
          server: this.spec.name,
          name: t.name,
          ...(t.description ? { description: t.description } : {}),
          inputSchema: t.inputSchema,
          autoApproved: this.spec.autoApprove.includes(t.name) || this.spec.autoApprove.includes('*'),
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  private collectStderr(text: string): void {
    const lines = (this.partialLine + text).split(/\r?\n/);
    this.partialLine = lines.pop() ?? '';
    this.stderrLines.push(...lines.filter((l) => l.length > 0));
    if (this.stderrLines.length > STDERR_LINES) this.stderrLines.splice(0, this.stderrLines.length - STDERR_LINES);
    this.options.onStatus(this.current);
  }

  private lastErrorLine(): string {
    const last = [...this.stderrLines, this.partialLine].filter(Boolean).pop();
    return last ? ` Last log line: ${last}` : '';
  }

  private set(patch: Partial<McpServerStatus>): void {
    this.status = { ...this.status, ...patch };
    this.options.onStatus(this.current);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
