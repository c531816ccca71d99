import { CommandRulesStore } from './command/command-rules-store';
import { CommandTrust } from './command/command-trust';
import { WorkspaceTrustStore } from './workspace/workspace-trust-store';

/**
 * Trust state is per user, not per folder: one store per user data dir for the whole process, so two folder
 * services (or a reopened folder) never hold diverging copies of the same JSON file.
 */
const trustStores = new Map<string, Promise<WorkspaceTrustStore>>();
const rulesStores = new Map<string, Promise<CommandRulesStore>>();
let commandTrust: Promise<CommandTrust> | undefined;

export function sharedTrustStore(userDataDir: string): Promise<WorkspaceTrustStore> {
  let store = trustStores.get(userDataDir);
  if (!store) {
    store = WorkspaceTrustStore.open(userDataDir);
    // A failed open (unreadable dir) is retried on the next use rather than cached.
    store.catch(() => trustStores.delete(userDataDir));
    trustStores.set(userDataDir, store);
  }
  return store;
}

export function sharedCommandTrust(): Promise<CommandTrust> {
  commandTrust ??= CommandTrust.create();
  commandTrust.catch(() => (commandTrust = undefined));
  return commandTrust;
}

export function sharedRulesStore(userDataDir: string): Promise<CommandRulesStore> {
  let store = rulesStores.get(userDataDir);
  if (!store) {
    store = sharedCommandTrust().then((trust) => CommandRulesStore.open(userDataDir, trust));
    store.catch(() => rulesStores.delete(userDataDir));
    rulesStores.set(userDataDir, store);
  }
  return store;
}
