import type { RecentFolders } from '../../services/app/user-data';
import type { Workbench } from '../../services/app/workbench';
import type { Handlers } from '../router';
import { agentHandlers } from './agent';
import { appHandlers } from './app';
import { changesHandlers } from './changes';
import type { HandlerDeps, HostInfo } from './deps';
import { gitHandlers } from './git';
import { searchHandlers } from './search';
import { specsHandlers } from './specs';
import { specwriterHandlers } from './specwriter';
import { steeringHandlers } from './steering';
import { tasksHandlers } from './tasks';
import { terminalHandlers } from './terminal';
import { trustHandlers } from './trust';
import { workspaceHandlers } from './workspace';

export type { HandlerDeps, HostInfo } from './deps';

/**
 * The one handler set both hosts register: every channel of the contract maps onto a service call. Each feature
 * contributes its own handler factory (one file here per protocol/<feature>.ts); a channel without a handler is a
 * compile error.
 */
export function createHandlers(host: { host: HostInfo; workbench: Workbench; recent: RecentFolders }): Handlers {
  const deps: HandlerDeps = { ...host, emit: host.workbench.emit, userDataDir: host.workbench.userDataDir };
  return {
    ...appHandlers(deps),
    ...workspaceHandlers(deps),
    ...terminalHandlers(deps),
    ...searchHandlers(deps),
    ...specsHandlers(deps),
    ...steeringHandlers(deps),
    ...agentHandlers(deps),
    ...changesHandlers(deps),
    ...tasksHandlers(deps),
    ...trustHandlers(deps),
    ...gitHandlers(deps),
    ...specwriterHandlers(deps),
  };
}
