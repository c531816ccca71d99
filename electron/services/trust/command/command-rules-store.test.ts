import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CommandRulesStore } from './command-rules-store';
import { CommandTrust } from './command-trust';

let trust: CommandTrust;
let dir: string;
beforeAll(async () => {
  trust = await CommandTrust.create();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'keel-rules-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('CommandRulesStore', () => {
  it('"Run and trust" makes the same command run unasked, also after a restart', async () => {
    const store = await CommandRulesStore.open(dir, trust);
    const first = trust.evaluate('npm run lint -- --fix', store.rules());
    expect(first.decision).toBe('ask');
    await store.add({ pattern: first.suggestedPattern as string, match: 'prefix' });

    const reopened = await CommandRulesStore.open(dir, trust);
    expect(reopened.rules()).toEqual([{ pattern: 'npm run lint', match: 'prefix' }]);
    expect(trust.evaluate('npm run lint -- --fix', reopened.rules()).decision).toBe('run');
    await reopened.remove({ pattern: 'npm run lint', match: 'prefix' });
    expect(trust.evaluate('npm run lint', reopened.rules()).decision).toBe('ask');
  });

  it('refuses a pattern that is not one literal command', async () => {
    const store = await CommandRulesStore.open(dir, trust);
    await expect(store.add({ pattern: 'ls; rm -rf /', match: 'prefix' })).rejects.toThrow(/single command/);
    expect(store.rules()).toEqual([]);
  });
});
