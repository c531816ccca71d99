/** Hook editor tabs: `hook:<file>` for a hook file, `hook:new-<n>` for one not saved yet. */
export const HOOK_SCHEME = 'hook';

export const hookTabId = (file: string): string => `${HOOK_SCHEME}:${file}`;
export const hookFileOf = (tab: string): string => tab.slice(HOOK_SCHEME.length + 1);
export const isNewHookTab = (tab: string): boolean => hookFileOf(tab).startsWith('new-');

let counter = 0;
export const newHookTabId = (): string => `${HOOK_SCHEME}:new-${++counter}`;

/** Readable labels for Kiro's events (the file keeps Kiro's names). */
export const EVENT_LABELS: Record<string, string> = {
  sessionStart: 'Session starts',
  fileEdited: 'File saved',
  fileCreated: 'File created',
  fileDeleted: 'File deleted',
  userTriggered: 'Manual (Run button)',
  promptSubmit: 'Prompt submitted',
  agentStop: 'Agent turn ends',
  preToolUse: 'Before a tool runs',
  postToolUse: 'After a tool runs',
  preTaskExecution: 'Before a spec task',
  postTaskExecution: 'After a spec task',
};
