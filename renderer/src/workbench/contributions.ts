import { useSyncExternalStore, type ComponentType } from 'react';
import type { Services } from '../app/services';
import type { CommandSpec } from '../commands/registry';

/**
 * How a feature adds itself to the workbench without editing it (VS Code's contribution points, in small):
 * each feature folder has a `contribution.ts` that calls these at import time; `renderer/src/contributions.ts`
 * imports them all before the first render. Components may be `React.lazy` so a feature's code loads when it is
 * first shown, not at start-up.
 */

/** A view in the side bar with its activity-bar button. */
export interface SideViewContribution {
  id: string;
  title: string;
  /** 24px icon for the activity bar. */
  icon: ComponentType<{ size?: number }>;
  /** Position in the activity bar (Explorer 10, Search 20, Source Control 30, Specs 40, …). */
  order: number;
  /** The command that shows the view; its key binding shows in the tooltip. */
  commandId?: string;
  component: ComponentType;
}

/** An editor for tabs that are not files: tab ids `<scheme>:<rest>` (e.g. `spec:.kiro/specs/x`, `review:3`). */
export interface EditorContribution {
  scheme: string;
  component: ComponentType<{ tab: string }>;
  /** Tab label. */
  title(tab: string): string;
  /** Tooltip; defaults to the title. */
  description?(tab: string): string;
  /** Unsaved changes that closing the tab would lose (asked about like a dirty file). */
  isDirty?(tab: string): boolean;
  /** Ctrl/Cmd+S and "Save" in the close prompt; resolves false when not saved. */
  save?(tab: string): Promise<boolean>;
  /** After the tab closed (release models, subscriptions). */
  onClose?(tab: string): void;
}

/** A tab of the bottom panel beside Terminal (Problems, Output, …). */
export interface PanelContribution {
  id: string;
  title: string;
  order: number;
  component: ComponentType;
  /** Shown in the panel header beside the tabs (the terminal's tabs and buttons). */
  toolbar?: ComponentType;
  /** A small count beside the title (e.g. problems); a hook, called during render. */
  useBadge?: () => number;
}

/** An item in the status bar. */
export interface StatusItemContribution {
  id: string;
  align: 'left' | 'right';
  /** Lower is further left. */
  order: number;
  component: ComponentType;
}

type CommandsContribution = (register: (spec: CommandSpec) => unknown, services: Services) => void;

const sideViews: SideViewContribution[] = [];
const editors = new Map<string, EditorContribution>();
const panels: PanelContribution[] = [];
const statusItems: StatusItemContribution[] = [];
const commandContributions: CommandsContribution[] = [];

const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;

export function registerSideView(view: SideViewContribution): void {
  if (sideViews.some((v) => v.id === view.id)) throw new Error(`Side view ${view.id} is registered twice`);
  sideViews.push(view);
  sideViews.sort(byOrder);
}

export function registerEditor(editor: EditorContribution): void {
  if (!/^[a-z][a-z0-9-]*$/.test(editor.scheme)) throw new Error(`Bad editor scheme ${JSON.stringify(editor.scheme)}`);
  if (editors.has(editor.scheme)) throw new Error(`Editor scheme ${editor.scheme} is registered twice`);
  editors.set(editor.scheme, editor);
}

export function registerPanel(panel: PanelContribution): void {
  if (panels.some((p) => p.id === panel.id)) throw new Error(`Panel ${panel.id} is registered twice`);
  panels.push(panel);
  panels.sort(byOrder);
}

export function registerStatusItem(item: StatusItemContribution): void {
  statusItems.push(item);
  statusItems.sort(byOrder);
}

/** Commands are registered once the services exist (the palette, key bindings and menus read the registry). */
export function registerCommands(contribution: CommandsContribution): void {
  commandContributions.push(contribution);
}

export const getSideViews = (): readonly SideViewContribution[] => sideViews;
export const getPanels = (): readonly PanelContribution[] => panels;
export const getStatusItems = (align: 'left' | 'right'): readonly StatusItemContribution[] =>
  statusItems.filter((i) => i.align === align);

/** The contributed editor for a tab id, or undefined for a file path. */
let titlesVersion = 0;
const titleListeners = new Set<() => void>();

/** A contributed editor's `title(tab)` answers differently now (e.g. a review learnt which task it is for). */
export function notifyEditorTitlesChanged(): void {
  titlesVersion++;
  for (const listener of titleListeners) listener();
}

/** Re-renders the caller (the tab strip) whenever a contributed editor's titles change. */
export function useEditorTitlesVersion(): number {
  return useSyncExternalStore(
    (onChange) => {
      titleListeners.add(onChange);
      return () => titleListeners.delete(onChange);
    },
    () => titlesVersion,
  );
}

export function editorFor(tab: string | null | undefined): EditorContribution | undefined {
  if (!tab) return undefined;
  const colon = tab.indexOf(':');
  return colon > 0 ? editors.get(tab.slice(0, colon)) : undefined;
}

export function runCommandContributions(register: (spec: CommandSpec) => unknown, services: Services): void {
  for (const contribute of commandContributions) contribute(register, services);
}
