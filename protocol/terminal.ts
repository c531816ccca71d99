import { z } from 'zod';

export const TerminalId = z.string().min(1).max(64);

export const TerminalInfo = z.object({
  id: TerminalId,
  title: z.string(),
  pid: z.number(),
  cols: z.number(),
  rows: z.number(),
  /** Set once the process has exited; the tab stays so the user can read the output and the code. */
  exitCode: z.number().nullable(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

const Size = { cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };

export const terminalRequests = {
  'terminal/create': {
    request: z.object({ ...Size }),
    response: TerminalInfo,
  },
  'terminal/list': {
    request: z.object({}),
    response: z.array(TerminalInfo),
  },
  /** Reattach after a renderer reload: the scrollback so far, then live `terminal/data` events. */
  'terminal/attach': {
    request: z.object({ id: TerminalId }),
    response: z.object({ info: TerminalInfo, scrollback: z.string() }),
  },
  'terminal/write': {
    request: z.object({ id: TerminalId, data: z.string().max(1_000_000) }),
    response: z.object({}),
  },
  'terminal/resize': {
    request: z.object({ id: TerminalId, ...Size }),
    response: z.object({}),
  },
  /** Flow control: the renderer reports how many characters xterm has rendered. */
  'terminal/ack': {
    request: z.object({ id: TerminalId, chars: z.number().int().min(0) }),
    response: z.object({}),
  },
  'terminal/kill': {
    request: z.object({ id: TerminalId }),
    response: z.object({}),
  },
} as const;

export const terminalEvents = {
  /**
   * The host started a terminal the renderer did not ask for: a command run by the agent (executeBash) or a hook,
   * titled e.g. "agent: npm test". Sent before its first `terminal/data`; the renderer shows a tab for it (and the
   * panel, without taking the keyboard focus) and acknowledges its output like any terminal's.
   */
  'terminal/opened': TerminalInfo,
  /** A terminal left the list (closed in another window, or replaced by the next command of its agent session or hook). */
  'terminal/closed': z.object({ id: TerminalId }),
  'terminal/data': z.object({ id: TerminalId, data: z.string() }),
  'terminal/exit': z.object({ id: TerminalId, exitCode: z.number(), signal: z.number().optional() }),
} as const;
