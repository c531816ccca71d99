/** The one thing that says what a tool call did, for the collapsed card: a path, a command, a query. */
export function toolSummary(name: string, input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const i = input as Record<string, unknown>;
  const pick = (...keys: string[]) => {
    for (const k of keys) if (typeof i[k] === 'string' && i[k]) return i[k] as string;
    return '';
  };
  switch (name) {
    case 'executeBash':
      return pick('command');
    case 'grepSearch':
    case 'fileSearch':
      return pick('query', 'pattern', 'glob');
    case 'loadSkill':
      return pick('name');
    default:
      return pick('path', 'file', 'query', 'command', 'taskId');
  }
}

/** Tool names as a person reads them. */
export const TOOL_TITLES: Record<string, string> = {
  readFile: 'Read file',
  listDirectory: 'List directory',
  fileSearch: 'Find files',
  grepSearch: 'Search text',
  fsWrite: 'Write file',
  strReplace: 'Edit file',
  deleteFile: 'Delete file',
  executeBash: 'Run command',
  taskStatus: 'Update task',
  loadSkill: 'Load skill',
};

export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
