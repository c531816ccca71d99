import { describe, expect, it } from 'vitest';
import { trustedApproval } from './command-approval';

describe("trustedApproval (the trust service as the agent's gate)", () => {
  const gate = (d: { run: boolean; command: string; reason?: string }) => trustedApproval(async () => d);
  const req = { command: 'npm test', cwd: '.' };

  it('runs what the user allowed, and the edited command when they modified it', async () => {
    expect(await gate({ run: true, command: 'npm test' }).approveCommand(req)).toEqual({ kind: 'run' });
    expect(await gate({ run: true, command: 'npm test -- --bail' }).approveCommand(req)).toEqual({ kind: 'modify', command: 'npm test -- --bail' });
  });

  it('refuses with the reason (rejected, or an untrusted folder)', async () => {
    expect(await gate({ run: false, command: 'npm test', reason: 'The workspace is not trusted' }).approveCommand(req)).toEqual({ kind: 'reject', reason: 'The workspace is not trusted' });
  });
});
