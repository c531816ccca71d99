/**
 * Runs an approved check command in the workspace root with the process-group runner the hooks use (a Stop or a
 * timeout ends `npm test` and everything it started). Output streams into the task's run log.
 */
import { ChildProcessRunner, type CommandRunner } from '../hooks/command-runner';
import type { CheckRun, CheckRunner } from './ports';

/** A test suite may be slow; a check that hangs longer than this fails the task instead of blocking Run all. */
export const CHECK_TIMEOUT_MS = 10 * 60_000;

export class ProcessCheckRunner implements CheckRunner {
  constructor(
    private readonly cwd: string,
    private readonly runner: CommandRunner = new ChildProcessRunner(),
    private readonly timeoutMs = CHECK_TIMEOUT_MS,
  ) {}

  async run(command: string, options: { signal: AbortSignal; onOutput(chunk: string): void }): Promise<CheckRun> {
    const result = await this.runner.run({
      command,
      cwd: this.cwd,
      // CI=1 keeps watch-mode test runners (vitest, jest) from waiting for input that never comes.
      env: { ...process.env, CI: process.env.CI ?? '1' },
      timeoutMs: this.timeoutMs,
      signal: options.signal,
      onOutput: options.onOutput,
    });
    const error = result.error ?? (result.timedOut ? `timed out after ${Math.round(this.timeoutMs / 1000)} s` : result.cancelled ? 'stopped' : undefined);
    return { exitCode: result.exitCode, output: result.output, ...(error ? { error } : {}) };
  }
}
