import { create } from 'zustand';

/**
 * Which view the side bar shows. Kept here until the layout store grows a view switch (the Search view will need
 * the same); the activity bar and the side bar read it.
 */
export type SideView = 'explorer' | 'specs' | 'search';

export const useSideView = create<{ view: SideView; show(view: SideView): void }>()((set) => ({
  view: 'explorer',
  show: (view) => set({ view }),
}));
