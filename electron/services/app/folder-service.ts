import type { EventName, EventOf } from '../../../protocol';
import type { TerminalService } from '../terminal/terminal-service';
import type { WorkspaceService } from '../workspace/workspace-service';

export type EmitEvent = <E extends EventName>(event: E, payload: EventOf<E>) => void;

/** What a folder-scoped service is built from: the open folder's core services and the host's plumbing. */
export interface FolderContext {
  readonly workspace: WorkspaceService;
  readonly terminals: TerminalService;
  /** Broadcasts an event to every renderer connected to this host. */
  readonly emit: EmitEvent;
  /** Keel's own state directory (never inside the workspace). */
  readonly userDataDir: string;
  /** True when no window shows terminals (the CLI): run commands as child processes, not in terminal tabs. */
  readonly headless: boolean;
  /** Another folder service of the same folder (created on first use). */
  scoped<T>(key: FolderServiceKey<T>): T;
}

/**
 * A feature's per-folder service (agent host, hooks engine, git, …). Features declare a key next to their code;
 * the workbench creates the service on first use and disposes it (if it has `dispose`) when the folder closes,
 * so no host or workbench file changes when a feature is added.
 */
export interface FolderServiceKey<T> {
  readonly name: string;
  readonly create: (ctx: FolderContext) => T;
}

export function defineFolderService<T>(name: string, create: (ctx: FolderContext) => T): FolderServiceKey<T> {
  return { name, create };
}
