import { create } from 'zustand';

interface WorkspaceState {
  name: string;
  root: string;
  /** The host can show a native folder picker (the desktop app). */
  canOpenFolder: boolean;
  recent: string[];
  /** The host closed this folder (switched to another or is quitting). */
  closed: boolean;
  set(patch: Partial<Omit<WorkspaceState, 'set'>>): void;
}

export const useWorkspace = create<WorkspaceState>()((set) => ({
  name: '',
  root: '',
  canOpenFolder: false,
  recent: [],
  closed: false,
  set: (patch) => set(patch),
}));
