/**
 * What context assembly needs from the outside world. The workspace is the agent's own `WorkspaceAccess` (reads
 * only); everything else is implemented by the host (main process, CLI) and is optional: a missing port makes its
 * chip report "not available here" instead of failing the prompt.
 */
import type { WorkspaceAccess } from '../core/ports';

/** Reads only: context assembly never writes. */
export type ContextWorkspace = Pick<WorkspaceAccess, 'readFile' | 'stat' | 'list' | 'walk' | 'realPath'>;

/** The user's own steering folder (`~/.kiro/steering`), outside the workspace. */
export interface UserSteeringPort {
  /** File names (`*.md`) directly in the folder; empty when it does not exist. */
  list(): Promise<string[]>;
  read(name: string): Promise<string>;
  /** Shown to the user and the model as the file's location, e.g. `~/.kiro/steering/x.md`. */
  displayPath(name: string): string;
}

/** `#terminal`: the recent output of the active (or named) terminal, ANSI codes already stripped by the host. */
export interface TerminalOutputPort {
  recentOutput(options: { maxChars: number; terminal?: string }): Promise<{ title: string; text: string } | undefined>;
}

export interface Problem {
  path: string;
  /** 1-based, as people read them. */
  line: number;
  column?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  source?: string;
}

/** `#problems`: diagnostics the workbench shows (spec lint, TypeScript, …). */
export interface ProblemsPort {
  list(): Promise<Problem[]>;
}

/** `#git diff`: the working tree against HEAD (unified diff, staged and unstaged). */
export interface GitDiffPort {
  diff(options: { maxChars: number }): Promise<string>;
}

export interface CodebaseHit {
  path: string;
  /** 1-based first line of the snippet. */
  line?: number;
  snippet: string;
}

/** `#codebase`: search over the workspace for what the prompt is about (text or semantic; the host decides). */
export interface CodebaseSearchPort {
  search(query: string, options: { maxResults: number; signal?: AbortSignal }): Promise<CodebaseHit[]>;
}

export interface ContextPorts {
  workspace: ContextWorkspace;
  userSteering?: UserSteeringPort;
  terminal?: TerminalOutputPort;
  problems?: ProblemsPort;
  git?: GitDiffPort;
  codebase?: CodebaseSearchPort;
}

/** Something the user should know about the context (a missing include, a refused secret); never thrown. */
export interface ContextProblem {
  code:
    | 'include/missing'
    | 'include/outside'
    | 'include/cycle'
    | 'include/secret'
    | 'include/depth'
    | 'chip/missing'
    | 'chip/unavailable'
    | 'chip/secret'
    | 'chip/truncated'
    | 'steering/unreadable'
    | 'steering/invalid';
  message: string;
  /** The file the problem is about, or the steering file that referenced it. */
  path?: string;
}
