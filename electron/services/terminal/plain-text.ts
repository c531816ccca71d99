import { constants } from 'node:os';
import { stripVTControlCharacters } from 'node:util';

/**
 * Terminal output as a log or a model reads it: colours and cursor codes removed, the pty's CRLF as LF. A lone
 * `\r` (a progress bar redrawing its line) becomes a line break, so every state of the line is kept.
 */
export function plainText(data: string): string {
  return stripVTControlCharacters(data).replace(/\r\n?/g, '\n');
}

/** "SIGTERM" for 15: logs and the model read names, not numbers. */
export function signalName(signal: number | undefined): string {
  const name = Object.entries(constants.signals).find(([, n]) => n === signal)?.[0];
  return name ?? `signal ${signal}`;
}
