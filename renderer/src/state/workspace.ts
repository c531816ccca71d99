import { create } from 'zustand';

interface WorkspaceState {
  name: string;
  root: string;
  set(info: { name: string; root: string }): void;
}

export const useWorkspace = create<WorkspaceState>()((set) => ({
  name: '',
  root: '',
  set: (info) => set(info),
}));
