import { create } from 'zustand';

export type Theme = 'light' | 'dark';

const THEME_KEY = 'keel.theme';
const LAYOUT_KEY = 'keel.layout';

interface StoredLayout {
  sidebarVisible: boolean;
  panelVisible: boolean;
  /** Which contributed side view the side bar shows (Explorer, Search, Specs, …). */
  sideView: string;
  /** Which contributed bottom-panel tab is shown (Terminal, Problems, …). */
  panelView: string;
}

export interface LayoutState extends StoredLayout {
  /** The theme in effect: the user's choice if they made one, else the OS preference. */
  theme: Theme;
  /** True once the user toggled the theme; the OS preference no longer applies. */
  themeChosen: boolean;
  toggleSidebar(): void;
  setSidebar(visible: boolean): void;
  /** Shows the side bar with this view. */
  showSideView(id: string): void;
  /** Shows the bottom panel with this tab. */
  showPanel(id: string): void;
  togglePanel(): void;
  setPanel(visible: boolean): void;
  toggleTheme(): void;
  followSystemTheme(theme: Theme): void;
}

function readJson<T>(key: string): Partial<T> {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as Partial<T>) : {};
  } catch {
    return {};
  }
}

function write(key: string, value: string) {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    /* storage full or disabled: the layout simply is not remembered */
  }
}

function systemTheme(): Theme {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function storedTheme(): Theme | null {
  try {
    const t = globalThis.localStorage?.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch {
    return null;
  }
}

export const useLayout = create<LayoutState>()((set, get) => {
  const stored = readJson<StoredLayout>(LAYOUT_KEY);
  const chosen = storedTheme();
  const persist = () => {
    const { sidebarVisible, panelVisible, sideView, panelView } = get();
    write(LAYOUT_KEY, JSON.stringify({ sidebarVisible, panelVisible, sideView, panelView }));
  };
  return {
    sidebarVisible: stored.sidebarVisible ?? true,
    panelVisible: stored.panelVisible ?? false,
    sideView: typeof stored.sideView === 'string' ? stored.sideView : 'explorer',
    panelView: typeof stored.panelView === 'string' ? stored.panelView : 'terminal',
    theme: chosen ?? systemTheme(),
    themeChosen: chosen !== null,
    toggleSidebar: () => get().setSidebar(!get().sidebarVisible),
    setSidebar(visible) {
      set({ sidebarVisible: visible });
      persist();
    },
    showSideView(id) {
      set({ sideView: id, sidebarVisible: true });
      persist();
    },
    showPanel(id) {
      set({ panelView: id, panelVisible: true });
      persist();
    },
    togglePanel: () => get().setPanel(!get().panelVisible),
    setPanel(visible) {
      set({ panelVisible: visible });
      persist();
    },
    toggleTheme() {
      const theme = get().theme === 'dark' ? 'light' : 'dark';
      write(THEME_KEY, theme);
      set({ theme, themeChosen: true });
    },
    followSystemTheme(theme) {
      if (!get().themeChosen) set({ theme });
    },
  };
});
