/**
 * What the agent needs from the outside world, declared here so `agent/` never imports the main process. Paths are
 * workspace-relative with forward slashes; implementations confine them to the workspace root.
 */

export type EntryType = 'file' | 'directory' | 'other';

export interface DirEntry {
  name: string;
  type: EntryType;
}

export interface FileStat {
  type: EntryType;
  size: number;
  mtimeMs: number;
}

export interface WorkspaceAccess {
  /** UTF-8 text; rejects with a `not found` message when missing. */
  readFile(path: string): Promise<string>;
  /** Atomic write (temp file + rename), creating parent folders. */
  writeFile(path: string, text: string): Promise<void>;
  deleteFile(path: string): Promise<void>;
  list(path: string): Promise<DirEntry[]>;
  /** Undefined when nothing exists at the path. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Every file below `path` (relative to the root), skipping `.git` and `node_modules`. */
  walk(path?: string, signal?: AbortSignal): AsyncIterable<string>;
  /** Absolute, confined path: for tools that hand a folder to another program (ripgrep). */
  resolve(path: string): string;
  /**
   * The workspace-relative path a symlink leads to (the path itself when there is none), so the secret check sees
   * `.env` behind `config.txt -> .env`.
   */
  realPath?(path: string): Promise<string>;
}

export interface CommandResult {
  exitCode: number | null;
  /** Set when the process died of a signal (timeout, Stop). */
  signal: string | null;
  output: string;
  timedOut: boolean;
}

/**
 * Where the command gate lets a command run (the host's OS sandbox): 'confined' (the default: writes only in the
 * workspace, no network, secrets hidden), 'network' (confined but online) or 'none' (outside the sandbox). The
 * last two only after the user said yes to that one command.
 */
export type CommandSandboxMode = 'confined' | 'network' | 'none';

export interface CommandRunner {
  run(
    command: string,
    options: { cwd: string; timeoutMs: number; signal?: AbortSignal; onOutput?: (chunk: string) => void; sandbox?: CommandSandboxMode },
  ): Promise<CommandResult>;
}

export type ApprovalDecision =
  | { kind: 'run'; sandbox?: CommandSandboxMode }
  /** Run now; the trust rule is recorded by the gate's owner (the hooks issue adds the parser that uses it). */
  | { kind: 'runAndTrust' }
  | { kind: 'modify'; command: string; sandbox?: CommandSandboxMode }
  | { kind: 'reject'; reason?: string };

export interface ApprovalGate {
  /** `leaveSandbox`: the model says the command needs the network or to write outside the workspace. */
  approveCommand(request: { command: string; cwd: string; leaveSandbox?: boolean }, signal?: AbortSignal): Promise<ApprovalDecision>;
}

export type TaskState = 'not_started' | 'in_progress' | 'completed';

export interface TaskStatusPort {
  setTaskStatus(update: { spec: string; taskId: string; status: TaskState }): Promise<void>;
}

/** Called before Autopilot writes anything, so the user can roll the prompt back (shadow git, stage 2). */
export interface CheckpointHook {
  beforeApply(paths: string[]): Promise<void>;
}

export interface TextMatch {
  path: string;
  line: number;
  text: string;
}

/** Fast content search (ripgrep); when absent, grepSearch scans files through WorkspaceAccess. */
export interface TextSearch {
  search(
    query: { pattern: string; include?: string; exclude?: string; caseSensitive: boolean; maxResults: number },
    signal?: AbortSignal,
  ): Promise<TextMatch[]>;
}
