/**
 * The one table from the tool names Kiro files use to Keel's tools. Custom agents name tools by Kiro IDE category
 * tags (`read`, `write`, `shell`…), by Kiro's internal names (`fs_write`, `execute_bash`, `readFile`), by Claude
 * Code's names (`Read, Edit, Bash`), by MCP server (`@context7`, `@mcp`) or all at once (`*`).
 */

/** Kiro IDE's category tags (kiro.dev › Custom agents). `web` and `subagent` have no Keel tool yet. */
export const TOOL_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  read: ['readFile', 'listDirectory', 'fileSearch', 'grepSearch', 'loadSkill'],
  write: ['fsWrite', 'strReplace', 'deleteFile'],
  shell: ['executeBash'],
  context: ['taskStatus', 'loadSkill'],
  web: [],
  subagent: [],
};

/** Single tool names → Keel tools. Case matters: `read` is a category, `Read` is Claude Code's file reader. */
export const TOOL_NAMES: Readonly<Record<string, readonly string[]>> = {
  // Keel's own names, which are also Kiro IDE's.
  readFile: ['readFile'],
  listDirectory: ['listDirectory'],
  fileSearch: ['fileSearch'],
  grepSearch: ['grepSearch'],
  fsWrite: ['fsWrite'],
  strReplace: ['strReplace'],
  deleteFile: ['deleteFile'],
  executeBash: ['executeBash'],
  taskStatus: ['taskStatus'],
  loadSkill: ['loadSkill'],
  // Kiro IDE names for the same tools.
  readCode: ['readFile'],
  readMultipleFiles: ['readFile'],
  fsAppend: ['fsWrite'],
  editCode: ['strReplace'],
  // Kiro CLI / hook names.
  fs_read: ['readFile', 'listDirectory'],
  fs_write: ['fsWrite', 'strReplace'],
  fs_append: ['fsWrite'],
  str_replace: ['strReplace'],
  delete_file: ['deleteFile'],
  execute_bash: ['executeBash'],
  execute_cmd: ['executeBash'],
  glob: ['fileSearch'],
  grep: ['grepSearch'],
  // Claude Code names.
  Read: ['readFile'],
  Write: ['fsWrite'],
  Edit: ['strReplace'],
  MultiEdit: ['strReplace'],
  Glob: ['fileSearch'],
  Grep: ['grepSearch'],
  LS: ['listDirectory'],
  Bash: ['executeBash'],
};

/** Known Kiro / Claude tools Keel does not have (yet): named in a warning, granting nothing. */
export const TOOLS_WITHOUT_KEEL_EQUIVALENT = new Set([
  'web_fetch',
  'web_search',
  'webFetch',
  'remote_web_search',
  'WebFetch',
  'WebSearch',
  'Task',
  'use_subagent',
  'getDiagnostics',
  'use_aws',
  'todo_list',
  'knowledge',
  'introspect',
  'thinking',
  'TodoWrite',
  'NotebookEdit',
]);
