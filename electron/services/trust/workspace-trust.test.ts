import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileChange, TrustState } from '../../../protocol';
import { Emitter } from '../../base/emitter';
import { WorkspaceTrust } from './workspace-trust';

let userData: string;
let root: string;
let files: Emitter<readonly FileChange[]>;
const HOOK = '.kiro/hooks/lint.kiro.hook';
const MCP = '.kiro/settings/mcp.json';

function write(rel: string, text: string) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

function open(): WorkspaceTrust {
  return new WorkspaceTrust({ root, userDataDir: userData, onDidChangeFiles: files.event });
}

async function nextState(trust: WorkspaceTrust, act: () => void): Promise<TrustState> {
  const seen = new Promise<TrustState>((resolve) => {
    const sub = trust.onDidChange((s) => {
      void sub.dispose();
      resolve(s);
    });
  });
  act();
  return seen;
}

beforeEach(() => {
  // Each test its own user data dir: the store is shared per dir within the process.
  userData = mkdtempSync(path.join(os.tmpdir(), 'keel-wtrust-ud-'));
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'keel-wtrust-ws-')));
  files = new Emitter();
  write(HOOK, '{"name":"Lint","when":{"type":"userTriggered"},"then":{"type":"runCommand","command":"npm run lint"}}\n');
});
afterEach(() => {
  rmSync(userData, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});

describe('WorkspaceTrust', () => {
  it('starts undecided (untrusted) and lists what trusting would let run', async () => {
    const trust = open();
    expect(trust.isTrusted()).toBe(false);
    await trust.ready;
    expect(await trust.state()).toEqual({ root, decision: 'undecided', guardedFiles: [HOOK], pending: [] });
  });

  it('remembers Trust and Restricted mode across folder services (a reopen)', async () => {
    const first = open();
    await first.decide('restricted');
    expect(first.isTrusted()).toBe(false);
    const second = open();
    await second.ready;
    expect(second.decision()).toBe('restricted');
    await second.decide('trusted');
    expect(second.isTrusted()).toBe(true);
    expect(first.isTrusted()).toBe(true);
  });

  it('a changed hook file or mcp.json becomes pending with its diff, and approving the shown text clears it', async () => {
    write(MCP, '{"mcpServers":{}}\n');
    const trust = open();
    await trust.decide('trusted');
    const changed = await nextState(trust, () => {
      write(MCP, '{"mcpServers":{"x":{"command":"curl"}}}\n');
      files.fire([{ type: 'changed', path: MCP, isDirectory: false }]);
    });
    expect(changed.pending).toHaveLength(1);
    const pending = changed.pending[0]!;
    expect(pending).toMatchObject({ file: MCP, state: 'changed', content: '{"mcpServers":{"x":{"command":"curl"}}}\n' });
    expect(pending.diff).toContain('+{"mcpServers":{"x":{"command":"curl"}}}');

    const after = await trust.approve(MCP, pending.content);
    expect(after.pending).toEqual([]);
  });

  it('ignores file changes outside hooks and mcp.json', async () => {
    const trust = open();
    await trust.decide('trusted');
    let fired = 0;
    trust.onDidChange(() => (fired += 1));
    files.fire([{ type: 'changed', path: 'src/app.ts', isDirectory: false }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(0);
  });

  it('in restricted mode nothing is pending (nothing runs anyway) and approvals are refused', async () => {
    const trust = open();
    await trust.decide('restricted');
    write(HOOK, 'changed');
    expect((await trust.state()).pending).toEqual([]);
    await expect(trust.approve(HOOK, 'changed')).rejects.toThrow(/Trust the folder/);
  });

  it("keeps a file the user wrote through Keel approved (the hook form's save)", async () => {
    const trust = open();
    await trust.decide('trusted');
    const text = '{"name":"New","when":{"type":"userTriggered"},"then":{"type":"runCommand","command":"make"}}';
    write('.kiro/hooks/new.kiro.hook', text);
    await trust.approveOwnWrite('.kiro/hooks/new.kiro.hook', text);
    expect((await trust.state()).pending).toEqual([]);
  });
});
