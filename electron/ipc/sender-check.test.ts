import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender-check';

describe('isTrustedSender', () => {
  it.each([
    ['keel://app/index.html', null, true],
    ['keel://app/', null, true],
    ['keel://app/index.html', {}, false], // a sub-frame
    ['keel://evil/index.html', null, false],
    ['keel://app.evil/index.html', null, false],
    ['keel://user@app/index.html', null, false],
    ['https://app/index.html', null, false],
    ['file:///opt/keel/dist/renderer/index.html', null, false],
    ['http://127.0.0.1:3000/', null, false],
    ['about:blank', null, false],
    ['not a url', null, false],
  ])('%s (parent %j) → %s', (url, parent, expected) => {
    expect(isTrustedSender({ url, parent })).toBe(expected);
  });

  it('refuses a missing frame (already destroyed)', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
