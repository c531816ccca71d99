import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { JsonStore } from '../services/app/user-data';

export interface WindowState {
  bounds: Rectangle | undefined;
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: undefined, maximized: false };

function parse(value: unknown): WindowState {
  if (typeof value !== 'object' || value === null) return DEFAULT;
  const { bounds, maximized } = value as { bounds?: Partial<Rectangle>; maximized?: unknown };
  const ok = bounds && [bounds.x, bounds.y, bounds.width, bounds.height].every((n) => typeof n === 'number' && Number.isFinite(n));
  return { bounds: ok ? (bounds as Rectangle) : undefined, maximized: maximized === true };
}

/** Window position and size, restored at start — unless the display it was on is gone. */
export class WindowStateStore {
  private readonly store: JsonStore<WindowState>;

  constructor(userDataDir: string) {
    this.store = new JsonStore(path.join(userDataDir, 'window-state.json'), parse);
  }

  async load(): Promise<WindowState> {
    const state = await this.store.read();
    if (!state.bounds) return state;
    const visible = screen.getAllDisplays().some((d) => intersects(d.workArea, state.bounds as Rectangle));
    return visible && state.bounds.width >= 400 && state.bounds.height >= 300 ? state : { ...state, bounds: undefined };
  }

  /** Saves on close and (debounced) on move/resize, so a crash keeps the last layout too. */
  track(window: BrowserWindow): void {
    let timer: NodeJS.Timeout | undefined;
    const save = () => {
      if (window.isDestroyed()) return;
      void this.store.write({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }).catch(() => undefined);
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 500);
    };
    window.on('resize', later);
    window.on('move', later);
    window.on('close', () => {
      clearTimeout(timer);
      save();
    });
  }
}

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
