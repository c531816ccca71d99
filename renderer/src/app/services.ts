import { createClient, type Client } from '../../../protocol/client';
import type { Transport } from '../../../protocol';
import type { HostTransport } from './hostTransport';
import { CommandRegistry } from '../commands/registry';
import { detectPlatform } from '../commands/keybinding';
import { DocumentManager } from '../editor/documentManager';
import { loadMonaco } from '../editor/monacoLoader';
import { useConnection } from '../state/connection';
import { useDocuments } from '../state/documents';
import { createExplorerStore, type ExplorerStore } from '../state/explorer';
import { notifyError } from '../state/notifications';
import { useTerminals } from '../state/terminals';
import { useWorkspace } from '../state/workspace';
import { TerminalService } from '../terminal/terminalService';

export interface Services {
  client: Client;
  registry: CommandRegistry;
  documents: DocumentManager;
  explorer: ExplorerStore;
  terminals: TerminalService;
}

let services: Services | null = null;

export function getServices(): Services {
  if (!services) throw new Error('Keel services are not started');
  return services;
}

/** Picks the host's transport and wires the services to its events. Called once by main.tsx. */
export function startServices(host: HostTransport): Services {
  const reconnectHooks: (() => void)[] = [];
  if (host.kind === 'electron') {
    useConnection.setState({ status: 'connected', host: 'electron' });
  } else {
    const ws = host.transport;
    ws.onStatus((status) => useConnection.getState().set(status));
    ws.onReconnect(() => reconnectHooks.forEach((h) => h()));
    useConnection.setState({ status: ws.status(), host: 'browser' });
  }
  const transport: Transport = host.transport;
  const client = createClient(transport);
  const registry = new CommandRegistry(detectPlatform(navigator));
  const documents = new DocumentManager(client, useDocuments, async () => (await loadMonaco()).createBuffer);
  documents.onError = (path, err) => notifyError(`Could not save ${path}`, err);
  const explorer = createExplorerStore((path) => client.request('workspace/list', { path }));
  const terminals = new TerminalService(client);

  // The host switched folders or is quitting: this page's paths no longer mean what they did.
  client.on('app/workspaceClosing', () => {
    documents.freeze();
    useWorkspace.getState().set({ closed: true });
  });
  client.on('workspace/changed', ({ changes }) => {
    void explorer.getState().applyChanges(changes);
    documents.handleChanges(changes);
  });
  // Events may have been missed while the socket was down: re-read what is on screen.
  reconnectHooks.push(() => {
    void explorer.getState().refreshAll();
    documents.recheckAll();
    if (useTerminals.getState().restored) {
      void terminals.restore(true).catch((err) => notifyError('Could not reattach terminals', err));
    }
  });

  services = { client, registry, documents, explorer, terminals };
  return services;
}

/**
 * The first requests, sent before React renders so they travel while the socket opens and the first frame is
 * built: start-up time is a benchmark.
 */
export function loadWorkspace({ client, explorer }: Services): void {
  client.request('workspace/info', {}).then(
    (info) => {
      useWorkspace.getState().set(info);
      document.title = `${info.name} — Keel`;
    },
    (err) => notifyError('Could not read the workspace', err),
  );
  void explorer.getState().load('');
  client.request('app/info', {}).then(
    (info) => useWorkspace.getState().set({ canOpenFolder: info.canOpenFolder }),
    () => {},
  );
  client.request('app/recentFolders', {}).then(
    (recent) => useWorkspace.getState().set({ recent }),
    () => {},
  );
}
