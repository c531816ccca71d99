import type { ComponentType } from 'react';
import type { DocMeta } from '../state/documents';

/**
 * A bar another feature shows in the spec editor, between its header and its body (the spec writer's phase bar).
 * Registered at import time from the feature's `contribution.ts`, like the workbench's contribution points, so
 * the spec editor needs no knowledge of the feature and the feature no knowledge of the editor's DOM.
 */
export interface SpecEditorBarContribution {
  id: string;
  /** Rendered for every spec editor; renders nothing for specs it has nothing to say about. */
  component: ComponentType<{ specDir: string }>;
  /**
   * True when the bar itself explains why this document is read-only (e.g. "the planner is writing it"), so the
   * editor's generic read-only notice would only repeat it. Other read-only reasons keep their notice.
   */
  explainsReadOnly?(doc: DocMeta, specDir: string): boolean;
}

const bars: SpecEditorBarContribution[] = [];

export function registerSpecEditorBar(bar: SpecEditorBarContribution): void {
  if (bars.some((b) => b.id === bar.id)) throw new Error(`Spec editor bar ${bar.id} is registered twice`);
  bars.push(bar);
}

export const getSpecEditorBars = (): readonly SpecEditorBarContribution[] => bars;

/** Whether the spec editor should show its own read-only notice for `doc`, or leave it to a contributed bar. */
export function showsOwnNotice(doc: DocMeta, specDir: string): boolean {
  return !doc.readOnly || doc.deletedOnDisk || !bars.some((b) => b.explainsReadOnly?.(doc, specDir));
}
