import { randomUUID } from 'node:crypto';
import type { ApprovalDecision, ApprovalGate, CommandSandboxMode } from '../../../agent';
import { KeelError } from '../../../protocol';

export interface ApprovalAsk {
  requestId: string;
  command: string;
  cwd: string;
}

interface Pending {
  sessionId: string;
  resolve: (d: ApprovalDecision) => void;
}

/**
 * Asks the user before every command the agent wants to run (Run / Run and trust / Modify / Reject), through the
 * session's event stream. The stand-in until the trust service's command approval is wired: nothing runs unasked.
 * Stop (the turn's signal) answers a pending ask with Reject.
 */
export class PendingApprovals {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly onAsk: (sessionId: string, ask: ApprovalAsk) => void,
    private readonly onDone: (sessionId: string, requestId: string) => void,
  ) {}

  gateFor(sessionId: string): ApprovalGate {
    return {
      approveCommand: (request, signal) =>
        new Promise<ApprovalDecision>((resolve) => {
          if (signal?.aborted) return resolve({ kind: 'reject', reason: 'the user pressed Stop' });
          const requestId = randomUUID();
          const finish = (d: ApprovalDecision): void => {
            if (!this.pending.delete(requestId)) return;
            signal?.removeEventListener('abort', onAbort);
            this.onDone(sessionId, requestId);
            resolve(d);
          };
          const onAbort = (): void => finish({ kind: 'reject', reason: 'the user pressed Stop' });
          signal?.addEventListener('abort', onAbort, { once: true });
          this.pending.set(requestId, { sessionId, resolve: finish });
          this.onAsk(sessionId, { requestId, command: request.command, cwd: request.cwd });
        }),
    };
  }

  answer(requestId: string, decision: ApprovalDecision): void {
    const p = this.pending.get(requestId);
    if (!p) throw new KeelError('NOT_FOUND', 'That command is no longer waiting for an answer.');
    if (decision.kind === 'modify' && !decision.command.trim()) throw new KeelError('BAD_REQUEST', 'The modified command is empty.');
    p.resolve(decision);
  }

  /** Open asks of a session (for a reattaching chat pane). */
  openFor(sessionId: string): string[] {
    return [...this.pending].filter(([, p]) => p.sessionId === sessionId).map(([id]) => id);
  }
}

/** The trust service's answer: run (maybe a modified command) or not, with why. */
export interface TrustDecision {
  run: boolean;
  command: string;
  reason?: string;
  /** Where the runner must run it (the OS sandbox's mode); absent: confined. */
  sandbox?: CommandSandboxMode;
}

/** Adapts the trust service's `ask` to the agent's approval gate. */
export function trustedApproval(ask: (request: { command: string; cwd: string; leaveSandbox?: boolean }, signal?: AbortSignal) => Promise<TrustDecision>): ApprovalGate {
  return {
    async approveCommand(request, signal) {
      const d = await ask(request, signal);
      if (!d.run) return { kind: 'reject', ...(d.reason ? { reason: d.reason } : {}) };
      const sandbox = d.sandbox ? { sandbox: d.sandbox } : {};
      return d.command !== request.command ? { kind: 'modify', command: d.command, ...sandbox } : { kind: 'run', ...sandbox };
    },
  };
}
