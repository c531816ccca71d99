import { afterEach, describe, expect, it } from 'vitest';
import { TerminalService } from './terminal-service';

/**
 * node-pty was seen to drop the last KB of output when the child exits while the pty is paused for flow control.
 * This drives several MB through the real flow-controlled path with a renderer that acknowledges slowly, so the pty
 * is paused and resumed many times and is very likely paused at the moment the child exits.
 */
const BYTES = 5_000_000;
const BASE64_CHARS = Math.ceil(BYTES / 3) * 4;
const LINES = Math.ceil(BASE64_CHARS / 76);
// The pty turns each \n into \r\n.
const EXPECTED_CHARS = BASE64_CHARS + LINES * 2 + 'END-MARKER\r\n'.length;

let service: TerminalService | undefined;
afterEach(async () => {
  await service?.dispose();
  service = undefined;
});

function runFlood(): Promise<{ text: string; exitCode: number; maxUnacked: number }> {
  return new Promise((resolve, reject) => {
    const chunks: string[] = [];
    let unacked = 0;
    let maxUnacked = 0;
    let id = '';
    service = new TerminalService({
      cwd: process.cwd(),
      shell: '/bin/sh',
      args: ['-c', `head -c ${BYTES} /dev/urandom | base64; echo END-MARKER`],
      onData: (_id, data) => {
        chunks.push(data);
        unacked += data.length;
        maxUnacked = Math.max(maxUnacked, unacked);
        // A slow renderer: acknowledges a little later, in pieces.
        setTimeout(() => {
          unacked -= data.length;
          service?.ack(id, data.length);
        }, 3);
      },
      onExit: (_id, exitCode) => resolve({ text: chunks.join(''), exitCode, maxUnacked }),
    });
    service.create(80, 24).then((info) => (id = info.id), reject);
  });
}

describe('terminal output completeness under flow control', () => {
  for (let run = 1; run <= 5; run++) {
    it(`delivers every character and the final marker before exit (run ${run})`, async () => {
      const { text, exitCode, maxUnacked } = await runFlood();
      expect(exitCode).toBe(0);
      expect(text.length).toBe(EXPECTED_CHARS);
      expect(text.endsWith('END-MARKER\r\n')).toBe(true);
      // Flow control really engaged: the renderer was never more than one batch past the high watermark behind.
      expect(maxUnacked).toBeLessThan(2_000_000);
    }, 60_000);
  }
});
