import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { KeelError, type ErrorCode } from '../../../protocol';

export interface RunOptions {
  /** Written to git's stdin (a patch for `git apply`). */
  input?: string;
}

/**
 * Runs git (through simple-git) in one folder, always with `--literal-pathspecs` (a file named `*.ts` is that
 * file, not a glob) and `--no-optional-locks` (a background status refresh never holds index.lock against the
 * user's own git in a terminal, as VS Code does). simple-git strips the user's ambient GIT_* variables, so a
 * GIT_DIR inherited from a hook cannot point Keel at another repository.
 */
export class GitRunner {
  private readonly git: SimpleGit;

  constructor(readonly cwd: string) {
    this.git = simpleGit(this.options());
  }

  async run(args: string[], options: RunOptions = {}): Promise<string> {
    const git = options.input === undefined ? this.git : simpleGit({ ...this.options(), input: () => options.input });
    return git.raw(['--literal-pathspecs', '--no-optional-locks', ...args]);
  }

  private options(): Partial<SimpleGitOptions> {
    return {
      baseDir: this.cwd,
      maxConcurrentProcesses: 4,
      trimmed: false,
      // simple-git treats a non-zero exit with an empty stderr as success; `git commit` with nothing staged says
      // so on stdout and exits 1. Every non-zero exit is a failure here, with whatever git printed.
      errors: (error, result) => {
        if (error || result.exitCode === 0) return error;
        return Buffer.concat([...result.stdErr, ...result.stdOut]);
      },
    };
  }
}

/** git's own message (its stderr without `fatal:` and hints) as a KeelError the renderer can show. */
export function gitFailure(err: unknown, code: ErrorCode = 'BAD_REQUEST', prefix = ''): KeelError {
  if (err instanceof KeelError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw
    .split('\n')
    .map((l) => l.replace(/^(fatal|error): /, ''))
    .filter((l) => l.trim() && !l.startsWith('hint:'))
    .join('\n')
    .trim();
  return new KeelError(code, prefix + (message || 'git failed'));
}
