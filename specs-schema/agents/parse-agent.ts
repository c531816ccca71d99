/**
 * Custom agents (`.kiro/agents/*.md`, `~/.kiro/agents/*.md`): YAML front matter (`name`, `description`, `model`,
 * `tools`, `allowedTools`, `disallowedTools`, `mcpServers`, `permissions`) and a Markdown body that is the agent's
 * prompt. Real files write `tools` as a YAML list, a JSON array, a comma string (`Read, Edit, Bash`) or `["*"]`,
 * name MCP servers (`@context7`), add keys of Kiro CLI's JSON format (`resources`, `includeMcpJson`) or their own,
 * and some have no front matter at all. Everything is kept; what Keel does not know is a warning, never a crash.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { joinLines, type SourceLine } from '../text/lines';
import { baseName, bodyText, nameList, optionalString, parseFrontMatterMarkdown, reportExtraKeys, type NameList } from './front-matter';

export interface CustomAgentDoc {
  kind: 'agent';
  lines: SourceLine[];
  hasFrontMatter: boolean;
  /** The front matter's `name`, else the file's path below the agents folder without `.md`. */
  name: string;
  description?: string;
  model?: string;
  /** As written; absent when the file does not say (Keel then gives the default tool set, as for Kiro's default agent). */
  tools?: NameList;
  allowedTools?: NameList;
  disallowedTools?: NameList;
  /** Server name → its configuration, as in mcp.json (kept as written). */
  mcpServers?: Record<string, Record<string, unknown>>;
  /** Permission rules as written (a list, or `{rules: […]}`); parsed only — the permissions engine applies them. */
  permissions?: unknown;
  /** Keys Keel does not use, with their values. */
  extra: Record<string, unknown>;
  /** The body: the agent's prompt, without the blank lines around it. */
  prompt: string;
  bodyStart: number;
  diagnostics: Diagnostic[];
}

const KNOWN = new Set(['name', 'description', 'model', 'tools', 'allowedTools', 'disallowedTools', 'mcpServers', 'permissions']);
/** Keys of Kiro's agent formats (IDE Markdown and CLI JSON) that Keel keeps but does not act on yet. */
const KIRO_KEYS = new Set(['resources', 'includeMcpJson', 'useLegacyMcpJson', 'toolAliases', 'toolsSettings', 'hooks', 'prompt', 'welcomeMessage', 'keyboardShortcut']);

/** `path` (relative to the agents folder, e.g. `team/planner.md`) names an agent whose front matter does not. */
export function parseCustomAgent(source: string, path = 'agent.md'): CustomAgentDoc {
  const fm = parseFrontMatterMarkdown(source, 'agent', 'Agent');
  const p = 'agent';
  const named = optionalString(fm, 'name', p);
  const doc: CustomAgentDoc = {
    kind: 'agent',
    lines: fm.lines,
    hasFrontMatter: fm.frontMatter !== undefined,
    name: named?.trim() || path.replace(/\\/g, '/').replace(/\.md$/i, '') || baseName(path),
    extra: {},
    prompt: bodyText(fm),
    bodyStart: fm.bodyStart,
    diagnostics: fm.diagnostics,
  };
  const description = optionalString(fm, 'description', p);
  if (description !== undefined) doc.description = description.trim();
  const model = optionalString(fm, 'model', p);
  if (model !== undefined) doc.model = model.trim();
  for (const key of ['tools', 'allowedTools', 'disallowedTools'] as const) {
    const list = nameList(fm, key, p);
    if (list) doc[key] = list;
  }
  const servers = fm.data.mcpServers;
  if (servers !== undefined && servers !== null) {
    if (isRecord(servers) && Object.values(servers).every(isRecord)) doc.mcpServers = servers as Record<string, Record<string, unknown>>;
    else doc.diagnostics.push(diag('error', 'agent/invalid', '"mcpServers" must map server names to their configuration, as in mcp.json.', fm.keyLine('mcpServers'), 0));
  }
  if (fm.data.permissions !== undefined) doc.permissions = fm.data.permissions;
  doc.extra = reportExtraKeys(fm, KNOWN, p, 'agent', KIRO_KEYS);
  return doc;
}

export function serializeCustomAgent(doc: CustomAgentDoc): string {
  return joinLines(doc.lines);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
