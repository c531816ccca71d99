import type { GitDiffSide } from '../../../protocol';
import { useTabs } from '../state/tabs';

/**
 * A diff editor tab: `scm-diff:changes:<path>` (index ↔ working tree) or `scm-diff:staged:<path>` (HEAD ↔ index),
 * so the tab strip, MRU and reopen treat it as one more editor.
 */
const PREFIX = 'scm-diff:';

export const scmDiffTabId = (path: string, side: GitDiffSide): string => `${PREFIX}${side}:${path}`;

export function parseScmDiffTab(tab: string): { side: GitDiffSide; path: string } {
  const rest = tab.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const side = rest.slice(0, colon) === 'staged' ? 'staged' : 'changes';
  return { side, path: rest.slice(colon + 1) };
}

export function openScmDiff(path: string, side: GitDiffSide): void {
  useTabs.getState().open(scmDiffTabId(path, side));
}

export function scmDiffTitle(tab: string): string {
  const { side, path } = parseScmDiffTab(tab);
  return `${path.slice(path.lastIndexOf('/') + 1)} (${side === 'staged' ? 'Index' : 'Working Tree'})`;
}
