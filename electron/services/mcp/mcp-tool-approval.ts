import type { McpToolAnswer, McpToolAsk } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import { Emitter } from '../../base/emitter';
import type { AlwaysAllowStore } from './always-allow-store';
import type { ToolApprovalGate, ToolApprovalRequest } from './mcp-manager';

/** The call's arguments as the dialog shows them; a huge argument is cut (the call still gets all of it). */
const MAX_ARGS_SHOWN = 20_000;

interface Waiting {
  ask: McpToolAsk;
  request: ToolApprovalRequest;
  resolve: (answer: { allowed: boolean; reason?: string }) => void;
}

/**
 * The gate in front of every MCP tool call that is not autoApproved: "Always allow" answers given before (for
 * this folder, this tool and this exact server launch) let it run; otherwise the user is asked (`onAsk` → the
 * dialog: Allow / Always allow for this tool / Reject) and the call waits — or gives up when the agent stops.
 */
export class McpToolApproval implements ToolApprovalGate, Disposable {
  private readonly waiting = new Map<string, Waiting>();
  private readonly asked = new Emitter<McpToolAsk>();
  private readonly closed = new Emitter<{ id: string }>();
  private readonly allowedChanged = new Emitter<void>();
  private counter = 0;
  private disposed = false;

  readonly onAsk = this.asked.event;
  readonly onAskClosed = this.closed.event;
  /** An "always allow" was added or withdrawn (the server list shows them). */
  readonly onDidChangeAllowed = this.allowedChanged.event;

  constructor(
    private readonly folder: string,
    private readonly store: () => Promise<AlwaysAllowStore>,
  ) {}

  async approve(request: ToolApprovalRequest, signal?: AbortSignal): Promise<{ allowed: boolean; reason?: string }> {
    if (this.disposed) return { allowed: false, reason: 'the folder was closed' };
    if ((await this.store()).isAllowed(this.folder, request.server, request.tool, request.fingerprint)) return { allowed: true };
    if (signal?.aborted) return { allowed: false, reason: 'the agent was stopped before you answered' };
    this.counter += 1;
    const ask: McpToolAsk = {
      id: `mcp-ask-${Date.now().toString(36)}-${this.counter}`,
      server: request.server,
      tool: request.tool,
      args: showArgs(request.args),
      ...(request.description ? { description: request.description } : {}),
      ...(request.sessionId ? { sessionId: request.sessionId } : {}),
    };
    return new Promise((resolve) => {
      const onAbort = () => this.settle(ask.id, { allowed: false, reason: 'the agent was stopped before you answered' });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(ask.id, {
        ask,
        request,
        resolve: (answer) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(answer);
        },
      });
      this.asked.fire(ask);
    });
  }

  pending(): McpToolAsk[] {
    return [...this.waiting.values()].map((w) => w.ask);
  }

  async answer(id: string, answer: McpToolAnswer): Promise<void> {
    const entry = this.waiting.get(id);
    if (!entry) throw new Error('This tool call is no longer waiting for an answer.');
    if (answer === 'always') {
      const { server, tool, fingerprint } = entry.request;
      await (await this.store()).allow(this.folder, server, tool, fingerprint);
      this.allowedChanged.fire();
    }
    this.settle(id, answer === 'reject' ? { allowed: false, reason: 'the user rejected it' } : { allowed: true });
  }

  async isAlwaysAllowed(server: string, tool: string, fingerprint: string | undefined): Promise<boolean> {
    return fingerprint !== undefined && (await this.store()).isAllowed(this.folder, server, tool, fingerprint);
  }

  async revoke(server: string, tool: string): Promise<void> {
    await (await this.store()).revoke(this.folder, server, tool);
    this.allowedChanged.fire();
  }

  /** Closing the folder refuses every call still waiting. */
  dispose(): void {
    this.disposed = true;
    for (const id of [...this.waiting.keys()]) this.settle(id, { allowed: false, reason: 'the folder was closed' });
  }

  private settle(id: string, answer: { allowed: boolean; reason?: string }): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    entry.resolve(answer);
    this.closed.fire({ id });
  }
}

function showArgs(args: Record<string, unknown>): string {
  let text: string;
  try {
    text = JSON.stringify(args, null, 2) ?? '{}';
  } catch {
    text = String(args);
  }
  return text.length > MAX_ARGS_SHOWN ? `${text.slice(0, MAX_ARGS_SHOWN)}\n… (${text.length - MAX_ARGS_SHOWN} more characters)` : text;
}
