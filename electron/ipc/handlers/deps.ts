import type { RecentFolders } from '../../services/app/user-data';
import type { EmitEvent } from '../../services/app/folder-service';
import type { Workbench } from '../../services/app/workbench';

/** What differs between the Electron host and the browser host — and nothing else. */
export interface HostInfo {
  kind: 'electron' | 'browser';
  version: string;
  /** Electron shows a native dialog; the browser host has none and returns undefined. */
  pickFolder?: () => Promise<string | undefined>;
}

/** What every feature's handler factory receives. */
export interface HandlerDeps {
  host: HostInfo;
  workbench: Workbench;
  recent: RecentFolders;
  /** Broadcasts an event to every connected renderer. */
  emit: EmitEvent;
  /** Keel's own state directory (never inside the workspace). */
  userDataDir: string;
}
