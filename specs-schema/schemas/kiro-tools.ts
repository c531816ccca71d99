/**
 * The one table of tool names: Keel's built-in agent tools and the names Kiro's hooks use for the same tools
 * (`matcher: "fs_write|str_replace"`, `execute_bash`, …), with the 0.x `toolTypes` category of each. A v1 matcher
 * or a 0.x tool type matches a Keel tool when it matches its own name or any of its Kiro names.
 */
export interface ToolNames {
  /** Kiro's names for this tool (IDE 1.0 and CLI), most common first. */
  kiro: readonly string[];
  /** The 0.x `toolTypes` category. */
  category: 'read' | 'write' | 'shell' | 'web' | 'spec';
}

export const KEEL_TOOLS: Readonly<Record<string, ToolNames>> = {
  readFile: { kiro: ['read', 'fs_read', 'read_file', 'readFile'], category: 'read' },
  listDirectory: { kiro: ['list_directory', 'ls', 'listDirectory'], category: 'read' },
  fileSearch: { kiro: ['file_search', 'glob', 'fileSearch'], category: 'read' },
  grepSearch: { kiro: ['grep_search', 'grep', 'grepSearch'], category: 'read' },
  fsWrite: { kiro: ['fs_write', 'write', 'fsWrite'], category: 'write' },
  strReplace: { kiro: ['str_replace', 'edit', 'strReplace'], category: 'write' },
  deleteFile: { kiro: ['delete_file', 'deleteFile'], category: 'write' },
  executeBash: { kiro: ['execute_bash', 'shell', 'executeBash'], category: 'shell' },
  taskStatus: { kiro: ['task_status', 'taskStatus'], category: 'spec' },
};

/** Every name a tool answers to in a hook: its own and Kiro's (an MCP or unknown tool: just its own). */
export function toolAliases(name: string): string[] {
  const entry = KEEL_TOOLS[name];
  return entry ? [name, ...entry.kiro.filter((k) => k !== name)] : [name];
}

/** Kiro's tool names of a 0.x category, as a v1 matcher alternative (`write` → `fs_write|str_replace|…`). */
export function kiroNamesOfCategory(category: string): string[] {
  const names = Object.values(KEEL_TOOLS)
    .filter((t) => t.category === category)
    .map((t) => t.kiro[0] as string);
  // Kiro's own append tool has no Keel twin, but a write hook written for Kiro means it too.
  return category === 'write' ? [...names.slice(0, 2), 'fs_append', ...names.slice(2)] : names;
}
