import { lazy } from 'react';
import { useLayout } from '../state/layout';
import { registerCommands, registerSideView, registerStatusItem } from '../workbench/contributions';
import { ChatStatusItem } from './ChatStatusItem';
import { ChatIcon } from './ChatIcon';
import { useChatFocus } from './chatFocus';

// The pane, its Markdown renderer and its controller load when the chat is first shown, not at start-up.
const ChatView = lazy(() => import('./ChatView'));

const showChat = () => {
  useLayout.getState().showSideView('chat');
  useChatFocus.getState().request();
};

registerSideView({ id: 'chat', title: 'Chat', icon: ChatIcon, order: 60, commandId: 'keel.chat.focus', component: ChatView });

registerStatusItem({ id: 'chat.running', align: 'left', order: 18, component: ChatStatusItem });

registerCommands((register) => {
  register({
    id: 'keel.chat.focus',
    category: 'Chat',
    title: 'Focus',
    // As in Kiro and Cursor.
    keybindings: ['ctrlcmd+l'],
    inTerminal: true,
    run: showChat,
  });
  register({
    id: 'keel.chat.newSession',
    category: 'Chat',
    title: 'New Session',
    run: async () => {
      showChat();
      const { getChat } = await import('./chatService');
      await getChat().newSession();
    },
  });
});
