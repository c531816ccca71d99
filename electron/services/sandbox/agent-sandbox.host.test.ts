import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBedrock, type FakeBedrock } from '../../../e2e/fixtures/fake-bedrock';
import type { CommandAsk, EventName, EventOf } from '../../../protocol';
import { agentHostKey } from '../agent/agent-host';
import { RecentFolders } from '../app/user-data';
import { Workbench } from '../app/workbench';
import { commandApprovalKey } from '../trust/command-approval';
import { workspaceTrustKey } from '../trust/workspace-trust';

// Issue 17, Deliver 1 through the real host: the app's workbench (agent host, the trust service's command gate,
// the Terminal service's pty) with the scripted fake Bedrock model. The agent's first command runs in a terminal
// tab without an ask, confined (its write outside the workspace — a relative path no pattern sees — fails); its network command asks, showing the
// exact command and why, and — rejected — never connects.
let fake: FakeBedrock;
let listener: Server;
let connections = 0;
let port = 0;
let base: string;
const saved = { ...process.env };

beforeAll(async () => {
  base = realpathSync(mkdtempSync(join('/var/tmp', 'keel-agent-sandbox-')));
  listener = createServer((s) => {
    connections += 1;
    s.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as { port: number }).port;
  fake = await startFakeBedrock({
    script: (req) => {
      const turn = (req.body.messages as unknown[]).length;
      if (turn === 1) return { steps: [{ toolUse: { name: 'executeBash', input: { command: 'echo inside > inside.txt; (cd .. && echo x > outside.txt); echo finished' } } }] };
      if (turn === 3) return { steps: [{ toolUse: { name: 'executeBash', input: { command: `curl -s http://127.0.0.1:${port}/` } } }] };
      return { steps: [{ text: 'Done.' }] };
    },
  });
  Object.assign(process.env, { KEEL_BEDROCK_ENDPOINT: fake.url, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
});
afterAll(async () => {
  process.env = saved;
  await fake?.close();
  await new Promise<void>((r) => listener?.close(() => r()));
  rmSync(base, { recursive: true, force: true });
});

describe('agent commands in the app host', () => {
  it('a confined command runs unasked in its terminal; a network command asks every time and, rejected, never runs', async () => {
    const ws = join(base, 'ws');
    const userData = join(base, 'user-data');
    const events: { name: string; payload: unknown }[] = [];
    const workbench = new Workbench({ recent: new RecentFolders(userData), userDataDir: userData, emit: <E extends EventName>(name: E, payload: EventOf<E>) => void events.push({ name, payload }) });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(ws);
    try {
      await workbench.open(ws);
      await workbench.scoped(workspaceTrustKey).decide('trusted');
      const approval = workbench.scoped(commandApprovalKey);
      // The user rejects whatever is asked (here: only the network command may be asked about).
      approval.onAsk((ask) => void approval.answer(ask.id, { choice: 'reject' }));
      const host = workbench.scoped(agentHostKey);
      const session = await host.createSession({ role: 'executor' });
      const result = await host.prompt(session.id, 'do it');
      expect(result.stopReason).toBe('end_turn');

      const asks = events.filter((e) => e.name === 'trust/commandAsk').map((e) => e.payload as CommandAsk);
      expect(asks.map((a) => a.command)).toEqual([`curl -s http://127.0.0.1:${port}/`]);
      expect(asks[0]!.warnings.join(' ')).toMatch(/Leaves the sandbox: curl uses the network/);
      expect(asks[0]!.suggestedPatterns).toEqual([]);
      expect(connections).toBe(0);

      // The first command ran unasked, in a terminal tab, inside the workspace only.
      expect(readFileSync(join(ws, 'inside.txt'), 'utf8')).toBe('inside\n');
      expect(existsSync(join(base, 'outside.txt'))).toBe(false);
      expect(workbench.terminals.list().map((t) => t.title)).toEqual([expect.stringMatching(/^agent: echo inside > inside\.txt/)]);
      expect(fake.requests[1]!.raw).toContain('finished');
    } finally {
      await workbench.dispose();
    }
  }, 60_000);
});
