/**
 * A spec editor is a tab like a file's, keyed `spec:<folder>` so the tab strip, MRU and reopen logic treat it as
 * one more editor; the documents it shows stay ordinary open files of the document manager.
 */
const PREFIX = 'spec:';

export const specTabId = (dir: string): string => PREFIX + dir;
export const isSpecTab = (tab: string | null | undefined): tab is string => !!tab && tab.startsWith(PREFIX);
export const specDirOf = (tab: string): string => tab.slice(PREFIX.length);
