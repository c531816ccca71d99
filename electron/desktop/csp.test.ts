import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../browser-host/browser-host';
import { DESKTOP_CSP } from './csp';

describe('desktop CSP', () => {
  it('is the literal the session header hook sends (where Electronegativity reads it)', () => {
    const hardening = readFileSync(new URL('./hardening.ts', import.meta.url), 'utf8');
    expect(hardening).toContain(`'Content-Security-Policy': ["${DESKTOP_CSP}"]`);
  });

  it('matches the browser host policy except for the WebSocket endpoints', () => {
    const browser = contentSecurityPolicy(1234).split('; ');
    const desktop = DESKTOP_CSP.split('; ');
    const withoutConnect = (list: string[]) => list.filter((d) => !d.startsWith('connect-src') && !d.startsWith('form-action'));
    expect(withoutConnect(desktop)).toEqual(withoutConnect(browser));
    expect(desktop).toContain("connect-src 'self'");
    expect(DESKTOP_CSP).not.toMatch(/unsafe-eval|\*/);
  });
});
