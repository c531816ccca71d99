/** ANSI colours for terminal output; every function returns the text unchanged when colour is off. */
import type { CommandIO } from './command';

const SGR = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;

export type Style = { [K in keyof typeof SGR]: (text: string) => string };

export function style(io: Pick<CommandIO, 'color'>): Style {
  const make = ([on, off]: readonly [number, number]) => (io.color ? (t: string) => `\x1b[${on}m${t}\x1b[${off}m` : (t: string) => t);
  return {
    bold: make(SGR.bold),
    dim: make(SGR.dim),
    red: make(SGR.red),
    green: make(SGR.green),
    yellow: make(SGR.yellow),
    cyan: make(SGR.cyan),
  };
}

/** Whether to colour a stream: a terminal, unless NO_COLOR is set; FORCE_COLOR forces it (https://no-color.org). */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

/** A task state as a checkbox glyph, coloured by state. */
export function stateMark(s: Style, state: string): string {
  if (state === 'done') return s.green('[x]');
  if (state === 'inProgress') return s.yellow('[-]');
  if (state === 'open') return '[ ]';
  return s.dim(`[${state}]`);
}
