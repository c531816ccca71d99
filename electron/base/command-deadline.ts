/** What ended a command early, as its runner reports it. */
export interface CommandDeadline {
  /** The command ran past its time. */
  readonly timedOut: boolean;
  /** The caller aborted it (Stop, a cancelled hook run). */
  readonly cancelled: boolean;
  /** The last signal sent to end it, if any (SIGKILL once the grace period ran out). */
  readonly sent: NodeJS.Signals | undefined;
  /** Clears the timers and the abort listener; call once the command has exited. */
  dispose(): void;
}

/**
 * Ends a running command when its time is up or its caller aborts: SIGTERM first (a chance to clean up), SIGKILL
 * `graceMs` later if it is still there. `kill` signals whatever runs the command (a process group, a terminal).
 * One place for this, because every runner (the agent's terminal, a hook's terminal, a hook in the background)
 * must stop the same way.
 */
export function superviseCommand(
  kill: (signal: NodeJS.Signals) => void,
  options: { timeoutMs: number; graceMs: number; signal?: AbortSignal | undefined },
): CommandDeadline {
  let timedOut = false;
  let cancelled = false;
  let sent: NodeJS.Signals | undefined;
  let hardKill: NodeJS.Timeout | undefined;
  const end = (): void => {
    if (sent) return;
    sent = 'SIGTERM';
    kill('SIGTERM');
    hardKill = setTimeout(() => {
      sent = 'SIGKILL';
      kill('SIGKILL');
    }, options.graceMs);
    hardKill.unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    end();
  }, options.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    end();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  return {
    get timedOut() {
      return timedOut;
    },
    get cancelled() {
      return cancelled;
    },
    get sent() {
      return sent;
    },
    dispose() {
      clearTimeout(timer);
      clearTimeout(hardKill);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}
