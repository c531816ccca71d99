import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileChange } from '../../../protocol';
import type { Disposable } from '../../base/disposable';
import type { FileEvents, HookRun, HookTrust } from './hook-types';
import type { HooksEngine } from './hooks-engine';

/** File events driven by the test: what the workspace watcher would report. */
export class ManualFileEvents implements FileEvents {
  private readonly listeners = new Set<(changes: readonly FileChange[]) => void>();
  onDidChange(listener: (changes: readonly FileChange[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
  fire(changes: FileChange[]): void {
    for (const l of [...this.listeners]) l(changes);
  }
  created(...paths: string[]): void {
    this.fire(paths.map((p) => ({ type: 'created', path: p, isDirectory: false })));
  }
}

/** A trust decision the test can flip; approval by exact content. */
export class FakeTrust implements HookTrust {
  trusted = true;
  /** When set, only these contents count as approved; otherwise every hook file is approved. */
  approved: Set<string> | undefined;
  async isWorkspaceTrusted(): Promise<boolean> {
    return this.trusted;
  }
  async isHookApproved(_file: string, content: string): Promise<boolean> {
    return this.approved ? this.approved.has(content) : true;
  }
}

export function makeWorkspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'keel-hooks-'));
  mkdirSync(path.join(root, '.kiro', 'hooks'), { recursive: true });
  return root;
}

export function writeHook(root: string, name: string, hook: object): string {
  const rel = `.kiro/hooks/${name}.kiro.hook`;
  writeFileSync(path.join(root, rel), JSON.stringify({ enabled: true, version: '1', ...hook }, null, 2));
  return rel;
}

/** Resolves with the first run update that satisfies `predicate` (past or future). */
export function waitForRun(engine: HooksEngine, predicate: (run: HookRun) => boolean): Promise<HookRun> {
  const done = engine.runs().find(predicate);
  if (done) return Promise.resolve(done);
  return new Promise((resolve) => {
    const sub = engine.onDidUpdateRun((run) => {
      if (predicate(run)) {
        void sub.dispose();
        resolve(run);
      }
    });
  });
}

export const finished = (run: HookRun) => !['queued', 'running'].includes(run.status);
