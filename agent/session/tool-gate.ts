import type { ToolUseBlock } from '../core/messages';

/** What a tool call came to, for observers after it ran. */
export interface ToolCallOutcome {
  status: 'success' | 'error';
  content: string;
  /** Wall time of the tool's own run (0 when it was blocked or reused). */
  durationMs: number;
}

/**
 * Around every tool call of a turn (the host's hooks): `before` may block the call with a reason, which the model
 * then reads as the tool's (error) result; `after` observes a call that ran. Both are awaited in order, so a
 * formatter hook after an edit finishes before the next tool reads the file.
 */
export interface ToolCallGate {
  /** A reason blocks the call; undefined lets it run. A throw blocks too (a broken gate must not wave calls through). */
  before?(use: ToolUseBlock, signal: AbortSignal): Promise<string | undefined>;
  /** After the call ran (never for blocked or reused calls). A throw is ignored: the tool already ran. */
  after?(use: ToolUseBlock, outcome: ToolCallOutcome, signal: AbortSignal): Promise<void>;
}

/** The result text the model reads for a blocked call. */
export function blockedContent(reason: string): string {
  return `Blocked by hook: ${reason}`;
}

/**
 * Runs the gate's `before`; a failure of the gate itself is a block (fail closed), with its message as the reason.
 * Stop does not wait for a slow gate: the call is then not run.
 */
export async function gateBefore(gate: ToolCallGate | undefined, use: ToolUseBlock, signal: AbortSignal): Promise<string | undefined> {
  if (!gate?.before) return undefined;
  try {
    const reason = await untilAborted(gate.before(use, signal), signal);
    if (signal.aborted) return 'not run: the user pressed Stop';
    return reason === undefined ? undefined : reason.trim() || 'no reason given';
  } catch (e) {
    return `the preToolUse check failed (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Runs the gate's `after`; its failure is ignored (the tool already ran) and Stop does not wait for it. */
export async function gateAfter(gate: ToolCallGate | undefined, use: ToolUseBlock, outcome: ToolCallOutcome, signal: AbortSignal): Promise<void> {
  if (!gate?.after) return;
  await untilAborted(gate.after(use, outcome, signal), signal).catch(() => undefined);
}

/** The promise's value, or undefined as soon as the signal aborts (the promise is left to settle on its own). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
