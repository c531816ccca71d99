import { create } from 'zustand';

/**
 * "Chat: Focus" asks for the prompt box; the box may not exist yet (the chat chunk is still loading), so the
 * request is a counter the prompt box reads when it mounts and whenever it changes.
 */
export const useChatFocus = create<{ requests: number; request(): void }>()((set, get) => ({
  requests: 0,
  request: () => set({ requests: get().requests + 1 }),
}));
