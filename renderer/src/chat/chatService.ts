import { useStore } from 'zustand';
import { getServices } from '../app/services';
import { hostTransport } from '../app/hostTransport';
import { ChatController } from './chatController';
import { createChatStore, type ChatState } from './chatStore';
import { startMcpToolNames } from './mcpToolNames';
import { currentWorkbench } from './workbenchContext';

let controller: ChatController | null = null;

/**
 * The chat controller, created when the pane first opens (it lives in the lazily loaded chat chunk) and kept for
 * the page's life, so a turn keeps streaming into the transcript while another side view is shown.
 */
export function getChat(): ChatController {
  if (controller) return controller;
  const c = new ChatController(getServices().client, createChatStore(), undefined, currentWorkbench);
  controller = c;
  void c.start();
  // MCP tool cards are titled by their server and tool, from the host's MCP status.
  startMcpToolNames(getServices().client);
  // Events may have been missed while the socket was down: load the open sessions again.
  if (hostTransport.kind === 'browser') hostTransport.transport.onReconnect(() => void c.reload());
  return c;
}

export function useChat<T>(select: (s: ChatState) => T): T {
  return useStore(getChat().store, select);
}
