/** `.kiro/settings/mcp.json`: read tolerantly, validated per server, edited one server at a time. */
import { diag, type Diagnostic } from '../diagnostics';
import { McpConfigSchema, McpServerSchema, type McpServer } from '../schemas/mcp-schema';
import type { EditResult } from '../text/edits';
import { asRecord, parseJsonDoc, setJsonValue, type JsonDoc } from './json-doc';
import { issuesToDiagnostics } from './json-validate';

export interface McpServerEntry {
  name: string;
  /** The server object as written (unknown keys included). */
  value: Record<string, unknown>;
  transport: 'local' | 'remote' | 'unknown';
  disabled: boolean;
}

export interface McpDoc {
  kind: 'mcp';
  json: JsonDoc;
  servers: McpServerEntry[];
  diagnostics: Diagnostic[];
}

export function parseMcp(text: string): McpDoc {
  const json = parseJsonDoc(text);
  const diagnostics = [...json.diagnostics];
  const servers: McpServerEntry[] = [];
  const root = asRecord(json.value);
  const map = asRecord(root?.mcpServers);
  for (const [name, v] of Object.entries(map ?? {})) {
    const value = asRecord(v) ?? {};
    servers.push({ name, value, transport: typeof value.command === 'string' ? 'local' : typeof value.url === 'string' ? 'remote' : 'unknown', disabled: value.disabled === true });
  }
  if (root && !json.diagnostics.length) {
    const result = McpConfigSchema.safeParse(root);
    if (!result.success) diagnostics.push(...issuesToDiagnostics(json, result.error.issues, 'mcp/invalid'));
  } else if (!root && !json.diagnostics.length) {
    diagnostics.push(diag('error', 'mcp/not-object', 'mcp.json must hold a JSON object with "mcpServers".', 0, 0));
  }
  return { kind: 'mcp', json, servers, diagnostics };
}

/** Adds or replaces one server after validating it; an invalid server is refused with diagnostics. */
export function setMcpServer(doc: McpDoc, name: string, server: McpServer): EditResult {
  const result = McpServerSchema.safeParse(server);
  if (!name.trim()) return { text: doc.json.text, changes: [], diagnostics: [diag('error', 'mcp/invalid', 'A server needs a name.', 0, 0)] };
  if (!result.success) {
    return { text: doc.json.text, changes: [], diagnostics: result.error.issues.map((i) => diag('error', 'mcp/invalid', `${name}: ${i.message}`, 0, 0)) };
  }
  if (doc.json.text.trim() === '') {
    const text = JSON.stringify({ mcpServers: { [name]: server } }, null, 2) + '\n';
    return { text, changes: [{ start: 0, end: doc.json.text.length, text }], diagnostics: [] };
  }
  return setJsonValue(doc.json, ['mcpServers', name], server);
}

export function removeMcpServer(doc: McpDoc, name: string): EditResult {
  if (!doc.servers.some((s) => s.name === name)) return { text: doc.json.text, changes: [], diagnostics: [] };
  return setJsonValue(doc.json, ['mcpServers', name], undefined);
}

/** Turns a server on or off without touching its other settings. */
export function setMcpServerDisabled(doc: McpDoc, name: string, disabled: boolean): EditResult {
  if (!doc.servers.some((s) => s.name === name)) {
    return { text: doc.json.text, changes: [], diagnostics: [diag('error', 'mcp/unknown-server', `No server named "${name}".`, 0, 0)] };
  }
  return setJsonValue(doc.json, ['mcpServers', name, 'disabled'], disabled);
}

export function serializeMcp(doc: McpDoc): string {
  return doc.json.text;
}
