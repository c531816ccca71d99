import { create } from 'zustand';
import type { ConnectionStatus } from '../transport/wsTransport';

interface ConnectionState {
  status: ConnectionStatus;
  host: 'electron' | 'browser';
  set(status: ConnectionStatus): void;
}

export const useConnection = create<ConnectionState>()((set) => ({
  status: 'connecting',
  host: 'browser',
  set: (status) => set({ status }),
}));
