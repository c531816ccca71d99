import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HookRegistry, isHookFile } from './hook-registry';
import { makeWorkspace, writeHook } from './test-support';

let root: string;
beforeEach(() => {
  root = makeWorkspace();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const manual = { name: 'Manual', when: { type: 'userTriggered' }, then: { type: 'runCommand', command: 'true' } };

describe('HookRegistry', () => {
  it('loads hooks and follows creates, edits and deletes of hook files', async () => {
    writeHook(root, 'a', manual);
    const registry = new HookRegistry(root);
    const seen: number[] = [];
    registry.onDidChange((hooks) => seen.push(hooks.length));
    await registry.loadAll();
    expect(registry.list().map((h) => h.name)).toEqual(['Manual']);

    const b = writeHook(root, 'b', { ...manual, name: 'Second' });
    await registry.applyChanges([{ type: 'created', path: b, isDirectory: false }]);
    expect(registry.list().map((h) => h.name)).toEqual(['Manual', 'Second']);

    writeFileSync(path.join(root, b), '{ broken');
    await registry.applyChanges([{ type: 'changed', path: b, isDirectory: false }]);
    expect(registry.get(b)?.status).toBe('invalid');

    unlinkSync(path.join(root, b));
    await registry.applyChanges([{ type: 'deleted', path: b, isDirectory: false }]);
    expect(registry.list().map((h) => h.id)).toEqual(['.kiro/hooks/a.kiro.hook']);

    await registry.applyChanges([{ type: 'changed', path: 'src/unrelated.ts', isDirectory: false }]);
    expect(seen).toEqual([1, 2, 2, 1]);
  });

  it('forgets every hook when the .kiro folder is deleted', async () => {
    writeHook(root, 'a', manual);
    const registry = new HookRegistry(root);
    await registry.loadAll();
    rmSync(path.join(root, '.kiro'), { recursive: true });
    await registry.applyChanges([{ type: 'deleted', path: '.kiro', isDirectory: true }]);
    expect(registry.list()).toEqual([]);
  });

  it('knows which paths are hook files', () => {
    expect(isHookFile('.kiro/hooks/a.kiro.hook')).toBe(true);
    expect(isHookFile('.kiro/hooks/sub/a.kiro.hook')).toBe(false);
    expect(isHookFile('.kiro/hooks/a.json')).toBe(true); // Kiro 1.0 files, read by content
    expect(isHookFile('.kiro/hooks/a.md')).toBe(false);
  });
});
